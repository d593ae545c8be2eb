"""The retention job's settings: the number of days (option or RETENTION_DAYS) and the URL of the tracker store
named in an endpoints file, as Rasa builds it."""

from __future__ import annotations

import importlib
import warnings
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from bot.privacy.retention import RetentionError, UsageError

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_ENDPOINTS = ROOT / "endpoints.yml"
DEFAULT_DAYS = 365
MAX_DAYS = 36_500  # a hundred years; more cannot be written as a date before 1970 and means "keep everything"
ENV_DAYS = "RETENTION_DAYS"


# ---------------------------------------------------------------------------------------------------------- days


def parse_days(value: str, source: str) -> int:
    """A whole, positive number of days (at most MAX_DAYS); a Dutch UsageError otherwise."""
    text = str(value).strip()
    try:
        days = int(text)
    except ValueError:
        raise UsageError(f"{source} moet een geheel aantal dagen zijn (bijvoorbeeld 365), niet {text!r}.") from None
    if days <= 0:
        raise UsageError(
            f"{source} moet groter zijn dan 0 dagen, niet {days}: "
            "0 of minder zou ook de gesprekken van vandaag verwijderen."
        )
    if days > MAX_DAYS:
        raise UsageError(f"{source} mag hoogstens {MAX_DAYS} dagen (100 jaar) zijn, niet {days}.")
    return days


def retention_days(option: str | None, environ: dict[str, str]) -> int:
    """--older-than-days, else RETENTION_DAYS, else 365."""
    if option is not None:
        return parse_days(option, "--older-than-days")
    if environ.get(ENV_DAYS, "").strip():
        return parse_days(environ[ENV_DAYS], f"{ENV_DAYS} (omgevingsvariabele)")
    return DEFAULT_DAYS


# -------------------------------------------------------------------------------------------- the tracker store


def _rasa_sql_store_class():
    with warnings.catch_warnings():  # Rasa's declarative_base() warns about SQLAlchemy 2.0 on import
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import SQLTrackerStore
    return SQLTrackerStore


def _is_sql_store(store_type: str | None) -> bool:
    """`type: SQL`, or a module path to a subclass of Rasa's SQLTrackerStore (bot.stores.tracker.SQLTrackerStore)."""
    if not store_type:
        return False
    if store_type.lower() == "sql":
        return True
    if "." not in store_type:
        return False
    module_name, _, class_name = store_type.rpartition(".")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            store_class = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as err:
        raise RetentionError(
            f"De tracker store {store_type!r} uit het endpoints-bestand is niet te laden: {err}."
        ) from err
    return isinstance(store_class, type) and issubclass(store_class, _rasa_sql_store_class())


def _unexpanded(values: dict[str, object]) -> list[str]:
    return [f"{key}: {value}" for key, value in values.items() if isinstance(value, str) and "${" in value]


def tracker_store_url(endpoints: Path) -> URL:
    """The SQLAlchemy URL of the SQL tracker store in the endpoints file, as Rasa builds it.

    A relative SQLite path is taken relative to the project root (where `make run` starts Rasa).
    """
    if not endpoints.is_file():
        raise RetentionError(f"Het endpoints-bestand {endpoints} bestaat niet.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rasa.utils.endpoints import read_endpoint_config

        warnings.simplefilter("ignore")  # importing Rasa put "once" filters in front; its YAML checks warn
        try:
            config = read_endpoint_config(str(endpoints), "tracker_store")
        except Exception as err:  # noqa: BLE001 - Rasa raises its own errors for unset ${VAR}s and invalid YAML
            raise RetentionError(f"Het endpoints-bestand {endpoints} is niet te lezen: {err}") from None
    if config is None:
        raise RetentionError(
            f"{endpoints} heeft geen tracker_store: Rasa houdt de gesprekken dan alleen in het "
            "geheugen en er valt niets te verwijderen."
        )
    if not _is_sql_store(config.type):
        raise RetentionError(
            f"De tracker store in {endpoints} is van het type {config.type!r}; dit commando "
            "werkt alleen met een SQL-trackerstore (type: SQL of bot.stores.tracker.SQLTrackerStore)."
        )
    kwargs = dict(config.kwargs)
    left = _unexpanded({"url": config.url, **kwargs})
    if left:
        raise RetentionError(
            f"In {endpoints} is niet elke ${{VAR}} vervangen ({'; '.join(left)}). Rasa vervangt "
            "alleen waarden zonder aanhalingstekens; zet de variabelen en haal de "
            "aanhalingstekens weg."
        )
    dialect = kwargs.get("dialect", "sqlite")
    db = kwargs.get("db", "rasa.db")
    port = kwargs.get("port")
    try:
        port = int(port) if port not in (None, "") else None
    except (TypeError, ValueError):
        raise RetentionError(f"De poort van de tracker store in {endpoints} is geen getal: {port!r}.") from None
    # login_db is only where Rasa first connects to create `db`; the events live in `db`, so it is left out here.
    url = make_url(
        _rasa_sql_store_class().get_db_url(
            dialect, config.url, port, db, kwargs.get("username"), kwargs.get("password"), None, kwargs.get("query")
        )
    )
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        if not path.is_absolute():
            url = url.set(database=str(ROOT / path))
    return url


def safe_url(url: URL) -> str:
    """The URL as it may be printed: its password hidden."""
    return url.render_as_string(hide_password=True)
