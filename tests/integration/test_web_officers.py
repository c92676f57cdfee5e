"""The officers' web pages over HTTP, SQLite and PostgreSQL: login and sessions, CSRF, who may see and do
what, the queue's filters and sorting, the item page and each action."""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from yarl import URL

from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import Attachment, AttachmentKind, CitizenRef, Contact, Draft
from feedback.domain.status import Status
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import PASSWORD
from tests.web_office import WebOffice, build_web_office, csrf_token, file_items, log_in
from web import texts
from web.public_routes import PUBLIC_ROUTES


@pytest.fixture
async def world(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, tmp_path: Path) -> WebOffice:
    world = await build_web_office(uow_factory, clock, attachments_dir=tmp_path / "attachments")
    await file_items(world)
    return world


@pytest.fixture
async def client(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


def codes_in(html: str) -> list[str]:
    return re.findall(r'data-code="([^"]+)"', html)


async def snapshot(world: WebOffice, code: str) -> tuple[Status, int, int]:
    item = await world.feedback.item(code)
    return item.status, item.version, len(await world.feedback.audit_trail(code))


# --- login, sessions -------------------------------------------------------------------------------


async def test_an_officer_logs_in_and_sees_the_queue_of_their_unit(world: WebOffice, client: TestClient) -> None:
    await log_in(client, "an")
    page = await client.get("/can-bo/queue")
    assert page.status == 200
    assert codes_in(await page.text()) == [world.office.codes["desk"]]
    assert "Nguyễn Văn An" in await page.text()


async def test_the_session_cookie_is_http_only_and_same_site(client: TestClient) -> None:
    page = await client.get("/can-bo/login")
    response = await client.post(
        "/can-bo/login",
        data={"csrf_token": csrf_token(await page.text()), "username": "an", "password": PASSWORD},
        allow_redirects=False,
    )
    assert response.status == 303
    cookie = response.cookies["motcua_session"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]  # plain http in the test; set when the request is https


async def test_a_page_without_a_session_sends_to_the_login_page(client: TestClient) -> None:
    response = await client.get("/can-bo/queue?overdue=1", allow_redirects=False)
    assert response.status == 303
    location = URL(response.headers["Location"])
    assert (location.path, location.query["next"]) == ("/can-bo/login", "/can-bo/queue?overdue=1")


async def test_after_login_the_officer_lands_where_they_were_going(client: TestClient) -> None:
    redirected = await client.get("/can-bo/queue?overdue=1")
    response = await client.post(
        "/can-bo/login",
        data={
            "csrf_token": csrf_token(await redirected.text()),
            "username": "an",
            "password": PASSWORD,
            "next": "/can-bo/queue?overdue=1",
        },
    )
    assert response.url.path_qs == "/can-bo/queue?overdue=1"


async def test_login_never_redirects_off_the_site(client: TestClient) -> None:
    page = await client.get("/can-bo/login")
    response = await client.post(
        "/can-bo/login",
        data={
            "csrf_token": csrf_token(await page.text()),
            "username": "an",
            "password": PASSWORD,
            "next": "//evil.example",
        },
        allow_redirects=False,
    )
    assert response.headers["Location"] == "/can-bo/queue"


# Each of these once became "//evil.example/" after yarl dropped the tab or newline, or is off-site as it is.
_OFF_SITE_TARGETS = [
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r/evil.example/",
    "\t//evil.example/",
    "/\\evil.example/",
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "http:evil.example",
    "/%09/evil.example/",
    " //evil.example",
]


@pytest.mark.parametrize("target", _OFF_SITE_TARGETS)
async def test_a_logged_in_officer_is_never_sent_off_the_site(client: TestClient, target: str) -> None:
    await log_in(client, "an")
    response = await client.get("/can-bo/login", params={"next": target}, allow_redirects=False)
    assert response.status == 303
    location = URL(response.headers["Location"])
    assert location.host is None and not response.headers["Location"].startswith("//")
    assert location.path.startswith("/")


@pytest.mark.parametrize("target", _OFF_SITE_TARGETS)
async def test_login_with_a_mangled_next_stays_on_the_site(client: TestClient, target: str) -> None:
    page = await client.get("/can-bo/login")
    response = await client.post(
        "/can-bo/login",
        data={"csrf_token": csrf_token(await page.text()), "username": "an", "password": PASSWORD, "next": target},
        allow_redirects=False,
    )
    assert response.status == 303
    assert URL(response.headers["Location"]).host is None and not response.headers["Location"].startswith("//")


async def test_a_wrong_password_is_refused_in_vietnamese(client: TestClient) -> None:
    page = await client.get("/can-bo/login")
    response = await client.post(
        "/can-bo/login",
        data={"csrf_token": csrf_token(await page.text()), "username": "an", "password": "sai mật khẩu"},
    )
    assert response.status == 401
    assert texts.LOGIN_FAILED in await response.text()
    assert (await client.get("/can-bo/queue", allow_redirects=False)).status == 303


async def failed_login(client: TestClient, username: str, password: str = "sai mật khẩu") -> int:
    page = await client.get("/can-bo/login")
    response = await client.post(
        "/can-bo/login", data={"csrf_token": csrf_token(await page.text()), "username": username, "password": password}
    )
    return response.status


async def test_five_failures_make_the_username_wait_even_with_the_right_password(
    world: WebOffice, client: TestClient
) -> None:
    assert [await failed_login(client, "an") for _ in range(5)] == [401] * 5
    page = await client.get("/can-bo/login")
    response = await client.post(
        "/can-bo/login", data={"csrf_token": csrf_token(await page.text()), "username": "an", "password": PASSWORD}
    )
    assert response.status == 429
    assert texts.LOGIN_THROTTLED.format(minutes=15) in await response.text()
    world.clock.advance(minutes=15)
    await log_in(client, "an")


async def test_failures_from_one_address_on_many_usernames_are_limited_too(client: TestClient) -> None:
    statuses = [await failed_login(client, name) for name in ("an", "binh", "chi", "dung", "khong-co")]
    assert statuses == [401] * 5
    assert await failed_login(client, "quantri", PASSWORD) == 429


async def test_a_session_ends_after_thirty_idle_minutes(world: WebOffice, client: TestClient) -> None:
    await log_in(client, "an")
    world.clock.advance(minutes=29)
    assert (await client.get("/can-bo/queue", allow_redirects=False)).status == 200
    world.clock.advance(minutes=29)  # active: the idle timer restarted at the last request
    assert (await client.get("/can-bo/queue", allow_redirects=False)).status == 200
    world.clock.advance(minutes=30)
    response = await client.get("/can-bo/queue")
    assert response.url.path == "/can-bo/login"
    assert texts.SESSION_EXPIRED in await response.text()


async def test_a_session_ends_twelve_hours_after_login_however_active(world: WebOffice, client: TestClient) -> None:
    await log_in(client, "an")
    for _ in range(12 * 3 - 1):
        world.clock.advance(minutes=20)
        assert (await client.get("/can-bo/queue", allow_redirects=False)).status == 200
    world.clock.advance(minutes=20)
    assert (await client.get("/can-bo/queue", allow_redirects=False)).status == 303


async def test_logout_ends_the_session_on_the_server(client: TestClient) -> None:
    token = await log_in(client, "an")
    cookie = client.session.cookie_jar.filter_cookies(client.make_url("/"))["motcua_session"].value
    response = await client.post("/can-bo/logout", data={"csrf_token": token})
    assert texts.LOGGED_OUT in await response.text()
    # The old cookie, replayed, opens nothing.
    replay = await client.get("/can-bo/queue", cookies={"motcua_session": cookie}, allow_redirects=False)
    assert replay.status == 303


async def test_a_locked_account_is_logged_out_at_its_next_click(world: WebOffice, client: TestClient) -> None:
    await log_in(client, "an")
    await world.admin.deactivate("an")
    response = await client.get("/can-bo/queue")
    assert response.url.path == "/can-bo/login"
    assert texts.ACCOUNT_LOCKED in await response.text()
    await world.admin.reactivate("an")
    assert (await client.get("/can-bo/queue", allow_redirects=False)).status == 303  # the session is gone


# --- CSRF ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "", "forged-token"])
async def test_a_post_without_the_sessions_csrf_token_is_refused(
    world: WebOffice, client: TestClient, token: str | None
) -> None:
    await log_in(client, "an")
    code = world.office.codes["desk"]
    before = await snapshot(world, code)
    data = {"note": "nhận"} if token is None else {"note": "nhận", "csrf_token": token}
    response = await client.post(f"/can-bo/items/{code}/actions/accept", data=data)
    assert response.status == 403
    assert texts.CSRF_REFUSED in await response.text()
    assert await snapshot(world, code) == before


async def test_a_csrf_token_of_another_session_is_refused(world: WebOffice, client: TestClient) -> None:
    old_token = await log_in(client, "an")
    await log_in(client, "an")
    code = world.office.codes["desk"]
    response = await client.post(f"/can-bo/items/{code}/actions/accept", data={"csrf_token": old_token})
    assert response.status == 403
    assert (await world.feedback.item(code)).status == Status.RECEIVED


async def test_login_itself_needs_the_csrf_token(client: TestClient) -> None:
    response = await client.post("/can-bo/login", data={"username": "an", "password": PASSWORD})
    assert response.status == 403
    assert (await client.get("/can-bo/queue", allow_redirects=False)).status == 303


# --- role and unit checks --------------------------------------------------------------------------

EVERY_ACTION = {
    "accept": {"note": "ok"},
    "refuse": {"reason": "out_of_scope", "note": "x"},
    "claim": {},
    "assign": {"colleague": "an"},
    "forward": {"unit": "DIA-CHINH"},
    "ask_citizen": {"question": "Ảnh chụp?"},
    "extend": {"reason": "Cần xác minh"},
    "apologise": {"new_date": "2027-01-15", "reason": "chậm"},
    "answer": {"text": "Đã xử lý", "step": "send"},
    "close": {"note": "Người dân xác nhận qua điện thoại"},
    "pin": {"step": "issue"},  # «Cấp lại mã PIN» (tests/integration/test_web_officer_pin.py)
}


@pytest.mark.parametrize("action", sorted(EVERY_ACTION))
async def test_an_officer_of_another_unit_can_do_nothing_to_an_item(
    world: WebOffice, client: TestClient, action: str
) -> None:
    code = world.office.codes["desk"]
    await world.desk.claim(world.office.officers["an"], code)  # in progress: every action is possible
    before = await snapshot(world, code)
    token = await log_in(client, "dung")
    response = await client.post(
        f"/can-bo/items/{code}/actions/{action}", data={**EVERY_ACTION[action], "csrf_token": token}
    )
    assert response.status == 403
    assert texts.OUT_OF_REACH in await response.text()
    assert await snapshot(world, code) == before


async def test_an_officer_of_another_unit_cannot_open_the_item(world: WebOffice, client: TestClient) -> None:
    await log_in(client, "dung")
    response = await client.get(f"/can-bo/items/{world.office.codes['desk']}")
    assert response.status == 403
    assert "Đường thôn 3" not in await response.text()
    assert "0912345678" not in await response.text()


async def test_the_unit_head_works_on_the_items_of_sub_units(world: WebOffice, client: TestClient) -> None:
    token = await log_in(client, "chi")
    code = world.office.codes["land"]
    response = await client.post(f"/can-bo/items/{code}/actions/claim", data={"csrf_token": token})
    assert response.status == 200
    item = await world.feedback.item(code)
    assert (item.status, item.assignee) == (Status.IN_PROGRESS, "chi")


async def test_an_unknown_item_is_a_404_page(client: TestClient) -> None:
    await log_in(client, "an")
    assert (await client.get("/can-bo/items/20261123.9999")).status == 404
    assert (await client.get("/can-bo/items/not-a-code")).status == 404


# --- the queue -------------------------------------------------------------------------------------


async def queue_codes(client: TestClient, query: str) -> list[str]:
    response = await client.get("/can-bo/queue" + query)
    assert response.status == 200, await response.text()
    return codes_in(await response.text())


async def test_the_queue_filters_by_unit_status_words_code_and_assignee(world: WebOffice, client: TestClient) -> None:
    codes = world.office.codes
    await world.desk.claim(world.office.officers["binh"], codes["land"])
    await log_in(client, "chi")
    assert set(await queue_codes(client, "")) == {codes["desk"], codes["land"]}
    assert await queue_codes(client, "?unit=dia-chinh") == [codes["land"]]
    assert await queue_codes(client, "?unit=XA-KHAC") == []  # not the head's: narrowed to nothing
    assert await queue_codes(client, "?status=received") == [codes["desk"]]
    assert await queue_codes(client, "?status=in_progress") == [codes["land"]]
    assert await queue_codes(client, "?q=s%E1%BB%95+%C4%91%E1%BB%8F") == [codes["land"]]  # "sổ đỏ"
    assert await queue_codes(client, f"?q={codes['desk']}") == [codes["desk"]]
    assert await queue_codes(client, "?assignee=binh") == [codes["land"]]
    assert await queue_codes(client, "?type=kien_nghi") == []


async def test_my_items_are_those_assigned_to_me(world: WebOffice, client: TestClient) -> None:
    await world.desk.claim(world.office.officers["chi"], world.office.codes["land"])
    await log_in(client, "chi")
    assert await queue_codes(client, "?mine=1") == [world.office.codes["land"]]


async def test_overdue_only_and_the_markers_of_lateness(world: WebOffice, client: TestClient) -> None:
    codes = world.office.codes
    world.clock.advance(days=14)  # Mon 7/12; the items of Mon 23/11 are due on Tue 8/12 (10 working days)
    fresh = await _file(world, "MOT-CUA", "Cây đổ chắn đường liên thôn")  # due Mon 21/12
    world.clock.advance(days=2)  # Wed 9/12: the first three are overdue by one working day
    await log_in(client, "chi")
    assert set(await queue_codes(client, "?overdue=1")) == {codes["desk"], codes["land"]}
    html = await (await client.get("/can-bo/queue")).text()
    assert re.search(rf'<tr class="overdue" data-code="{re.escape(codes["desk"])}"', html)
    assert texts.OVERDUE_MARK.format(days=1) in html
    assert re.search(rf'<tr class="" data-code="{re.escape(fresh)}"', html)
    world.clock.advance(days=10)  # Sat 19/12: the fresh item is due on Mon 21/12, the next working day
    await log_in(client, "chi")
    html = await (await client.get("/can-bo/queue")).text()
    assert re.search(rf'<tr class="due-soon" data-code="{re.escape(fresh)}"', html)
    assert texts.DUE_SOON_MARK.format(days=1) in html


_CITIZEN_IDS = itertools.count(7000)


async def _file(world: WebOffice, unit: str, content: str, attachments: tuple[Attachment, ...] = ()) -> str:
    citizen_id = str(next(_CITIZEN_IDS))  # a citizen each: the daily cap per citizen is not under test here
    citizen = CitizenRef("telegram", citizen_id)
    contact = Contact(name="Đỗ Thị Lan", address="Thôn 1", phone="0987654321")
    draft = Draft(
        FeedbackType.KIEN_NGHI, content, contact, citizen, reply_to=citizen_id, unit=unit, attachments=attachments
    )
    return (await world.feedback.submit(draft)).code


async def test_the_queue_sorts_by_received_date_status_and_unit(world: WebOffice, client: TestClient) -> None:
    codes = world.office.codes
    world.clock.advance(days=1)
    later = await _file(world, "DIA-CHINH", "Xin hướng dẫn tách thửa đất")
    await world.desk.claim(world.office.officers["an"], codes["desk"])
    await log_in(client, "chi")
    # The first two were received at the same instant: ties stay in deadline order, then filing order.
    assert await queue_codes(client, "?sort=received&dir=desc") == [later, codes["desk"], codes["land"]]
    assert await queue_codes(client, "?sort=received") == [codes["desk"], codes["land"], later]
    # Lifecycle order: received before in progress; ties in deadline order.
    assert await queue_codes(client, "?sort=status") == [codes["land"], later, codes["desk"]]
    assert await queue_codes(client, "?sort=unit") == [codes["land"], later, codes["desk"]]
    assert await queue_codes(client, "?sort=unit&dir=desc") == [codes["desk"], codes["land"], later]


async def test_the_sort_header_turns_the_direction_round_and_keeps_the_filters(client: TestClient) -> None:
    await log_in(client, "chi")
    html = await (await client.get("/can-bo/queue?unit=MOT-CUA&sort=received")).text()
    assert 'href="?unit=MOT-CUA&amp;sort=received&amp;dir=desc"' in html
    assert 'href="?unit=MOT-CUA&amp;sort=deadline"' in html


async def test_the_queue_pages(world: WebOffice, client: TestClient) -> None:
    for number in range(55):
        await _file(world, "MOT-CUA", f"Kiến nghị số {number} về đường làng")
    await log_in(client, "an")
    first = await (await client.get("/can-bo/queue")).text()
    second = await (await client.get("/can-bo/queue?page=2")).text()
    assert len(codes_in(first)) == 50 and len(codes_in(second)) == 6
    assert "Trang 1/2" in first and 'href="?page=2"' in first
    assert not set(codes_in(first)) & set(codes_in(second))


@pytest.mark.parametrize("query", ["?status=lost", "?from=23-11-2026", "?sort=mood", "?page=0", "?unit=%20!"])
async def test_a_bad_filter_is_a_400_in_vietnamese(client: TestClient, query: str) -> None:
    await log_in(client, "an")
    response = await client.get("/can-bo/queue" + query)
    assert response.status == 400
    assert "Bộ lọc không hợp lệ" in await response.text()


async def test_the_date_range_filters_by_day_of_receipt(world: WebOffice, client: TestClient) -> None:
    world.clock.advance(days=2)
    later = await _file(world, "MOT-CUA", "Xin lắp thêm đèn đường thôn 2")
    await log_in(client, "an")
    assert await queue_codes(client, "?from=2026-11-24") == [later]
    assert await queue_codes(client, "?to=2026-11-24") == [world.office.codes["desk"]]


# --- the item page and the actions -----------------------------------------------------------------


async def test_the_item_page_shows_content_contact_attachments_and_history(
    world: WebOffice, client: TestClient, tmp_path: Path
) -> None:
    folder = tmp_path / "attachments"
    folder.mkdir()
    (folder / "anh.jpg").write_bytes(b"JPEG bytes")
    attachments = (
        Attachment(AttachmentKind.PHOTO, "f1", file_name="anh.jpg", local_path=str(folder / "anh.jpg"), size=2048),
        Attachment(AttachmentKind.DOCUMENT, "f2", file_name="don.pdf"),  # never downloaded
        Attachment(AttachmentKind.DOCUMENT, "f3", file_name="passwd", local_path="/etc/passwd"),  # outside the folder
    )
    code = await _file(world, "MOT-CUA", "Cống thoát nước thôn 4 bị tắc <script>alert(1)</script>", attachments)
    await log_in(client, "an")
    html = await (await client.get(f"/can-bo/items/{code}")).text()
    assert "Cống thoát nước thôn 4 bị tắc &lt;script&gt;" in html  # escaped, never markup
    assert "Đỗ Thị Lan" in html and "0987654321" in html and "Thôn 1" in html
    assert f'href="/can-bo/items/{code}/attachments/0"' in html
    assert "don.pdf" in html and f'href="/can-bo/items/{code}/attachments/1"' not in html
    assert f'href="/can-bo/items/{code}/attachments/2"' not in html
    assert "Tiếp nhận" in html  # the audit trail's first entry
    for form in ("accept", "refuse", "claim", "assign", "forward", "answer"):
        assert f'action="/can-bo/items/{code}/actions/{form}"' in html
    assert f'action="/can-bo/items/{code}/actions/ask_citizen"' not in html  # only once in progress
    download = await client.get(f"/can-bo/items/{code}/attachments/0")
    assert download.status == 200 and await download.read() == b"JPEG bytes"
    assert (await client.get(f"/can-bo/items/{code}/attachments/2")).status == 404


async def post_action(client: TestClient, token: str, code: str, action: str, **data: str):
    return await client.post(f"/can-bo/items/{code}/actions/{action}", data={**data, "csrf_token": token})


async def test_accept_then_assign_then_extend_each_redirect_with_a_message(
    world: WebOffice, client: TestClient
) -> None:
    code = world.office.codes["desk"]
    token = await log_in(client, "chi")
    response = await post_action(client, token, code, "accept", note="đúng thẩm quyền")
    assert response.url.path == f"/can-bo/items/{code}" and response.history[0].status == 303
    assert texts.DONE["accept"].format(code=code) in await response.text()
    response = await post_action(client, token, code, "assign", colleague="an", note="anh An xử lý")
    assert texts.DONE["assign"].format(code=code, name="Nguyễn Văn An") in await response.text()
    response = await post_action(client, token, code, "extend", reason="Cần xác minh thực địa")
    assert response.status == 200
    item = await world.feedback.item(code)
    assert (item.status, item.assignee, item.extended) == (Status.ASSIGNED, "an", True)
    # The message is shown once.
    assert texts.DONE["extend"].format(code=code) not in await (await client.get(f"/can-bo/items/{code}")).text()


async def test_a_colleague_of_another_unit_cannot_be_assigned(world: WebOffice, client: TestClient) -> None:
    code = world.office.codes["desk"]
    token = await log_in(client, "an")
    response = await post_action(client, token, code, "assign", colleague="dung", note="nhờ anh Dũng")
    assert response.status == 400
    html = await response.text()
    assert texts.NOT_A_COLLEAGUE.format(username="dung") in html
    assert 'value="nhờ anh Dũng"' in html  # what was typed is kept
    assert (await world.feedback.item(code)).status == Status.RECEIVED


async def test_refusal_sends_the_legal_reason_and_the_officers_words(world: WebOffice, client: TestClient) -> None:
    code = world.office.codes["desk"]
    token = await log_in(client, "an")
    response = await post_action(client, token, code, "refuse", reason="out_of_scope", note="Tranh chấp lối đi")
    assert response.status == 200
    item = await world.feedback.item(code)
    assert item.status == Status.REFUSED
    assert item.refusal_reason is not None
    assert item.refusal_reason.startswith("Nội dung không phải phản ánh, kiến nghị")
    assert "Tranh chấp lối đi" in item.refusal_reason


async def test_a_refusal_without_a_listed_reason_changes_nothing(world: WebOffice, client: TestClient) -> None:
    code = world.office.codes["desk"]
    token = await log_in(client, "an")
    response = await post_action(client, token, code, "refuse", reason="i_do_not_like_it", note="Ghi chú")
    assert response.status == 400
    assert texts.UNKNOWN_REASON in await response.text()
    assert (await world.feedback.item(code)).status == Status.RECEIVED


async def test_forwarding_moves_the_item_to_the_chosen_unit(world: WebOffice, client: TestClient) -> None:
    code = world.office.codes["desk"]
    token = await log_in(client, "an")
    response = await post_action(client, token, code, "forward", unit="DIA-CHINH", note="Thuộc địa chính")
    assert response.status == 200
    item = await world.feedback.item(code)
    assert (item.status, item.unit) == (Status.FORWARDED, "DIA-CHINH")
    # Now out of an's units: back to the queue, where it no longer is.
    assert response.url.path == "/can-bo/queue"
    assert texts.DONE["forward"].format(code=code, unit="DIA-CHINH") in await response.text()
    assert code not in codes_in(await response.text())


async def test_ask_the_citizen_pauses_the_clock(world: WebOffice, client: TestClient) -> None:
    code = world.office.codes["desk"]
    token = await log_in(client, "an")
    await post_action(client, token, code, "claim")
    response = await post_action(client, token, code, "ask_citizen", question="Xin ảnh chụp đoạn đường ngập")
    assert texts.DONE["ask_citizen"] in await response.text()
    assert (await world.feedback.item(code)).status == Status.WAITING_FOR_CITIZEN
    assert texts.PAUSED_MARK in await response.text()


async def test_an_answer_is_shown_for_confirmation_before_it_is_sent(world: WebOffice, client: TestClient) -> None:
    code = world.office.codes["desk"]
    token = await log_in(client, "an")
    answer = "UBND xã đã nạo vét rãnh thoát nước thôn 3.\nCảm ơn ông/bà."
    preview = await post_action(client, token, code, "answer", text=answer, step="preview")
    assert preview.status == 200
    assert "Xác nhận câu trả lời" in await preview.text()
    assert (await world.feedback.item(code)).status == Status.RECEIVED  # nothing sent yet
    edit = await post_action(client, token, code, "answer", text=answer, step="edit")
    assert answer in await edit.text()  # back in the textarea
    sent = await post_action(client, token, code, "answer", text=answer, step="send")
    assert texts.DONE["answer"].format(code=code) in await sent.text()
    item = await world.feedback.item(code)
    assert (item.status, item.answer, item.assignee) == (Status.ANSWERED, answer, "an")


async def test_an_answered_item_is_closed_with_the_citizen_s_confirmation_noted(
    world: WebOffice, client: TestClient
) -> None:
    code = world.office.codes["desk"]
    token = await log_in(client, "an")
    assert 'actions/close"' not in await (await client.get(f"/can-bo/items/{code}")).text()  # not answered yet
    await world.desk.answer(world.office.officers["an"], code, "Đã nạo vét rãnh thoát nước.")
    assert 'actions/close"' in await (await client.get(f"/can-bo/items/{code}")).text()
    refused = await post_action(client, token, code, "close", note="  ")
    assert refused.status == 400 and (await world.feedback.item(code)).status == Status.ANSWERED
    closed = await post_action(client, token, code, "close", note="Bà Hoa xác nhận qua điện thoại.")
    assert texts.DONE["close"].format(code=code) in await closed.text()
    assert (await world.feedback.item(code)).status == Status.CLOSED


async def test_an_action_the_status_no_longer_allows_keeps_the_typed_text(world: WebOffice, client: TestClient) -> None:
    code = world.office.codes["desk"]
    token = await log_in(client, "an")
    await world.desk.answer(world.office.officers["chi"], code, "Chí đã trả lời trước")
    response = await post_action(client, token, code, "answer", text="Câu trả lời của An", step="send")
    assert response.status == 409
    html = await response.text()
    assert texts.ILLEGAL_TRANSITION.format(status=texts.STATUS_LABELS["answered"]) in html
    assert "Câu trả lời của An" in html
    assert (await world.feedback.item(code)).answer == "Chí đã trả lời trước"


async def test_an_apology_sets_a_new_date_once_and_moves_it_once(world: WebOffice, client: TestClient) -> None:
    code = world.office.codes["desk"]
    token = await log_in(client, "an")
    await post_action(client, token, code, "claim")
    response = await post_action(client, token, code, "apologise", new_date="2026-12-15", reason="Chờ khảo sát")
    assert texts.DONE["apologise"].format(date="15/12/2026") in await response.text()
    assert (await world.feedback.item(code)).promised_on.isoformat() == "2026-12-15"
    bad = await post_action(client, token, code, "apologise", new_date="2026-11-01", reason="sai")
    assert bad.status == 400 and texts.INVALID_PROMISE in await bad.text()
    moved = await post_action(client, token, code, "apologise", new_date="2026-12-17", reason="Thêm hai ngày")
    assert moved.status == 200
    html = await moved.text()
    assert f'action="/can-bo/items/{code}/actions/apologise"' not in html  # moved once: no form any more


# --- the guard covers every officers' page ---------------------------------------------------------


async def test_every_route_not_named_public_needs_a_session(world: WebOffice) -> None:
    """Deny by default: each route of the application, filled in, without a session."""
    routes = [
        (route.method, route.resource.canonical)
        for route in world.app.router.routes()
        if route.name not in PUBLIC_ROUTES and route.method in ("GET", "POST")
    ]
    assert len(routes) >= 8  # the officers' pages are there to be checked
    async with TestClient(TestServer(world.app)) as client:
        for method, canonical in routes:
            path = re.sub(r"\{[^}]+\}", "x", canonical)
            response = await client.request(method, path, allow_redirects=False)
            if method == "GET":
                assert response.status == 303, (method, path)
                assert URL(response.headers["Location"]).path == "/can-bo/login"
            else:
                assert response.status == 403, (method, path)


async def page_nobody_listed(request: web.Request) -> web.Response:
    return web.Response(text="hồ sơ của người dân")


async def test_a_route_added_without_being_named_public_is_guarded(world: WebOffice) -> None:
    """A page someone adds and forgets to list is refused to the public, named or not."""
    world.app.router.add_get("/can-bo/trang-moi", page_nobody_listed, name="new_page")
    world.app.router.add_get("/can-bo/khong-ten", page_nobody_listed)
    world.app.router.add_post("/can-bo/trang-moi", page_nobody_listed)
    async with TestClient(TestServer(world.app)) as client:
        for path in ("/can-bo/trang-moi", "/can-bo/khong-ten"):
            response = await client.get(path, allow_redirects=False)
            assert response.status == 303 and URL(response.headers["Location"]).path == "/can-bo/login"
        assert (await client.post("/can-bo/trang-moi", data={"x": "1"})).status == 403
        await log_in(client, "an")
        page = await client.get("/can-bo/trang-moi")
        assert page.status == 200 and await page.text() == "hồ sơ của người dân"


async def test_the_public_routes_need_no_session(client: TestClient) -> None:
    for path in ("/healthz", "/api/procedures?q=khai+sinh", "/static/officer.css", "/can-bo/login"):
        assert (await client.get(path, allow_redirects=False)).status == 200, path


async def test_the_api_is_not_behind_the_login(client: TestClient) -> None:
    response = await client.get("/healthz")
    assert response.status == 200 and (await response.json())["status"] == "ok"
    assert (await client.get("/nowhere")).content_type == "application/json"


# --- the officers' pages moved under /can-bo/ when the portal took the root --------------------------


@pytest.mark.parametrize(
    "old",
    [
        "/login",
        "/queue?overdue=1&unit=MOT-CUA",
        "/items/20261123.0001",
        "/reports?from=2026-11-01",
        "/reports/download",
    ],
)
async def test_an_officers_old_address_sends_to_the_same_page_under_can_bo(client: TestClient, old: str) -> None:
    response = await client.get(old, allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (301, "/can-bo" + old)


async def test_a_form_posted_to_an_old_address_is_posted_again_under_can_bo(
    world: WebOffice, client: TestClient
) -> None:
    code = world.office.codes["desk"]
    token = await log_in(client, "an")
    moved = await client.post(f"/items/{code}/actions/accept", data={"csrf_token": token}, allow_redirects=False)
    assert (moved.status, moved.headers["Location"]) == (308, f"/can-bo/items/{code}/actions/accept")
    response = await client.post(moved.headers["Location"], data={"csrf_token": token})
    assert response.status == 200 and "Đã nhận xử lý" in await response.text()


async def test_the_root_is_the_citizens_portal_and_the_officers_home_is_their_queue(client: TestClient) -> None:
    assert "Tra cứu thủ tục hành chính" in await (await client.get("/")).text()
    await log_in(client, "an")
    response = await client.get("/can-bo/", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/can-bo/queue")
