"""No message text in logs above DEBUG: a logging filter and a structlog processor for Rasa, rasa_sdk and Sanic.

What professionals type must not reach the logs at INFO or above. Our own code never logs it; these places in
the libraries we run can (Rasa 3.6.21, rasa_sdk 3.6.2, python-engineio, SQLAlchemy 1.4):

- `rasa/core/channels/rest.py` logs `rest.message.received.timeout|failure` with `text=` at ERROR (structlog; the
  JSON traceback of `structlogger.exception` also lists every frame's local variables, the text among them).
- `rasa_sdk/endpoint.py` answers an action that raised with HTTP 500 and `{"request_body": <the whole tracker>}`;
  Rasa raises `ClientResponseError(..., body=...)` from it and `rasa/core/processor.py` logs that traceback at
  ERROR, so every message of the conversation ends up in Rasa's log.
- `rasa/core/tracker_store.py` (FailSafeTrackerStore) logs database errors at ERROR; an SQLAlchemy error repeats
  its bound parameters (`[parameters: ...]`), i.e. the events' JSON, unless the engine hides them.
- `rasa/shared/core/events.py` logs the parameters of an event posted to the HTTP API (`Parameters: {...}`) at
  WARNING when they describe more than one event; `rasa/server.py` logs `ErrorResponse` messages with `Error: {e}`.
- `engineio.server` logs every socket.io packet with its data at INFO ("Received packet MESSAGE data ...") when
  LOG_LEVEL_LIBRARIES is INFO or lower; `sqlalchemy.engine` logs bound parameters at INFO when echo is on.

`RedactUserText` (a `logging.Filter`) rewrites every record at INFO or above: those values become
`[weggelaten]`, and an exception's traceback is formatted and cleaned the same way. It also installs
`redact_event_dict` as the first structlog processor, once Rasa has configured structlog, so Rasa's structured
events lose those keys before any renderer sees them (console or JSON), and their tracebacks lose local variables.
DEBUG records are left alone: `LOG_LEVEL=DEBUG` is for a developer's own machine.

It is installed by `bot/privacy/logging.yml`: `rasa run --logging-config-file bot/privacy/logging.yml` and
`python -m rasa_sdk --logging-config_file bot/privacy/logging.yml` (see `rasa_logging_args()`), or in code by
`install()`.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from collections.abc import MutableMapping
from pathlib import Path
from types import TracebackType
from typing import Any

REDACTED = "[weggelaten]"
LOGGING_CONFIG = Path(__file__).resolve().with_name("logging.yml")

# The keys Rasa's own `_anonymizer` (rasa/utils/log_utils.py) would anonymise in Rasa Pro, plus the action
# server's echo of the request.
SENSITIVE_KEYS = frozenset(
    {
        "text",
        "response_text",
        "user_text",
        "slot_values",
        "parse_data_text",
        "parse_data_entities",
        "prediction_events",
        "tracker_latest_message",
        "prefilled_slots",
        "message",
        "response",
        "slot_candidates",
        "rasa_event",
        "rasa_events",
        "tracker_states",
        "current_states",
        "old_states",
        "successes",
        "current_entity",
        "next_entity",
        "states",
        "entity",
        "token_text",
        "user_message",
        "json_message",
        "request_body",
    }
)

# Loggers whose records at INFO+ can hold message text; the filter is put on each of them as well as on the root
# handlers, so it works even when a library replaces the root handlers after start-up.
LEAKY_LOGGERS = (
    "rasa.core.channels.rest",
    "rasa.core.channels.socketio",
    "rasa.core.processor",
    "rasa.core.tracker_store",
    "rasa.core.actions.action",
    "rasa.core.agent",
    "rasa.core.http_interpreter",
    "rasa.core.nlg.interpolator",
    "rasa.shared.core.events",
    "rasa.server",
    "rasa_sdk.endpoint",
    "rasa_sdk.executor",
    "sanic.error",
    "sanic.root",
    "engineio.server",
    "socketio.server",
    "sqlalchemy.engine.Engine",
)

_ANSI = r"(?:\x1b\[[0-9;]*m)*"
_KEYS = "|".join(sorted(SENSITIVE_KEYS, key=len, reverse=True))
_PATTERNS: list[tuple[re.Pattern, str]] = [
    # rasa.utils.endpoints.ClientResponseError: "500, Internal Server Error, body='b'{...the tracker...}''"
    (re.compile(r"(\bbody=).*$", re.MULTILINE), r"\g<1>" + REDACTED),
    # SQLAlchemy errors: "[parameters: (...)]" on a line of its own
    (re.compile(r"^\[parameters: .*$", re.MULTILINE), f"[parameters: {REDACTED}]"),
    # structlog's console renderer (a terminal): key='value' / key="value" / key=value, possibly coloured
    (
        re.compile(
            rf"(?<![\w.])({_ANSI}(?:{_KEYS}){_ANSI}={_ANSI})"
            rf"('(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|[^\s\x1b]+)"
        ),
        r"\g<1>" + REDACTED,
    ),
    # rasa/shared/core/events.py: "Event from parameters called with parameters for multiple events ... Parameters: .."
    (re.compile(r"(\bParameters: ).*$", re.MULTILINE), r"\g<1>" + REDACTED),
    # older Rasa wording: "... handling user message 'text'"
    (re.compile(r"(user message )('(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\")"), r"\g<1>'" + REDACTED + "'"),
]


def redact_text(text: str) -> str:
    """The text with every known carrier of message text replaced by [weggelaten]."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _redact_structure(value: Any, key: str | None = None) -> Any:
    """A JSON-like value with sensitive keys, frame locals and exception values cleaned (structlog JSON output)."""
    if key in SENSITIVE_KEYS and value not in (None, "", [], {}):
        return REDACTED
    if isinstance(value, dict):
        return {k: _redact_structure(v, k) for k, v in value.items() if k != "locals"}
    if isinstance(value, list):
        return [_redact_structure(v) for v in value]
    if isinstance(value, str):
        return redact_text(value)
    return value


def redact_message(message: str) -> str:
    """A log message cleaned: a structlog JSON event key by key, any other text by pattern."""
    stripped = message.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        try:
            event = json.loads(stripped)
        except ValueError:
            event = None
        if isinstance(event, dict) and "event" in event:
            return json.dumps(_redact_structure(event), ensure_ascii=False)
    return redact_text(message)


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def format_exception(exc_info: ExcInfo) -> str:
    """A traceback as logging prints it, cleaned."""
    return redact_text("".join(traceback.format_exception(*exc_info)).rstrip("\n"))


# -------------------------------------------------------------------------------------------------- structlog

_QUIET_METHODS = frozenset({"debug", "trace", "notset"})


def redact_event_dict(_logger: Any, method_name: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: for INFO and above, sensitive keys become [weggelaten] and a traceback is rendered
    here, cleaned and without local variables (instead of structlog's dict traceback with every frame's locals)."""
    if method_name in _QUIET_METHODS:
        return event_dict
    for key in list(event_dict):
        if key in SENSITIVE_KEYS and event_dict[key] not in (None, ""):
            event_dict[key] = REDACTED
    exc_info = event_dict.get("exc_info", True if method_name == "exception" else None)
    if exc_info:
        if isinstance(exc_info, BaseException):
            exc_info = (type(exc_info), exc_info, exc_info.__traceback__)
        elif not isinstance(exc_info, tuple):
            exc_info = sys.exc_info()
        if exc_info[0] is not None:
            event_dict["exception"] = format_exception(exc_info)
        event_dict["exc_info"] = False  # so set_exc_info / dict_tracebacks / the renderer leave it at that
    return event_dict


def install_structlog() -> bool:
    """Put `redact_event_dict` first in structlog's processors, if structlog is configured; True when in place.

    Rasa configures structlog after reading the logging config file, so the filter calls this for every record
    (a look at a list of ten). The list is changed in place as well, so loggers already bound see it too.
    """
    try:
        import structlog
    except ImportError:  # pragma: no cover - Rasa always has structlog
        return True
    if not structlog.is_configured():
        return False
    processors = structlog.get_config()["processors"]
    if redact_event_dict in processors:
        return True
    if isinstance(processors, list):
        processors.insert(0, redact_event_dict)
        structlog.configure(processors=processors)
    else:
        structlog.configure(processors=[redact_event_dict, *processors])
    return True


# ------------------------------------------------------------------------------------------------ stdlib logging


class RedactUserText(logging.Filter):
    """Cleans every record at INFO or above (message and traceback); never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        install_structlog()  # cheap when in place; puts it back should structlog be configured again
        if record.levelno < logging.INFO or getattr(record, "_zelfbeheer_redacted", False):
            return True
        self._redact(record)
        record._zelfbeheer_redacted = True
        return True

    @staticmethod
    def _redact(record: logging.LogRecord) -> None:
        if (
            record.name.startswith("engineio")
            and isinstance(record.msg, str)
            and "packet %s data %s" in record.msg
            and isinstance(record.args, tuple)
            and record.args
        ):
            record.args = (*record.args[:-1], REDACTED)
        elif (
            record.name.startswith("sqlalchemy.engine")
            and record.msg == "[%s] %r"
            and isinstance(record.args, tuple)
            and record.args
        ):
            record.args = (record.args[0], REDACTED)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string: logging reports that itself, leave the record as it is
            return
        cleaned = redact_message(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = format_exception(record.exc_info)
        elif record.exc_text:
            record.exc_text = redact_text(record.exc_text)


_FILTER = RedactUserText()


def install() -> None:
    """Install the filter on the root logger's handlers and on LEAKY_LOGGERS, and the structlog processor.

    Idempotent. For processes that do not start with bot/privacy/logging.yml (e.g. imported from our tracker store or
    channels): handlers added to the root logger later are covered by the logger filters and the processor.
    """
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactUserText) for f in handler.filters):
            handler.addFilter(_FILTER)
    for name in LEAKY_LOGGERS:
        target = logging.getLogger(name)
        if not any(isinstance(f, RedactUserText) for f in target.filters):
            target.addFilter(_FILTER)
    install_structlog()


def rasa_logging_args() -> list[str]:
    """Arguments for `rasa run` / `rasa shell` that apply bot/privacy/logging.yml."""
    return ["--logging-config-file", str(LOGGING_CONFIG)]


def action_server_logging_args() -> list[str]:
    """Arguments for `python -m rasa_sdk` that apply bot/privacy/logging.yml (rasa_sdk spells it with an '_')."""
    return ["--logging-config_file", str(LOGGING_CONFIG)]
