"""The deployment files, checked without Docker: the Dockerfiles (parsed line by line), docker-compose.yml, and
deploy/endpoints.yml read by Rasa's own reader. The Helm chart: test_helm_chart.py."""

from __future__ import annotations

import ast
import fnmatch
import importlib.metadata
import importlib.util
import json
import os
import re
import shlex
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
HELM = DEPLOY / "helm"
ENDPOINTS = DEPLOY / "endpoints.yml"
FIRST_PARTY = {"bot", "actions", "knowledge", "tests"}
SECRET_NAME = re.compile(r"PASSWORD|TOKEN|SECRET|JWT_KEY")
REQUIRED_SECRETS = ("DB_PASSWORD", "KNOWLEDGE_DB_PASSWORD", "REDIS_PASSWORD", "RASA_AUTH_TOKEN")
DUMMY_SECRETS = {name: f"dummy-{name.lower()}" for name in REQUIRED_SECRETS}


# --- YAML -------------------------------------------------------------------------------------------------------
class PlainLoader(yaml.SafeLoader):
    """PyYAML's safe loader without the `${VAR}` resolver Rasa adds to every loader when it is imported."""


PlainLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "!env_var"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path: Path) -> Any:
    """The YAML document in `path`, `${VAR}` left as text."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=PlainLoader)  # a safe loader


def placeholders(value: Any) -> set[str]:
    """Every VAR of a `${VAR}` in the strings of a parsed document."""
    return set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", json.dumps(value)))


ENDPOINT_VARS = sorted(placeholders(load_yaml(ENDPOINTS)))


# --- Dockerfiles ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Instruction:
    """One Dockerfile instruction; `stage` counts the FROM lines from 0."""

    stage: int
    keyword: str
    args: str


def instructions(path: Path) -> list[Instruction]:
    """The instructions of a Dockerfile: comments dropped, continuation lines joined."""
    result: list[Instruction] = []
    stage, pending = -1, ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, args = (pending + line).partition(" ")
        pending = ""
        if keyword.upper() == "FROM":
            stage += 1
        result.append(Instruction(stage, keyword.upper(), args.strip()))
    assert not pending, f"{path.name} ends in a continuation line"
    return result


def stages(path: Path) -> list[tuple[str, str | None]]:
    """(image, alias) of every FROM."""
    result = []
    for ins in instructions(path):
        if ins.keyword == "FROM":
            words = ins.args.split()
            result.append((words[0], words[2] if len(words) == 3 and words[1].upper() == "AS" else None))
    return result


def final_stage(path: Path, keyword: str) -> list[Instruction]:
    """The final stage's instructions of one kind."""
    found = instructions(path)
    last = max(i.stage for i in found)
    return [i for i in found if i.stage == last and i.keyword == keyword]


def exec_form(args: str) -> list[str]:
    """The JSON (exec) form of CMD/ENTRYPOINT."""
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), args
    return value


def copies(path: Path) -> list[tuple[dict[str, str], list[str], str]]:
    """(flags, sources, destination) of every COPY."""
    result = []
    for ins in instructions(path):
        if ins.keyword == "COPY":
            words = shlex.split(ins.args)
            flags = dict(w[2:].split("=", 1) for w in words if w.startswith("--"))
            rest = [w for w in words if not w.startswith("--")]
            result.append((flags, rest[:-1], rest[-1]))
    return result


def pip_pins(path: Path) -> dict[str, str]:
    """Normalised name -> version of every `name==version` in a RUN pip install."""
    pins: dict[str, str] = {}
    for ins in instructions(path):
        if ins.keyword == "RUN" and "pip install" in ins.args:
            for name, version in re.findall(r"([A-Za-z0-9][A-Za-z0-9_.\-]*)==([0-9][^\s\"']*)", ins.args):
                pins[normalise(name)] = version
    return pins


def normalise(name: str) -> str:
    """A distribution name as pip compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()


def constraints() -> dict[str, str]:
    """constraints.txt as normalised name -> version."""
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[normalise(name)] = version.strip()
    return pins


def ignore_patterns(dockerfile: Path) -> list[str]:
    """The Dockerfile's own ignore file (`<Dockerfile>.dockerignore`, read by BuildKit)."""
    path = Path(f"{dockerfile}.dockerignore")
    assert path.is_file(), f"{path.name} is missing: the build context would hold .venv, models/ and var/"
    lines = (line.strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def ignored(relative: str, patterns: list[str]) -> bool:
    """Whether the build context leaves `relative` out (.dockerignore rules: last match wins, a directory's rule
    covers what is under it; a simplification of Docker's matcher that is exact for the patterns used here)."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    result = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        body = pattern.lstrip("!").rstrip("/")
        bodies = [body, body[3:]] if body.startswith("**/") else [body]
        if any(fnmatch.fnmatchcase(p, b) for p in prefixes for b in bodies):
            result = not negated
    return result


def context_files(source: str) -> Iterator[str]:
    """The repository files a COPY source stands for (caches and node_modules left out)."""
    path = ROOT / source
    if path.is_file():
        yield source
        return
    for file in sorted(path.rglob("*")):
        relative = file.relative_to(ROOT).as_posix()
        if file.is_file() and "__pycache__" not in relative and "node_modules" not in relative:
            yield relative


def image_files(dockerfile: Path) -> set[str]:
    """Where the repository files a Dockerfile's COPYs (from the build context) land in the image, under WORKDIR."""
    found = set()
    for flags, sources, dest in copies(dockerfile):
        if "from" in flags:
            continue
        target = dest.removeprefix("./")
        for source in sources:
            for file in context_files(source):
                if (ROOT / source).is_dir():
                    found.add(f"{target.rstrip('/')}/{Path(file).relative_to(source).as_posix()}")
                else:
                    found.add(f"{target}{Path(file).name}" if target.endswith("/") else target)
    return found


DOCKERFILES = {name: DEPLOY / f"Dockerfile.{name}" for name in ("rasa", "actions", "web")}


# --- Python imports against what an image holds -----------------------------------------------------------------
def third_party_imports(files: list[Path]) -> dict[str, set[str]]:
    """Top-level module -> files importing it, for modules outside the standard library and this repository."""
    found: dict[str, set[str]] = {}
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in FIRST_PARTY and top != "__future__":
                    found.setdefault(top, set()).add(file.relative_to(ROOT).as_posix())
    return found


def distributions_of(module: str) -> list[str]:
    """The installed distributions providing a top-level module (normalised)."""
    names = importlib.metadata.packages_distributions().get(module) or [module]
    return [normalise(n) for n in names]


def closure(roots: list[str]) -> set[str]:
    """The distributions `roots` bring along (their requirements without extras, as installed in .venv)."""
    seen: set[str] = set()
    todo = [normalise(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requirements = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for text in requirements:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(normalise(requirement.name))
    return seen


# --- docker-compose.yml -----------------------------------------------------------------------------------------
COMPOSE_PATH = ROOT / "docker-compose.yml"
COMPOSE = load_yaml(COMPOSE_PATH)
SERVICES: dict[str, Any] = COMPOSE["services"]
RASA_SERVICES = ("rasa-1", "rasa-2")
_INTERPOLATION = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


class MissingVariable(ValueError):
    """A `${VAR:?message}` whose variable is unset or empty."""


def interpolate(value: Any, env: Mapping[str, str]) -> Any:
    """Compose's variable substitution (`${VAR}`, `${VAR:-default}`, `${VAR:?message}`, `$$`) on a parsed document."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name, operator, argument = match.groups()
        current = env.get(name)
        if operator in (":?", "?") and (current is None or (operator == ":?" and current == "")):
            raise MissingVariable(f"{name}: {argument}")
        if operator in (":-", "-") and (current is None or (operator == ":-" and current == "")):
            return argument
        return current or ""

    return _INTERPOLATION.sub(substitute, value)


def env_example() -> dict[str, str]:
    """deploy/.env.example as a dict."""
    pairs = {}
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            pairs[key.strip()] = value.strip()
    return pairs


def service_env(service: Mapping[str, Any]) -> dict[str, Any]:
    """A service's environment as a dict (list form accepted)."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return dict(env)


# ================================================================================================================
# Dockerfiles
# ================================================================================================================
def test_base_images_are_the_pinned_official_ones() -> None:
    pins = constraints()
    assert stages(DOCKERFILES["rasa"]) == [("rasa/rasa:3.6.21", "train"), ("rasa/rasa:3.6.21", None)]
    assert stages(DOCKERFILES["actions"]) == [("rasa/rasa-sdk:3.6.2", None)]
    assert stages(DOCKERFILES["web"]) == [("node:20-slim", "widget"), ("python:3.10-slim", None)]
    assert pins["rasa"] == "3.6.21" and pins["rasa-sdk"] == "3.6.2", "image tags and constraints.txt disagree"


@pytest.mark.parametrize("name", sorted(DOCKERFILES))
def test_every_copy_source_exists_and_is_in_the_build_context(name: str) -> None:
    dockerfile = DOCKERFILES[name]
    patterns = ignore_patterns(dockerfile)
    for junk in (".venv/bin/python", "models/advisor.tar.gz", "var/tracker.db", ".git/HEAD"):
        assert ignored(junk, patterns), f"{junk} would be sent to the Docker daemon"
    aliases = {alias for _, alias in stages(dockerfile) if alias}
    for flags, sources, _ in copies(dockerfile):
        if "from" in flags:
            assert flags["from"] in aliases, f"COPY --from={flags['from']}: no such stage"
            continue
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
            files = list(context_files(source))
            assert files, f"COPY {source}: nothing to copy"
            left_out = [f for f in files if ignored(f, patterns)]
            assert not left_out, f"COPY {source}: {dockerfile.name}.dockerignore leaves out {left_out[:3]}"


@pytest.mark.parametrize("name", sorted(DOCKERFILES))
def test_final_stage_does_not_run_as_root(name: str) -> None:
    users = final_stage(DOCKERFILES[name], "USER")
    assert users, "the final stage sets no USER"
    assert users[-1].args.split(":")[0] not in ("root", "0")
    if name in ("rasa", "actions"):
        assert users[-1].args == "1001", "the official Rasa images run as 1001"


def test_rasa_image_trains_the_model_it_serves() -> None:
    train = [i for i in instructions(DOCKERFILES["rasa"]) if i.stage == 0 and i.keyword == "RUN"]
    assert any("rasa train" in i.args and "--fixed-model-name advisor" in i.args for i in train)
    model = [(sources, dest) for flags, sources, dest in copies(DOCKERFILES["rasa"]) if flags.get("from") == "train"]
    assert model == [(["/app/models/advisor.tar.gz"], "./models/advisor.tar.gz")]


def test_rasa_image_command_and_files() -> None:
    dockerfile = DOCKERFILES["rasa"]
    assert not final_stage(dockerfile, "ENTRYPOINT"), "keep the image's ENTRYPOINT `rasa`"
    cmd = exec_form(final_stage(dockerfile, "CMD")[-1].args)
    assert cmd == [
        "run",
        "--enable-api",
        "--port",
        "5005",
        "--credentials",
        "credentials.yml",
        "--endpoints",
        "endpoints.yml",
        "-m",
        "models/advisor.tar.gz",
        "--logging-config-file",
        "bot/privacy/logging.yml",
    ]  # message text kept out of the logs
    copied = {dest.removeprefix("./"): sources for flags, sources, dest in copies(dockerfile) if "from" not in flags}
    assert copied["credentials.yml"] == ["credentials.yml"]
    assert copied["endpoints.yml"] == ["deploy/endpoints.yml"]
    assert copied["bot"] == ["bot"]
    assert any("PYTHONPATH=/app" in i.args for i in final_stage(dockerfile, "ENV")), "bot must be importable"


def test_actions_image_command_and_files() -> None:
    dockerfile = DOCKERFILES["actions"]
    assert not final_stage(dockerfile, "ENTRYPOINT"), "keep the image's ENTRYPOINT"
    assert exec_form(final_stage(dockerfile, "CMD")[-1].args) == [
        "start",
        "--actions",
        "actions",
        "--logging-config_file",
        "bot/privacy/logging.yml",
    ]
    copied = {dest.removeprefix("./"): sources for _, sources, dest in copies(dockerfile)}
    assert copied["actions"] == ["actions"] and copied["knowledge"] == ["knowledge"]
    in_image = image_files(dockerfile)
    assert "bot/privacy/logging.yml" in in_image, "the logging config of the CMD is not in the image"
    log_filter = load_yaml(ROOT / "bot" / "privacy" / "logging.yml")["filters"]["privacy"]["()"]
    assert log_filter.rsplit(".", 1)[0].replace(".", "/") + ".py" in in_image, f"{log_filter} is not in the image"
    assert list((ROOT / "knowledge" / "content").glob("*.yml")), "the knowledge content travels with knowledge/"


def test_web_image_serves_the_page_and_the_socket_client() -> None:
    dockerfile = DOCKERFILES["web"]
    assert exec_form(final_stage(dockerfile, "CMD")[-1].args)[:3] == ["python", "-m", "bot.web.server"]
    assert any(i.keyword == "RUN" and i.stage == 0 and "npm ci" in i.args for i in instructions(dockerfile))
    from bot.web import server

    copied = [dest.removeprefix("./").rstrip("/") for _, _, dest in copies(dockerfile)]
    for needed in (server.SOCKET_IO_CLIENT, server.STATIC_DIR / "index.html"):
        relative = needed.relative_to(ROOT).as_posix()
        assert any(relative.startswith(dest + "/") for dest in copied), f"{relative} is not in the image"


@pytest.mark.parametrize("name", sorted(DOCKERFILES))
def test_pip_pins_match_constraints(name: str) -> None:
    pins, wanted = pip_pins(DOCKERFILES[name]), constraints()
    assert pins, "no pinned pip install"
    wrong = {n: v for n, v in pins.items() if wanted.get(n) != v}
    assert not wrong, f"pins differ from constraints.txt: {wrong}"
    required = {
        "actions": {"spacy", "spacy-lookups-data", "sqlalchemy", "pyyaml", "psycopg2-binary"},
        "rasa": {"python-socketio", "python-engineio"},
        "web": {"pyjwt"},
    }[name]
    assert required <= set(pins), f"not installed: {required - set(pins)}"


def test_rasa_image_has_every_library_bot_imports() -> None:
    available = closure(["rasa"]) | closure(list(pip_pins(DOCKERFILES["rasa"])))
    imports = third_party_imports(sorted((ROOT / "bot").rglob("*.py")))
    missing = {m: f for m, f in imports.items() if not set(distributions_of(m)) & available}
    assert not missing, f"bot/ imports what the Rasa image lacks: {missing}"


def test_actions_image_has_every_library_actions_and_knowledge_import() -> None:
    available = closure(["rasa-sdk"]) | closure(list(pip_pins(DOCKERFILES["actions"])))
    files = sorted((ROOT / "actions").rglob("*.py")) + sorted((ROOT / "knowledge").rglob("*.py"))
    missing = {m: f for m, f in third_party_imports(files).items() if not set(distributions_of(m)) & available}
    assert not missing, f"the action server image lacks: {missing}"


def test_web_image_has_what_the_page_server_imports() -> None:
    room = sorted((ROOT / "bot" / "web").glob("*.py"))
    available = closure(list(pip_pins(DOCKERFILES["web"])))
    missing = {m for m in third_party_imports(room) if not set(distributions_of(m)) & available}
    assert not missing, f"the web image lacks {missing}"
    trees = [ast.parse(file.read_text()) for file in room]
    own = {n.module for tree in trees for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    own |= {alias.name for tree in trees for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names}
    outside = {m for m in own if m.startswith("bot.") and not m.startswith("bot.web")}
    assert not outside, f"the web image holds only the web room (bot/web), not {outside}"


def test_classes_named_in_the_configuration_exist() -> None:
    credentials = load_yaml(ROOT / "credentials.yml") or {}
    names = [n for n in credentials if "." in n] + [load_yaml(ENDPOINTS)["tracker_store"]["type"]]
    for name in names:
        module = name.rsplit(".", 1)[0]
        assert importlib.util.find_spec(module) is not None, f"{name}: module {module} not found"


# ================================================================================================================
# docker-compose.yml
# ================================================================================================================
def test_compose_has_the_services() -> None:
    assert {"postgres", "redis", "action-server", *RASA_SERVICES, "web", "retention"} <= set(SERVICES)
    assert SERVICES["postgres"]["image"] == "postgres:15"
    assert SERVICES["redis"]["image"] == "redis:7"


def test_compose_builds_use_existing_dockerfiles() -> None:
    expected = {
        "action-server": "deploy/Dockerfile.actions",
        "rasa-1": "deploy/Dockerfile.rasa",
        "rasa-2": "deploy/Dockerfile.rasa",
        "web": "deploy/Dockerfile.web",
        "retention": "deploy/Dockerfile.rasa",
    }
    for name, dockerfile in expected.items():
        build = SERVICES[name]["build"]
        assert (ROOT / build["context"]).is_dir()
        assert build["dockerfile"] == dockerfile and (ROOT / build["context"] / dockerfile).is_file()
    assert len({SERVICES[n]["image"] for n in (*RASA_SERVICES, "retention")}) == 1, "one Rasa image"


@pytest.mark.parametrize("name", RASA_SERVICES)
def test_compose_rasa_has_every_variable_endpoints_yml_reads(name: str) -> None:
    env = service_env(SERVICES[name])
    missing = set(ENDPOINT_VARS) - set(env)
    assert not missing, f"{name} lacks {missing} (deploy/endpoints.yml refuses to load without them)"
    assert {"SANIC_WORKERS", "CORS_ORIGINS", "RETENTION_DAYS"} <= set(env)
    assert interpolate(env["SANIC_WORKERS"], {}) == "2"


def test_compose_depends_on_healthy_services() -> None:
    for name, service in SERVICES.items():
        for target, rule in (service.get("depends_on") or {}).items():
            assert rule == {"condition": "service_healthy"}, f"{name} -> {target}: wait until it is healthy"
            assert "healthcheck" in SERVICES[target], f"{target} has no healthcheck"
    for name in RASA_SERVICES:
        assert set(SERVICES[name]["depends_on"]) == {"postgres", "redis", "action-server"}
    assert set(SERVICES["action-server"]["depends_on"]) == {"postgres"}
    assert "pg_isready" in " ".join(SERVICES["postgres"]["healthcheck"]["test"])
    assert "redis-cli" in " ".join(SERVICES["redis"]["healthcheck"]["test"])


def test_compose_holds_no_literal_secret() -> None:
    for name, service in SERVICES.items():
        for key, value in service_env(service).items():
            if SECRET_NAME.search(key):
                assert re.fullmatch(r"\$\{[A-Z0-9_]+(:\?[^}]+|:-)\}", str(value)), f"{name}.{key} = {value!r}"
    text = COMPOSE_PATH.read_text()
    for secret in REQUIRED_SECRETS:
        assert f"${{{secret}:?" in text
        assert not re.search(rf"\$\{{{secret}(?!:\?)", text), f"{secret} used without :? (a default or empty)"
    knowledge_url = service_env(SERVICES["action-server"])["KNOWLEDGE_DB_URL"]
    assert re.fullmatch(
        r"postgresql://knowledge:\$\{KNOWLEDGE_DB_PASSWORD:\?[^}]+\}@postgres:5432/knowledge", knowledge_url
    )
    for name in RASA_SERVICES:
        command = SERVICES[name]["command"]
        assert command[command.index("--auth-token") + 1].startswith("${RASA_AUTH_TOKEN:?")
    redis_command = " ".join(SERVICES["redis"]["command"])
    assert '--requirepass "$$REDIS_PASSWORD"' in redis_command


def test_compose_publishes_only_rasa_and_the_page_on_the_chosen_address() -> None:
    published = {name: service["ports"] for name, service in SERVICES.items() if service.get("ports")}
    assert set(published) == {"rasa-1", "rasa-2", "web"}, "PostgreSQL, Redis and the action server stay internal"
    for name, ports in published.items():
        for port in ports:
            assert str(port).startswith("${PUBLISH_ADDRESS:-127.0.0.1}:"), "bind to PUBLISH_ADDRESS, default loopback"
            address, _, container = interpolate(str(port), {}).split(":")
            assert address == "127.0.0.1" and container == ("8080" if name == "web" else "5005")
    web = SERVICES["web"]["command"]
    assert web[web.index("--rasa-url") + 1] == "http://rasa-1:5005", "the page reads the history from rasa-1"


def test_compose_knowledge_store_has_its_own_database() -> None:
    script = DEPLOY / "postgres-init" / "10-knowledge.sh"
    assert os.access(script, os.X_OK)
    assert "CREATE DATABASE knowledge OWNER knowledge" in script.read_text()
    assert "./deploy/postgres-init:/docker-entrypoint-initdb.d:ro" in SERVICES["postgres"]["volumes"]
    assert "KNOWLEDGE_DB_PASSWORD" in service_env(SERVICES["postgres"])
    assert service_env(SERVICES["action-server"])["KNOWLEDGE_DB_URL"].endswith("@postgres:5432/knowledge")


def test_compose_retention_job() -> None:
    job = SERVICES["retention"]
    assert job["entrypoint"] == ["python", "-m", "bot.privacy.retention"]
    assert job["command"] == ["--older-than-days", "${RETENTION_DAYS:-365}"]
    assert job["profiles"] == ["maintenance"], "not started by `docker compose up`"
    assert set(ENDPOINT_VARS) <= set(service_env(job)), "Rasa's reader wants every ${VAR} of endpoints.yml set"
    assert job["image"] == SERVICES["rasa-1"]["image"]
    assert importlib.util.find_spec("bot.privacy.retention") is not None, "bot/privacy/retention/ is missing"


def test_env_example_names_every_required_variable_and_no_secret() -> None:
    example = env_example()
    required = set(re.findall(r"\$\{([A-Z0-9_]+):\?", COMPOSE_PATH.read_text()))
    assert required == set(REQUIRED_SECRETS)
    for name in required:
        assert name in example and example[name] == "", f"{name}: leave it empty in .env.example"
    referenced = set(re.findall(r"(?<!\$)\$\{([A-Z0-9_]+)", COMPOSE_PATH.read_text()))  # $${X}: the container's
    assert referenced <= set(example), f"not in .env.example: {referenced - set(example)}"
    assert ".env" in (DEPLOY / ".gitignore").read_text().split()


@pytest.mark.parametrize("name", ["rasa-1", "rasa-2", "retention"])
def test_compose_with_example_env_gives_endpoints_rasa_can_use(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    from rasa.utils.endpoints import read_endpoint_config

    for variable in ENDPOINT_VARS:
        monkeypatch.delenv(variable, raising=False)
    resolved = interpolate(SERVICES[name], {**env_example(), **DUMMY_SECRETS})
    for key, value in service_env(resolved).items():
        monkeypatch.setenv(key, str(value))
    tracker = read_endpoint_config(str(ENDPOINTS), "tracker_store")
    locks = read_endpoint_config(str(ENDPOINTS), "lock_store")
    actions = read_endpoint_config(str(ENDPOINTS), "action_endpoint")
    assert (tracker.url, tracker.kwargs["db"]) == ("postgres", "rasa")
    assert tracker.kwargs["password"] == DUMMY_SECRETS["DB_PASSWORD"]
    assert (locks.url, locks.kwargs["password"]) == ("redis", DUMMY_SECRETS["REDIS_PASSWORD"])
    assert tracker.url in SERVICES and locks.url in SERVICES
    assert actions.url == "http://action-server:5055/webhook" and "action-server" in SERVICES


@pytest.mark.parametrize("secret", REQUIRED_SECRETS)
def test_compose_refuses_to_start_without_a_secret(secret: str) -> None:
    env = {**env_example(), **DUMMY_SECRETS, secret: ""}
    with pytest.raises(MissingVariable, match=secret):
        interpolate(COMPOSE, env)


# ================================================================================================================
# deploy/endpoints.yml with Rasa's reader
# ================================================================================================================
def test_endpoints_placeholders_are_plain_scalars() -> None:
    quoted = [
        line.strip()
        for line in ENDPOINTS.read_text().splitlines()
        if not line.lstrip().startswith("#") and re.search(r"[\"']\$\{", line)
    ]
    assert not quoted, f"Rasa 3.6 expands ${{VAR}} only in unquoted YAML values; quoted stay literal: {quoted}"


def test_endpoints_load_with_rasas_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.utils.endpoints import read_endpoint_config

    for name in ENDPOINT_VARS:
        monkeypatch.setenv(name, f"value-of-{name}")
    tracker = read_endpoint_config(str(ENDPOINTS), "tracker_store")
    assert tracker.type == "bot.stores.tracker.SQLTrackerStore"
    assert tracker.url == "value-of-DB_HOST" and tracker.kwargs["password"] == "value-of-DB_PASSWORD"
    locks = read_endpoint_config(str(ENDPOINTS), "lock_store")
    assert locks.type == "bot.stores.lock.RedisLockStore" and locks.kwargs["db"] == "value-of-REDIS_DB"
    assert read_endpoint_config(str(ENDPOINTS), "action_endpoint").url == "value-of-ACTION_SERVER_URL"


@pytest.mark.parametrize("missing", ENDPOINT_VARS)
def test_endpoints_refuse_a_missing_variable(monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    from rasa.shared.exceptions import RasaException
    from rasa.utils.endpoints import read_endpoint_config

    for name in ENDPOINT_VARS:
        monkeypatch.setenv(name, "x")
    monkeypatch.delenv(missing)
    with pytest.raises(RasaException, match=missing):
        read_endpoint_config(str(ENDPOINTS), "tracker_store")
