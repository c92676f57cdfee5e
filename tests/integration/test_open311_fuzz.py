"""Property-based fuzzing of the Open311 API (hypothesis): whatever a client sends, never a 5xx.

Parameters are drawn from the standard's names, our attributes and made-up ones, with values from
valid ones to arbitrary Unicode (control characters, surrogates' neighbours, very long text). Every
answer must be a success or an error in the spec's shape, in the format asked for.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from yarl import URL

from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.open311_world import PREFIX, Open311World, build_open311_world

FIELDS = [
    "api_key", "jurisdiction_id", "service_code", "description", "first_name", "last_name", "email", "phone",
    "address_string", "address_id", "lat", "long", "media_url", "device_id", "account_id",
    "attribute[content_kind]", "attribute[procedure_code]", "attribute[unit]", "attribute[unit][]",
    "attribute[]", "attribute[x", "service_request_id", "start_date", "end_date", "status",
]  # fmt: skip
PLAUSIBLE = [
    "phan_anh", "kien_nghi", "MOT-CUA", "hanh_vi", "1.001193", "0912345678", "+84 912 345 678", "a@b.vn",
    "21.0285", "-999", "nan", "inf", "1e308", "2026-11-23", "2026-11-23T08:00:00Z", "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59-23:59", "open", "closed,open", "20261123.0001", "https://a.vn/x.jpg", "Ổ gà trước nhà số 12",
]  # fmt: skip
short_values = st.one_of(st.sampled_from(PLAUSIBLE), st.text(max_size=60))
# Long enough to cross the 4,000-character limit; only in a POST body, since aiohttp's HTTP parser refuses
# a request line over 8 KB itself (a plain 400) before the application sees it.
values = short_values | st.text(alphabet=st.characters(codec="utf-8"), min_size=3900, max_size=4100)
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
VALID = {
    "service_code": "phan_anh",
    "description": "Đường thôn 3 ngập nước sau mưa lớn",
    "first_name": "An",
    "last_name": "Nguyễn",
    "phone": "0912345678",
    "address_string": "Thôn 3",
}


@pytest.fixture
async def served(sqlite_url: str) -> AsyncIterator[tuple[TestClient, Open311World]]:
    engine = create_engine(sqlite_url)
    await upgrade(engine)
    session_factory = create_session_factory(engine)
    world = await build_open311_world(lambda: SqlUnitOfWork(session_factory), Clock())
    async with TestClient(TestServer(world.app)) as client:
        yield client, world
    await engine.dispose()


def check_shape(fmt: str, status: int, raw: bytes) -> None:
    assert status < 500, raw[:300]
    # Well-formed JSON or XML, whatever went in.
    document = json.loads(raw.decode("utf-8")) if fmt == "json" else ElementTree.fromstring(raw)
    if status >= 400:
        if fmt == "json":
            assert [set(error) for error in document] == [{"code", "description"}]
        else:
            assert document.tag == "errors" and document.findtext("error/code") == str(status)


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(
    fmt=st.sampled_from(["xml", "json"]),
    base=st.sampled_from([{}, VALID, VALID]),
    phone=st.from_regex(r"09[0-9]{8}", fullmatch=True),  # a new citizen each time, so the daily cap rarely ends it
    fields=st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=20), values, max_size=4),
    with_key=st.sampled_from([True, True, True, False]),
)
async def test_no_post_gets_a_5xx(
    served: tuple[TestClient, Open311World],
    fmt: str,
    base: dict[str, str],
    phone: str,
    fields: dict[str, str],
    with_key: bool,
) -> None:
    client, world = served
    form = {**base, "phone": phone, **fields} if base else fields
    if with_key:
        form["api_key"] = world.key
    # Encoded here, as any client would: aiohttp's own form encoding refuses some field names.
    body = urlencode(list(form.items())).encode("ascii")
    response = await client.post(f"{PREFIX}/requests.{fmt}", data=body, headers=FORM)
    event(f"HTTP {response.status}")
    check_shape(fmt, response.status, await response.read())


@SETTINGS
@given(
    fmt=st.sampled_from(["xml", "json"]),
    path=st.sampled_from(["requests", "services", "discovery", "requests/20261123.0001", "services/phan_anh"]),
    params=st.dictionaries(st.sampled_from(FIELDS), short_values, max_size=5),
)
async def test_no_get_gets_a_5xx(
    served: tuple[TestClient, Open311World], fmt: str, path: str, params: dict[str, str]
) -> None:
    client, _ = served
    url = URL(f"{PREFIX}/{path}.{fmt}?{urlencode(list(params.items()))}", encoded=True)
    response = await client.get(url)
    event(f"HTTP {response.status}")
    check_shape(fmt, response.status, await response.read())
