import io
import json
import logging

import pytest

from motcua.logging_setup import configure_logging

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture
def log_stream():
    stream = io.StringIO()
    configure_logging("INFO", secrets=[TOKEN], stream=stream)
    yield stream
    logging.getLogger().handlers.clear()


def test_each_event_is_one_json_line_with_its_extra_fields(log_stream: io.StringIO) -> None:
    logging.getLogger("motcua.test").info("catalog loaded\nsecond line", extra={"procedures": 2849})
    lines = log_stream.getvalue().splitlines()
    assert len(lines) == 1
    event = json.loads(lines[0])
    assert event["event"] == "catalog loaded\nsecond line"
    assert event["procedures"] == 2849
    assert event["level"] == "info"
    assert event["logger"] == "motcua.test"


def test_the_token_never_reaches_the_log(log_stream: io.StringIO) -> None:
    log = logging.getLogger("httpx_like")
    log.warning("HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN)
    log.warning("failed", extra={"url": f"https://api.telegram.org/bot{TOKEN}/getUpdates"})
    try:
        raise RuntimeError(f"bad token {TOKEN}")
    except RuntimeError:
        log.exception("crash")
    output = log_stream.getvalue()
    assert TOKEN not in output
    assert output.count("[REDACTED]") >= 3


def test_a_token_shaped_secret_is_redacted_even_when_not_configured() -> None:
    stream = io.StringIO()
    configure_logging("INFO", stream=stream)
    logging.getLogger("x").info("url https://api.telegram.org/bot987654321:ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe")
    logging.getLogger().handlers.clear()
    assert "ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in stream.getvalue()
