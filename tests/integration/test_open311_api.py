"""Open311 GeoReport v2 over HTTP against the running application, in XML and in JSON."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from aiohttp.test_utils import TestClient, TestServer

from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind, CitizenRef
from feedback.domain.queue import QueueFilter
from feedback.service_layer.feedback_service import Step
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import file_item
from tests.open311_world import PREFIX, Open311World, build_open311_world

FORMATS = ["xml", "json"]
DESCRIPTION = "Đèn đường trước nhà văn hoá thôn 3 hỏng đã hai tuần,\r\nbuổi tối rất tối; đề nghị sửa gấp."
CITIZEN = {
    "first_name": "Thị Hoa",
    "last_name": "Hoàng",
    "phone": "0987 654 321",
    "email": "hoa.hoang@example.vn",
    "address_string": "Số 12 ngõ Trúc Lâm, thôn 3",
}
# Everything a GET must never show, as given and as stored (the phone normalised).
PERSONAL = ["Hoàng Thị Hoa", "Thị Hoa", "0987 654 321", "0987654321", "hoa.hoang@example.vn", "Trúc Lâm"]
BOT_CITIZEN_PERSONAL = ["Lê Văn Tám", "0912345678", "Thôn 3, xã Tân Lập"]
OFFICER = Actor(ActorKind.OFFICER, "an", "Nguyễn Văn An")
World = tuple[TestClient, Open311World]


@pytest.fixture
async def world(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> Open311World:
    return await build_open311_world(uow_factory, clock)


@pytest.fixture
async def client(world: Open311World) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


def body_of(fmt: str, raw: bytes) -> Any:
    """The document as plain data: JSON as it is, XML as (tag, children or text) through the stdlib parser."""
    if fmt == "json":
        return json.loads(raw.decode("utf-8"))
    assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ElementTree.fromstring(raw)


def requests_of(fmt: str, raw: bytes) -> list[dict[str, str | None]]:
    document = body_of(fmt, raw)
    if fmt == "json":
        return document
    assert document.tag == "service_requests"
    return [{child.tag: child.text for child in request} for request in document.findall("request")]


def errors_of(fmt: str, raw: bytes) -> list[tuple[int, str]]:
    document = body_of(fmt, raw)
    if fmt == "json":
        return [(error["code"], error["description"]) for error in document]
    assert document.tag == "errors"
    return [(int(error.findtext("code") or 0), error.findtext("description") or "") for error in document]


async def file_request(client: TestClient, world: Open311World, fmt: str = "json", **fields: str) -> str:
    form = {"api_key": world.key, "service_code": "phan_anh", "description": DESCRIPTION, **CITIZEN, **fields}
    response = await client.post(f"{PREFIX}/requests.{fmt}", data=form)
    assert response.status == 201, await response.text()
    return requests_of(fmt, await response.read())[0]["service_request_id"] or ""


@pytest.mark.parametrize("fmt", FORMATS)
async def test_discovery_names_the_endpoint_and_both_formats(client: TestClient, fmt: str) -> None:
    response = await client.get(f"{PREFIX}/discovery.{fmt}")
    assert response.status == 200
    assert response.charset == "utf-8"
    document = body_of(fmt, await response.read())
    if fmt == "json":
        endpoint = document["endpoints"][0]
        url, formats = endpoint["url"], endpoint["formats"]
    else:
        url = document.findtext("endpoints/endpoint/url")
        formats = [element.text for element in document.findall("endpoints/endpoint/formats/format")]
    assert url.endswith("/open311/v2")
    assert formats == ["text/xml", "application/json"]


@pytest.mark.parametrize("fmt", FORMATS)
async def test_services_are_the_two_pakn_types(client: TestClient, fmt: str) -> None:
    response = await client.get(f"{PREFIX}/services.{fmt}")
    assert response.content_type == ("text/xml" if fmt == "xml" else "application/json")
    document = body_of(fmt, await response.read())
    if fmt == "json":
        services = {service["service_code"]: service for service in document}
        assert services["phan_anh"]["metadata"] is True
    else:
        services = {s.findtext("service_code"): {c.tag: c.text for c in s} for s in document.findall("service")}
        assert services["phan_anh"]["metadata"] == "true"
    assert set(services) == {"phan_anh", "kien_nghi"}
    assert services["kien_nghi"]["service_name"] == "Kiến nghị"
    assert services["phan_anh"]["type"] == "realtime"
    assert services["phan_anh"]["group"]


@pytest.mark.parametrize("fmt", FORMATS)
async def test_a_service_definition_offers_the_units_and_content_kinds(client: TestClient, fmt: str) -> None:
    document = body_of(fmt, await (await client.get(f"{PREFIX}/services/kien_nghi.{fmt}")).read())
    if fmt == "json":
        attributes = {a["code"]: [v["key"] for v in a["values"]] for a in document["attributes"]}
    else:
        attributes = {
            a.findtext("code"): [v.findtext("key") for v in a.findall("values/value")]
            for a in document.findall("attributes/attribute")
        }
    assert attributes["content_kind"] == ["hanh_vi", "quy_dinh"]
    assert set(attributes["unit"]) == {"UBND-XA", "MOT-CUA", "DIA-CHINH", "XA-KHAC"}
    assert attributes["procedure_code"] == []


@pytest.mark.parametrize("fmt", FORMATS)
async def test_a_request_filed_in_vietnamese_reads_back_byte_exact(
    client: TestClient, world: Open311World, fmt: str
) -> None:
    code = await file_request(client, world, fmt, **{"attribute[unit]": "DIA-CHINH"})
    response = await client.get(f"{PREFIX}/requests/{code}.{fmt}")
    [request] = requests_of(fmt, await response.read())
    assert request["service_request_id"] == code
    assert request["description"] == DESCRIPTION
    written = DESCRIPTION.replace("\r", "&#13;") if fmt == "xml" else json.dumps(DESCRIPTION, ensure_ascii=False)
    assert written.encode("utf-8") in await response.read()  # the UTF-8 bytes themselves, no escapes
    assert request["status"] == "open"
    assert request["status_notes"] == "Mới tiếp nhận"
    assert request["agency_responsible"] == "Công chức địa chính"
    assert request["service_code"] == "phan_anh"
    assert request["requested_datetime"] == "2026-11-23T08:00:00+07:00"
    item = await world.feedback.item(code)
    assert request["expected_datetime"] == f"{item.due.isoformat()}T23:59:59+07:00"
    assert datetime.fromisoformat(request["requested_datetime"] or "") == item.received_at


async def test_text_typed_decomposed_is_stored_composed(client: TestClient, world: Open311World) -> None:
    decomposed = unicodedata.normalize("NFD", DESCRIPTION)
    code = await file_request(client, world, description=decomposed)
    assert (await world.feedback.item(code)).content == DESCRIPTION


async def test_a_filed_request_is_in_the_officers_queue_like_any_other(client: TestClient, world: Open311World) -> None:
    code = await file_request(client, world, **{"attribute[unit]": "MOT-CUA", "attribute[content_kind]": "hanh_vi"})
    page = await world.feedback.queue(QueueFilter(units=frozenset({"MOT-CUA"})))
    assert [entry.code for entry in page.entries] == [code]
    item = await world.feedback.item(code)
    assert item.contact.name == "Hoàng Thị Hoa"
    assert item.contact.phone == "0987654321"
    assert item.contact.address == CITIZEN["address_string"]
    assert item.citizen.channel == "open311"
    assert str(item.content_kind) == "hanh_vi"


async def test_coordinates_and_a_photo_link_are_kept_with_the_item(client: TestClient, world: Open311World) -> None:
    code = await file_request(
        client, world, lat="21.0285", long="105.8542", media_url="https://anh.example.vn/den-hong.jpg"
    )
    item = await world.feedback.item(code)
    assert item.contact.address == "Số 12 ngõ Trúc Lâm, thôn 3 (21.028500, 105.854200)"
    assert [attachment.file_id for attachment in item.attachments] == ["https://anh.example.vn/den-hong.jpg"]
    [request] = requests_of("json", await (await client.get(f"{PREFIX}/requests/{code}.json")).read())
    assert request["media_url"] == "https://anh.example.vn/den-hong.jpg"
    assert request["lat"] is None and request["address"] is None


@pytest.mark.parametrize("fmt", FORMATS)
async def test_no_get_shows_personal_data(client: TestClient, world: Open311World, fmt: str) -> None:
    code = await file_request(client, world)
    bot_code = await file_item(world.feedback, "MOT-CUA", "Cống thoát nước bị tắc", 77, name="Lê Văn Tám")
    paths = [
        f"discovery.{fmt}",
        f"services.{fmt}",
        f"services/phan_anh.{fmt}",
        f"requests.{fmt}",
        f"requests.{fmt}?service_request_id={code},{bot_code}",
        f"requests/{code}.{fmt}",
        f"requests/{bot_code}.{fmt}",
        f"tokens/abc.{fmt}",
    ]
    for path in paths:
        raw = (await client.get(f"{PREFIX}/{path}")).read
        text = (await raw()).decode("utf-8")
        for secret in PERSONAL + BOT_CITIZEN_PERSONAL:
            assert secret not in text, (path, secret)
    listed = requests_of(fmt, await (await client.get(f"{PREFIX}/requests.{fmt}")).read())
    assert {request["service_request_id"] for request in listed} == {code, bot_code}


async def test_a_bot_citizens_text_is_not_published(client: TestClient, world: Open311World) -> None:
    bot_code = await file_item(world.feedback, "MOT-CUA", "Cống thoát nước bị tắc ở xóm Đông", 77)
    [request] = requests_of("json", await (await client.get(f"{PREFIX}/requests/{bot_code}.json")).read())
    assert request["description"] is None
    assert request["status"] == "open"


@pytest.mark.parametrize("fmt", FORMATS)
async def test_an_answered_request_is_closed_with_the_answer_in_its_notes(
    client: TestClient, world: Open311World, fmt: str
) -> None:
    answered = await file_request(client, world)
    still_open = await file_request(client, world, description="Rác thải tồn đọng ở chợ xã nhiều ngày")
    answer = "Xã đã thay bóng đèn ngày 25/11; cảm ơn bà đã phản ánh."
    steps = [Step(Action.ACCEPT), Step(Action.START), Step(Action.ANSWER, note=answer)]
    await world.feedback.act_steps(answered, steps, OFFICER)
    closed = requests_of(fmt, await (await client.get(f"{PREFIX}/requests.{fmt}?status=closed")).read())
    assert [request["service_request_id"] for request in closed] == [answered]
    assert closed[0]["status"] == "closed"
    assert closed[0]["status_notes"] == "Đã trả lời"  # the answer names the citizen: not for anyone with the code
    published = "Xã đã thay bóng đèn đường thôn 3 ngày 25/11."
    await world.feedback.publish_answer(answered, OFFICER, published)
    [one] = requests_of(fmt, await (await client.get(f"{PREFIX}/requests/{answered}.{fmt}")).read())
    assert one["status_notes"] == f"Đã trả lời. Trả lời: {published}"
    opened = requests_of(fmt, await (await client.get(f"{PREFIX}/requests.{fmt}?status=open")).read())
    assert [request["service_request_id"] for request in opened] == [still_open]
    both = requests_of(fmt, await (await client.get(f"{PREFIX}/requests.{fmt}?status=open,closed")).read())
    assert [request["service_request_id"] for request in both] == [still_open, answered]


async def test_requests_filter_by_service_and_by_ids(client: TestClient, world: Open311World) -> None:
    complaint = await file_request(client, world)
    proposal = await file_request(client, world, service_code="kien_nghi", description="Đề nghị mở thêm giờ tiếp dân")
    only = requests_of("json", await (await client.get(f"{PREFIX}/requests.json?service_code=kien_nghi")).read())
    assert [request["service_request_id"] for request in only] == [proposal]
    # service_request_id overrides every other parameter, as the spec says.
    by_id = await client.get(f"{PREFIX}/requests.json?service_request_id={complaint}&service_code=kien_nghi")
    assert [request["service_request_id"] for request in requests_of("json", await by_id.read())] == [complaint]


async def test_requests_default_to_the_last_90_days(client: TestClient, world: Open311World, clock: Clock) -> None:
    old = await file_request(client, world)
    clock.advance(days=91)
    recent = await file_request(client, world, description="Đường liên thôn sạt lở một đoạn dài")
    listed = requests_of("json", await (await client.get(f"{PREFIX}/requests.json")).read())
    assert [request["service_request_id"] for request in listed] == [recent]
    window = await client.get(f"{PREFIX}/requests.json?start_date=2026-11-23&end_date=2026-11-30T00:00:00Z")
    assert [request["service_request_id"] for request in requests_of("json", await window.read())] == [old]


async def test_the_openapi_description_covers_every_route(client: TestClient, world: Open311World) -> None:
    response = await client.get(f"{PREFIX}/openapi.json")
    described = set(json.loads(await response.read())["paths"])
    subapp = next(resource for resource in world.app.router.resources() if "open311" in str(resource.canonical))
    routes = {resource.canonical.removeprefix(PREFIX) for resource in subapp._app.router.resources()}  # type: ignore[attr-defined]
    assert described == routes
    assert json.loads(Path("web/open311/openapi.json").read_text(encoding="utf-8"))["openapi"].startswith("3.")


# --- errors: the spec's list of {code, description}, never a 500 ------------------------------------


@pytest.fixture
async def sqlite_world(sqlite_url: str, clock: Clock) -> AsyncIterator[World]:
    """Error cases are decided before storage is reached: one backend is enough."""
    engine = create_engine(sqlite_url)
    await upgrade(engine)
    session_factory = create_session_factory(engine)
    world = await build_open311_world(lambda: SqlUnitOfWork(session_factory), clock)
    async with TestClient(TestServer(world.app)) as client:
        yield client, world
    await engine.dispose()


GOOD_FORM = {"service_code": "phan_anh", "description": DESCRIPTION, **CITIZEN}
POST_ERRORS = [
    ("missing service_code", {"service_code": ""}, 400, "service_code"),
    ("unknown service_code", {"service_code": "o-ga"}, 400, "o-ga"),
    ("missing description", {"description": "   "}, 400, "description"),
    ("description over 4000", {"description": "Đ" * 4001}, 400, "4000"),
    ("description too short", {"description": "Ổ gà"}, 400, "10"),
    ("control characters", {"description": "Ổ gà to\x00 trước nhà số 12"}, 400, "description"),
    ("no name", {"first_name": "", "last_name": ""}, 400, "họ tên"),
    ("no phone or e-mail", {"phone": "", "email": ""}, 400, "phone"),
    ("bad phone", {"phone": "12345"}, 400, "12345"),
    ("bad e-mail", {"phone": "", "email": "hoa@"}, 400, "hoa@"),
    ("no location", {"address_string": ""}, 400, "address_string"),
    ("latitude out of range", {"lat": "91", "long": "105"}, 400, "lat"),
    ("latitude alone", {"lat": "21"}, 400, "lat"),
    ("bad media_url", {"media_url": "javascript:alert(1)"}, 400, "media_url"),
    ("unknown unit", {"attribute[unit]": "SO-KHONG-CO"}, 400, "SO-KHONG-CO"),
    ("impossible unit code", {"attribute[unit]": "Sở Xây dựng"}, 400, "Sở Xây dựng"),
    ("bad content kind", {"attribute[content_kind]": "khieu_nai"}, 400, "khieu_nai"),
    ("bad procedure code", {"attribute[procedure_code]": "abc"}, 400, "abc"),
    ("unknown attribute", {"attribute[mau_sac]": "đỏ"}, 400, "attribute[mau_sac]"),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("case", "change", "status", "mentioned"), POST_ERRORS, ids=[c[0] for c in POST_ERRORS])
async def test_a_bad_post_gets_the_specs_error(
    sqlite_world: World,
    fmt: str,
    case: str,
    change: dict[str, str],
    status: int,
    mentioned: str,
) -> None:
    client, world = sqlite_world
    response = await client.post(f"{PREFIX}/requests.{fmt}", data={"api_key": world.key, **GOOD_FORM, **change})
    assert response.status == status
    [(code, description)] = errors_of(fmt, await response.read())
    assert code == status
    assert mentioned in description
    assert (await world.feedback.queue(QueueFilter())).total == 0


@pytest.mark.parametrize("fmt", FORMATS)
async def test_a_parameter_given_twice_is_refused(sqlite_world: World, fmt: str) -> None:
    client, world = sqlite_world
    form = [("api_key", world.key), *GOOD_FORM.items(), ("description", "Một nội dung khác hẳn nội dung đầu")]
    response = await client.post(f"{PREFIX}/requests.{fmt}", data=form)
    assert response.status == 400
    assert "description" in errors_of(fmt, await response.read())[0][1]


@pytest.mark.parametrize("fmt", FORMATS)
async def test_a_missing_bad_or_revoked_api_key_is_a_403(sqlite_world: World, fmt: str) -> None:
    client, world = sqlite_world
    _, revoked = await world.api_keys.issue("kiosk-cu")
    await world.api_keys.revoke("kiosk-cu")
    for key in [None, "", "mc311_khong-phai-khoa", revoked, world.key[:-1]]:
        form = GOOD_FORM if key is None else {"api_key": key, **GOOD_FORM}
        response = await client.post(f"{PREFIX}/requests.{fmt}", data=form)
        assert response.status == 403, key
        assert errors_of(fmt, await response.read())[0][0] == 403
    assert (await world.feedback.queue(QueueFilter())).total == 0


@pytest.mark.parametrize("fmt", FORMATS)
async def test_a_client_over_a_citizens_daily_cap_is_told_so(sqlite_world: World, fmt: str) -> None:
    client, world = sqlite_world
    for number in range(5):
        await file_request(client, world, fmt, description=f"Phản ánh thứ {number} về nhà số {number}0")
    refused = await client.post(
        f"{PREFIX}/requests.{fmt}", data={"api_key": world.key, **GOOD_FORM, "description": "Phản ánh thứ sáu nhà 99"}
    )
    assert refused.status == 429
    assert errors_of(fmt, await refused.read())[0][0] == 429
    # Another citizen at the same kiosk is counted apart.
    await file_request(client, world, fmt, phone="0912000111", email="")


GET_ERRORS = [
    ("malformed start_date", "requests.{fmt}?start_date=hôm qua", 400, "start_date"),
    ("start_date without offset", "requests.{fmt}?start_date=2026-11-23T08:00:00", 400, "start_date"),
    ("end_date before start_date", "requests.{fmt}?start_date=2026-11-23&end_date=2026-11-01", 400, "90"),
    ("window over 90 days", "requests.{fmt}?start_date=2026-01-01&end_date=2026-11-01", 400, "90"),
    ("date out of range", "requests.{fmt}?end_date=0001-01-02", 400, "start_date"),
    ("bad status", "requests.{fmt}?status=pending", 400, "pending"),
    ("unknown service_code", "requests.{fmt}?service_code=o-ga", 400, "o-ga"),
    ("malformed id in a list", "requests.{fmt}?service_request_id=abc", 400, "abc"),
    ("parameter twice", "requests.{fmt}?status=open&status=closed", 400, "status"),
    ("unknown id", "requests/20991231.0001.{fmt}", 404, "20991231.0001"),
    ("malformed id", "requests/khong-co.{fmt}", 404, "khong-co"),
    ("unknown service", "services/o-ga.{fmt}", 404, "o-ga"),
    ("no tokens are issued", "tokens/abc.{fmt}", 404, "abc"),
    ("unknown path", "khong-co.{fmt}", 404, "discovery"),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("case", "path", "status", "mentioned"), GET_ERRORS, ids=[c[0] for c in GET_ERRORS])
async def test_a_bad_get_gets_the_specs_error(
    sqlite_world: World, fmt: str, case: str, path: str, status: int, mentioned: str
) -> None:
    client, _ = sqlite_world
    response = await client.get(f"{PREFIX}/{path.format(fmt=fmt)}")
    assert response.status == status
    [(code, description)] = errors_of(fmt, await response.read())
    assert code == status
    assert mentioned in description


@pytest.mark.parametrize("path", ["services.html", "requests/20261123.0001.csv", "discovery.XML"])
async def test_an_unsupported_format_is_refused_in_xml(sqlite_world: World, path: str) -> None:
    client, _ = sqlite_world
    response = await client.get(f"{PREFIX}/{path}")
    assert response.status == 400
    assert errors_of("xml", await response.read())[0][0] == 400


async def test_an_unsupported_method_is_a_405_in_the_specs_shape(sqlite_world: World) -> None:
    client, _ = sqlite_world
    response = await client.delete(f"{PREFIX}/requests.json")
    assert response.status == 405
    assert errors_of("json", await response.read())[0][0] == 405


async def test_open311_is_served_without_an_officers_session(sqlite_world: World) -> None:
    client, world = sqlite_world
    response = await client.post(f"{PREFIX}/requests.json", data={"api_key": world.key, **GOOD_FORM})
    assert response.status == 201
    assert response.url.path == f"{PREFIX}/requests.json"  # not redirected to the login page


async def test_an_item_filed_by_open311_belongs_to_no_telegram_citizen(client: TestClient, world: Open311World) -> None:
    code = await file_request(client, world)
    item = await world.feedback.item(code)
    assert item.citizen != CitizenRef("telegram", "77")
    assert item.reply_to is None
    assert "0987654321" not in item.citizen.external_id


async def test_the_listing_stops_at_its_limit_newest_first(
    client: TestClient, world: Open311World, clock: Clock
) -> None:
    codes = []
    for number in range(3):
        codes.append(await file_request(client, world, description=f"Phản ánh số {number} về nhà số {number}1"))
        clock.advance(minutes=1)
    items = await world.feedback.received_between(clock.now - timedelta(days=1), clock.now, limit=2)
    assert [item.code for item in items] == codes[::-1][:2]
