"""bot/privacy/log_filter.py and bot/privacy/logging.yml without servers: the filter on records Rasa, rasa_sdk,
SQLAlchemy and engineio really produce, and the logging set-up of `rasa run` and of the action server, each in a
subprocess."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
import textwrap
import uuid

import pytest
import sqlalchemy as sa

from bot.launcher.services import ROOT
from bot.privacy import log_filter

MARKER = f"zqmarker{uuid.uuid4().hex[:10]}"


@pytest.fixture
def capture():
    """A logger 'test.privacy.<id>' whose handler has the filter; yields (logger, stream)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    handler.addFilter(log_filter.RedactUserText())
    logger = logging.getLogger(f"test.privacy.{uuid.uuid4().hex[:6]}")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def action_server_error() -> BaseException:
    """What Rasa raises when rasa_sdk answers 500: a RasaException from a ClientResponseError with the body."""
    from rasa.shared.exceptions import RasaException
    from rasa.utils.endpoints import ClientResponseError

    body = json.dumps({"error": "'sender_id'", "request_body": {"tracker": {"latest_message": {"text": MARKER}}}})
    try:
        try:
            raise ClientResponseError(500, "Internal Server Error", body.encode())
        except ClientResponseError as error:
            raise RasaException("Failed to execute custom action 'action_rephrase'") from error
    except RasaException as error:
        return error


def test_action_server_error_body_is_removed_from_the_traceback(capture):
    logger, stream = capture
    error = action_server_error()
    logger.error("Encountered an exception while running action", exc_info=(type(error), error, error.__traceback__))
    output = stream.getvalue()
    assert MARKER not in output
    assert "ClientResponseError: 500, Internal Server Error, body=[weggelaten]" in output
    assert "Failed to execute custom action 'action_rephrase'" in output  # the rest of the traceback stays


def test_sqlalchemy_parameters_are_removed(capture):
    logger, stream = capture
    engine = sa.create_engine("sqlite://")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE events (data TEXT CHECK (length(data) < 5))")
    with pytest.raises(sa.exc.IntegrityError) as error:
        with engine.begin() as connection:
            connection.execute(sa.text("INSERT INTO events (data) VALUES (:data)"), {"data": f'{{"text": "{MARKER}"}}'})
    assert MARKER in str(error.value)  # SQLAlchemy repeats it ...
    logger.error(f"Error happened when trying to save conversation tracker: {error.value}.")
    output = stream.getvalue()
    assert MARKER not in output and "[parameters: [weggelaten]]" in output and "[SQL: INSERT INTO events" in output


def test_debug_records_are_left_alone(capture):
    logger, stream = capture
    logger.debug("Received user message '%s'", MARKER)
    assert MARKER in stream.getvalue()


def test_engineio_packet_data_is_removed(capture):
    _, stream = capture
    engineio = logging.getLogger("engineio.server")
    handler = logging.StreamHandler(stream)
    handler.addFilter(log_filter.RedactUserText())
    engineio.addHandler(handler)
    try:
        engineio.propagate, level = False, engineio.level
        engineio.setLevel(logging.INFO)
        engineio.info(
            "%s: Received packet %s data %s", "sid1", "MESSAGE", f'2["user_uttered",{{"message":"{MARKER}"}}]'
        )
    finally:
        engineio.removeHandler(handler)
        engineio.propagate = True
        engineio.setLevel(level)
    assert MARKER not in stream.getvalue() and "sid1: Received packet MESSAGE data [weggelaten]" in stream.getvalue()


def test_structlog_json_event_is_cleaned_key_by_key():
    event = {
        "text": MARKER,
        "event": "rest.message.received.failure",
        "level": "error",
        "exception": [
            {
                "exc_type": "ValueError",
                "exc_value": f"body={MARKER}",
                "frames": [{"filename": "rest.py", "lineno": 1, "locals": {"text": repr(MARKER)}}],
            }
        ],
    }
    cleaned = json.loads(log_filter.redact_message(json.dumps(event)))
    assert MARKER not in json.dumps(cleaned)
    assert cleaned["event"] == "rest.message.received.failure" and cleaned["text"] == "[weggelaten]"
    assert cleaned["exception"][0]["frames"][0] == {"filename": "rest.py", "lineno": 1}


def test_structlog_console_output_is_cleaned():
    line = (
        f"2024-01-01 \x1b[31m\x1b[1merror\x1b[0m rest.message.received.failure "
        f"\x1b[36mtext\x1b[0m=\x1b[35m'{MARKER} x'\x1b[0m"
    )
    assert MARKER not in log_filter.redact_message(line)
    assert MARKER not in log_filter.redact_message(f'event.x user_text="{MARKER} y" other=1')


@pytest.mark.parametrize(
    "text, kept",
    [
        (
            f"rasa.utils.endpoints.ClientResponseError: 500, Internal Server Error, body='b'{{\"t\": \"{MARKER}\"}}''",
            "ClientResponseError: 500, Internal Server Error, body=[weggelaten]",
        ),
        (
            "(sqlite3.OperationalError) database is locked\n[SQL: INSERT INTO events]\n"
            f"[parameters: ('s', '{MARKER}')]\n"
            "(Background on this error at: https://sqlalche.me/e/14/e3q8)",
            "(Background on this error",
        ),
        (
            f"Event from parameters called with parameters for multiple events. Parameters: {{'text': '{MARKER}'}}",
            "Parameters: [weggelaten]",
        ),
        (f"An exception occured while handling user message '{MARKER} x'.", "handling user message '[weggelaten]'."),
    ],
)
def test_known_carriers_of_text(text, kept):
    cleaned = log_filter.redact_text(text)
    assert MARKER not in cleaned and kept in cleaned


def test_ordinary_messages_are_unchanged():
    for text in (
        "Starting Rasa server on http://127.0.0.1:5005",
        "rest: request refused (message_te_lang)",
        "Circuit breaker tripped. Stopped predicting more actions for sender 'abc'.",
    ):
        assert log_filter.redact_message(text) == text


def run_python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


RASA_RUN_SET_UP = f"""
    import logging, sys
    from rasa.utils.common import configure_logging_and_warnings
    import rasa.utils.io
    from rasa.utils.log_utils import configure_structlog
    # what rasa/__main__.py does for `rasa run --logging-config-file bot/privacy/logging.yml` at the default level
    configure_logging_and_warnings(None, sys.argv[1], warn_only_once=True, filter_repeated_logs=True)
    rasa.utils.io.configure_colored_logging(None)
    configure_structlog(None)
    from bot.privacy.log_filter import RedactUserText
    assert any(isinstance(f, RedactUserText) for h in logging.getLogger().handlers for f in h.filters), "not installed"
    logging.getLogger("rasa.core.run").info("Starting Rasa server")  # the first record installs the processor
    import structlog
    rest = structlog.get_logger("rasa.core.channels.rest")
    try:
        raise ValueError("kapot")
    except ValueError:
        rest.exception("rest.message.received.failure", text="{MARKER} in de tekst")
    rest.error("rest.message.received.timeout", text="{MARKER} in de tekst")
    rest.info("http.parse.text", user_text="{MARKER}", sender_id="s1")
"""


def test_rasa_run_logging_set_up_cleans_structlog_events():
    done = run_python(RASA_RUN_SET_UP, str(log_filter.LOGGING_CONFIG))
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "rest.message.received.failure" in output and "rest.message.received.timeout" in output
    assert "ValueError: kapot" in output  # the traceback is still there, without local variables
    assert "http.parse.text" in output and "s1" in output
    assert MARKER not in output, output


def test_rasa_run_without_the_logging_config_would_leak():
    """The same events without bot/privacy/logging.yml: proof that the test above can fail."""
    code = RASA_RUN_SET_UP.replace(
        "configure_logging_and_warnings(None, sys.argv[1]", "configure_logging_and_warnings(None, None"
    )
    code = code.replace("assert any(", "assert not any(")
    done = run_python(code, str(log_filter.LOGGING_CONFIG))
    assert done.returncode == 0, done.stderr
    assert MARKER in done.stdout + done.stderr


def test_action_server_logging_set_up_installs_the_filter():
    code = f"""
        import logging, sys
        from rasa_sdk import utils
        # what rasa_sdk/__main__.py does for `--logging-config_file bot/privacy/logging.yml`
        utils.configure_colored_logging(logging.INFO)
        utils.configure_file_logging(logging.getLogger("rasa_sdk"), None, logging.INFO, sys.argv[1])
        from bot.privacy.log_filter import RedactUserText
        assert any(isinstance(f, RedactUserText) for h in logging.getLogger().handlers for f in h.filters)
        logging.getLogger("rasa_sdk.endpoint").info("Action endpoint is up and running")
        try:
            raise RuntimeError("500, Internal Server Error, body='{MARKER}'")
        except RuntimeError as error:
            logging.getLogger("rasa_sdk.endpoint").error("Exception occurred", exc_info=error)
    """
    done = run_python(code, str(log_filter.LOGGING_CONFIG))
    assert done.returncode == 0, done.stderr
    assert "Action endpoint is up and running" in done.stderr and "body=[weggelaten]" in done.stderr
    assert MARKER not in done.stdout + done.stderr


def test_install_in_code_covers_structlog_console_rendering():
    code = f"""
        import logging, sys, structlog
        logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(message)s")
        structlog.configure(processors=[structlog.stdlib.filter_by_level, structlog.processors.add_log_level,
                                        structlog.dev.set_exc_info, structlog.dev.ConsoleRenderer(colors=True)],
                            logger_factory=structlog.stdlib.LoggerFactory(), cache_logger_on_first_use=True)
        bound_early = structlog.get_logger("rasa.core.processor")
        bound_early.info("processor.ready")  # bound before install: sees the change too
        from bot.privacy import log_filter
        log_filter.install()
        log_filter.install()  # idempotent
        bound_early.info("processor.message", text="{MARKER}")
        structlog.get_logger("rasa.core.channels.rest").error("rest.message.received.timeout", text="{MARKER}")
        logging.getLogger("rasa.core.processor").debug("debug stays: {MARKER}")
    """
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert "processor.message" in done.stderr and "rest.message.received.timeout" in done.stderr
    assert MARKER not in done.stderr
