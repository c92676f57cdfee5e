import asyncio
import io
import json
import logging

import pytest
from aiohttp import web

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


def test_an_api_key_in_an_over_long_request_line_is_not_logged(log_stream: io.StringIO) -> None:
    """aiohttp refuses a request line over 8,190 bytes and logs its start, query string and all."""
    line = "/open311/v2/requests.json?api_key=kiosk-SECRET-0123456789&service_code=phan_anh&pad=" + "A" * 60
    try:
        raise ValueError(f"Got more than 8190 bytes when reading: bytearray(b'{line}...')")
    except ValueError:
        logging.getLogger("aiohttp.server").exception("Error handling request from 127.0.0.1")
    logging.getLogger("web").warning("refused", extra={"url": "/login?password=hunter2&next=/queue"})
    output = log_stream.getvalue()
    assert "kiosk-SECRET-0123456789" not in output and "hunter2" not in output
    assert "api_key=[REDACTED]" in output and "service_code=phan_anh" in output


@pytest.mark.parametrize(
    "query",
    [
        "api_key=kiosk-SECRET-0123456789&pad=",
        "api%5Fkey=kiosk-SECRET-0123456789&pad=",  # the same parameter to aiohttp, percent-encoded
        "%61pi%5fkey=kiosk-SECRET-0123456789&pad=",
        "pad=1&API_KEY=kiosk-SECRET-0123456789&more=",
    ],
)
async def test_aiohttp_refusing_an_over_long_url_never_logs_its_api_key(log_stream: io.StringIO, query: str) -> None:
    """The real server's parser, not a message made up here: it logs the start of the line it refused."""
    app = web.Application()
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", runner.addresses[0][1])
        line = f"GET /open311/v2/requests.json?{query}{'A' * 9000} HTTP/1.1\r\nHost: x\r\n\r\n"
        writer.write(line.encode())
        assert (await reader.readline()).startswith(b"HTTP/1.0 400")
        writer.close()
    finally:
        await runner.cleanup()
    output = log_stream.getvalue()
    assert "Got more than 8190 bytes" in output  # aiohttp did log the line
    assert "SECRET-0123456789" not in output
