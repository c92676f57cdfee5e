"""The production topology, started by deploy/local_topology.py: PostgreSQL, two `motcua serve` instances,
nginx terminating TLS in front. A PAKN is filed through Open311 with an API key, followed, and answered
by an officer on the web through the proxy; the session cookie is Secure, the citizen's own address is
seen behind the proxy, and a login made through one instance holds on the other.

Needs nginx (Debian's package): without it the test skips, except under CI, which installs it (.ci/run).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import ssl
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import aiohttp
import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "mat-khau-cua-can-bo-an"
CITIZEN_ADDRESS = "127.0.0.5"  # a loopback address of its own: the "citizen" nginx sees
pytestmark = pytest.mark.postgres


def topology_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("local_topology", ROOT / "deploy" / "local_topology.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def topology() -> Iterator[Any]:
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed; CI must run the production topology test (.ci/run installs it)")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    module = topology_module()
    with module.Topology() as running:
        for args, stdin in [
            (("admin", "unit", "add", "MOT-CUA", "Bộ phận một cửa"), ""),
            (("admin", "user", "add", "an", "--name", "Nguyễn Văn An", "--password-stdin"), PASSWORD + "\n"),
            (("admin", "user", "grant", "an", "officer", "--unit", "MOT-CUA"), ""),
        ]:
            result = running.motcua(*args, stdin=stdin)
            assert result.returncode == 0, result.stderr
        issued = running.motcua("admin", "apikey", "add", "kiosk-mot-cua")
        assert issued.returncode == 0, issued.stderr
        running.api_key = issued.stdout.strip().splitlines()[-1]
        yield running


def client(topology: Any, address: str = "127.0.0.1") -> aiohttp.ClientSession:
    context = ssl.create_default_context(cafile=str(topology.certificate))
    connector = aiohttp.TCPConnector(ssl=context, local_addr=(address, 0))
    return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True))


def csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match is not None
    return match.group(1)


async def test_a_pakn_is_filed_followed_and_answered_through_nginx(topology: Any) -> None:
    base = topology.url
    form = {
        "api_key": topology.api_key,
        "service_code": "phan_anh",
        "description": "Đèn đường trước nhà văn hoá thôn 3 hỏng đã hai tuần, đề nghị sửa gấp.",
        "first_name": "Thị Hoa",
        "last_name": "Hoàng",
        "phone": "0987654321",
        "address_string": "Số 12 ngõ Trúc Lâm, thôn 3",
        "attribute[unit]": "MOT-CUA",
    }
    async with client(topology, CITIZEN_ADDRESS) as citizen:
        async with citizen.post(f"{base}/open311/v2/requests.json", data=form) as filed:
            assert filed.status == 201, await filed.text()
            code = (await filed.json())[0]["service_request_id"]
            assert filed.headers["Strict-Transport-Security"].startswith("max-age=")
        async with citizen.get(f"{base}/open311/v2/requests/{code}.json") as followed:
            assert (await followed.json())[0]["status"] == "open"
        # A wrong password from the citizen's address: the instance logs the address nginx saw.
        async with citizen.get(f"{base}/can-bo/login") as page:
            token = csrf(await page.text())
        async with citizen.post(
            f"{base}/can-bo/login", data={"csrf_token": token, "username": "an", "password": "khong-dung"}
        ) as refused:
            assert refused.status == 401

    async with client(topology) as officer:
        async with officer.get(f"{base}/can-bo/login") as page:
            token = csrf(await page.text())
        async with officer.post(
            f"{base}/can-bo/login",
            data={"csrf_token": token, "username": "an", "password": PASSWORD},
            allow_redirects=False,
        ) as logged_in:
            assert logged_in.status == 303
            cookie = logged_in.cookies["motcua_session"]
            assert cookie["secure"] is True and cookie["httponly"] is True  # behind TLS, through the proxy
        async with officer.get(f"{base}/can-bo/items/{code}") as item:
            assert item.status == 200
            token = csrf(await item.text())
        answer = "UBND xã đã thay bóng đèn ngày 25/11. Trân trọng cảm ơn bà đã phản ánh."
        async with officer.post(
            f"{base}/can-bo/items/{code}/actions/answer", data={"csrf_token": token, "text": answer, "step": "send"}
        ) as answered:
            assert answered.status == 200 and "Đã gửi câu trả lời" in await answered.text()
            token = csrf(await answered.text())
        async with (
            client(topology, CITIZEN_ADDRESS) as citizen,
            citizen.get(f"{base}/open311/v2/requests/{code}.json") as followed,
        ):
            [request] = await followed.json()  # the answer is the filer's until an officer publishes one
            assert request["status"] == "closed" and answer not in request["status_notes"]
        published_answer = "Đèn đường thôn 3 đã được thay ngày 25/11."
        async with officer.post(
            f"{base}/can-bo/items/{code}/actions/publish", data={"csrf_token": token, "text": published_answer}
        ) as published:
            assert published.status == 200 and "Đã công bố" in await published.text()
        # The same cookie on each instance directly: the session is in the database, not in one process.
        for port in topology.ports:
            async with officer.get(
                f"http://127.0.0.1:{port}/can-bo/queue",
                headers={"Cookie": f"motcua_session={cookie.value}"},
                allow_redirects=False,
            ) as queue:
                assert queue.status == 200, port

    async with (
        client(topology, CITIZEN_ADDRESS) as citizen,
        citizen.get(f"{base}/open311/v2/requests/{code}.json") as followed,
    ):
        [request] = await followed.json()
        assert request["status"] == "closed" and published_answer in request["status_notes"]

    failures = [
        event
        for number in (1, 2)
        for event in map(json.loads, topology.instance_log(number).splitlines())
        if event.get("event") == "login failed"
    ]
    assert [(event["username"], event["address"]) for event in failures] == [("an", CITIZEN_ADDRESS)]


async def test_metrics_are_read_on_each_instance_never_through_the_proxy(topology: Any) -> None:
    async with client(topology, CITIZEN_ADDRESS) as visitor:
        async with visitor.get(f"{topology.url}/metrics") as public:
            assert public.status == 404 and "motcua_" not in await public.text()
        for port in topology.ports:
            async with visitor.get(f"http://127.0.0.1:{port}/metrics") as scraped:
                assert scraped.status == 200 and "motcua_http_requests_total" in await scraped.text(), port


async def test_a_spoofed_forwarded_for_does_not_change_the_address(topology: Any) -> None:
    """nginx passes on only the address it saw, whatever X-Forwarded-For the client sent."""
    async with client(topology, "127.0.0.6") as visitor:
        async with visitor.get(f"{topology.url}/can-bo/login") as page:
            token = csrf(await page.text())
        async with visitor.post(
            f"{topology.url}/can-bo/login",
            data={"csrf_token": token, "username": "khach", "password": "sai"},
            headers={"X-Forwarded-For": "203.0.113.99"},
        ) as refused:
            assert refused.status == 401
    addresses = {
        event["address"]
        for number in (1, 2)
        for event in map(json.loads, topology.instance_log(number).splitlines())
        if event.get("event") == "login failed" and event.get("username") == "khach"
    }
    assert addresses == {"127.0.0.6"}
