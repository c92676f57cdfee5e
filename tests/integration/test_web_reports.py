"""The reports page of the officers' web over HTTP, SQLite and PostgreSQL: the figures shown against a
hand-built November 2026, who may read which unit's report, bad input, and the downloads parsed back.

The test office (tests/office_fixture.py): UBND-XA (root) ├─ DIA-CHINH └─ MOT-CUA; XA-KHAC, another root.
The answer deadline is 10 working days; Tue 24/11/2026 is a day off (Ngày Văn hóa Việt Nam, from the
`holidays` library). The items, with their due dates:
 1  2/11 MOT-CUA   phản ánh  due 16/11  answered  6/11: on time, 4 working days, rated 5
 2  2/11 MOT-CUA   phản ánh  due 16/11  never touched: in process, overdue at 30/11
 3  3/11 DIA-CHINH phản ánh             refused 4/11
 4 23/11 DIA-CHINH phản ánh  due  8/12  never touched: in process within the deadline at 30/11
 5  5/11 XA-KHAC   phản ánh  due 19/11  answered 25/11: late, 13 working days, rated 4
 6 10/11 MOT-CUA   kiến nghị → forwarded 11/11 to DIA-CHINH, answered there 12/11: on time, 2 working days
                   (the forward counts at MOT-CUA, the item at DIA-CHINH)
The reports are made on Tue 1/12/2026, so November's "as of" is 30/11.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime

import lxml.html
import pytest
from aiohttp.test_utils import TestClient, TestServer
from docx import Document
from openpyxl import load_workbook
from yarl import URL

from feedback.domain.access import Role
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind, CitizenRef, Contact, Draft
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import PASSWORD
from tests.web_office import WebOffice, build_web_office, log_in
from web import texts

OFFICER = Actor(ActorKind.OFFICER, "an", "Nguyễn Văn An")
NOVEMBER = "from=2026-11-01&to=2026-11-30"

# STT, name, then the columns of the seeds' table: received | answered on time, late | in process within,
# overdue | refused | withdrawn | forwarded | on-time rate % of the answered, of those due | average working
# days to answer | satisfaction.
BY_UNIT = {
    "UBND-XA": ["I", "UBND xã Tân Lập", "5", "2", "0", "1", "1", "1", "0", "1", "100,00", "66,67", "3,0", "5,00"],
    "DIA-CHINH": ["1", "Công chức địa chính", "3", "1", "0", "1", "0", "1", "0", "0", "100,00", "100,00", "2,0", "–"],
    "MOT-CUA": ["2", "Bộ phận một cửa", "2", "1", "0", "0", "1", "0", "0", "1", "100,00", "50,00", "4,0", "5,00"],
    "XA-KHAC": ["II", "UBND xã Tân Hòa", "1", "0", "1", "0", "0", "0", "0", "0", "0,00", "0,00", "13,0", "4,00"],
}
TOTAL = ["", "Tổng cộng", "6", "2", "1", "1", "1", "1", "0", "1", "66,67", "50,00", "6,3", "4,50"]


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội


async def file(world: WebOffice, n: int, day: date, unit: str, kind: FeedbackType = FeedbackType.PHAN_ANH) -> str:
    world.clock.now = at(day)
    citizen = CitizenRef("telegram", str(600 + n))
    contact = Contact(name=f"Người dân {n}", address="Thôn 3, xã Tân Lập", phone="0912345678")
    draft = Draft(kind, f"Phản ánh số {n} về đường thôn", contact, citizen, reply_to=citizen.external_id, unit=unit)
    return (await world.feedback.submit(draft)).code


async def act(world: WebOffice, day: date, code: str, *actions: Action, **kwargs: str) -> None:
    world.clock.now = at(day)
    for action in actions:
        await world.feedback.act(code, action, OFFICER, **(kwargs if action == actions[-1] else {}))


@pytest.fixture
async def world(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> WebOffice:
    world = await build_web_office(uow_factory, clock)
    answer = (Action.ACCEPT, Action.START, Action.ANSWER)
    c = {
        1: await file(world, 1, date(2026, 11, 2), "MOT-CUA"),
        2: await file(world, 2, date(2026, 11, 2), "MOT-CUA"),
        3: await file(world, 3, date(2026, 11, 3), "DIA-CHINH"),
        5: await file(world, 5, date(2026, 11, 5), "XA-KHAC"),
        6: await file(world, 6, date(2026, 11, 10), "MOT-CUA", FeedbackType.KIEN_NGHI),
        4: await file(world, 4, date(2026, 11, 23), "DIA-CHINH"),
    }
    await act(world, date(2026, 11, 4), c[3], Action.REFUSE, note="Không thuộc phạm vi PAKN.")
    await act(world, date(2026, 11, 6), c[1], *answer, note="Đã xử lý.")
    await act(world, date(2026, 11, 11), c[6], Action.FORWARD, unit="DIA-CHINH")
    await act(world, date(2026, 11, 12), c[6], *answer, note="Đã xử lý.")
    await act(world, date(2026, 11, 25), c[5], *answer, note="Đã xử lý.")
    await world.feedback.rate(c[1], CitizenRef("telegram", "601"), 5)
    await world.feedback.rate(c[5], CitizenRef("telegram", "605"), 4)
    world.clock.now = at(date(2026, 12, 1))
    return world


@pytest.fixture
async def client(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


def table_rows(html: str, table_id: str) -> dict[str, list[str]]:
    """Each row of a report table by its data-key: STT, the name, the figures, as the page shows them."""
    page = lxml.html.fromstring(html)
    rows = page.xpath(f'//table[@id="{table_id}"]/tbody/tr | //table[@id="{table_id}"]/tfoot/tr')
    assert rows, f"no table {table_id} on the page"
    return {row.get("data-key"): [cell.text_content().strip() for cell in row.xpath("td|th")] for row in rows}


def unit_options(html: str) -> list[str]:
    return [option.get("value") for option in lxml.html.fromstring(html).xpath('//select[@id="unit"]/option')]


def form_value(html: str, name: str) -> str:
    return lxml.html.fromstring(html).xpath(f'//form//input[@name="{name}"]')[0].get("value")


# --- the figures -----------------------------------------------------------------------------------------


async def test_the_administrator_sees_every_unit_in_the_seeds_table(client: TestClient) -> None:
    await log_in(client, "quantri")
    page = await client.get(f"/can-bo/reports?{NOVEMBER}&unit=")
    assert page.status == 200
    html = await page.text()
    assert table_rows(html, "by-unit") == {**BY_UNIT, "total": TOTAL}
    assert "Tất cả đơn vị" in html and "Số liệu tính đến ngày 30/11/2026" in html
    figures = lxml.html.fromstring(html).xpath("//dd[@data-figure]")
    assert {dd.get("data-figure"): dd.text_content() for dd in figures} == {
        "received": "6",
        "answered": "3",
        "on_time_rate": "66,67 %",
        "on_time_rate_of_deadline_come": "50,00 %",
        "in_process": "2",
        "in_process_overdue": "1",
    }
    terms = [dt.text_content() for dt in lxml.html.fromstring(html).xpath("//dl[contains(@class, 'totals')]//dt")]
    assert "Tỷ lệ trước hạn, đúng hạn trên số đã trả lời" in terms
    assert "Tỷ lệ trước hạn, đúng hạn trên số đến hạn (4 PAKN đã trả lời hoặc quá hạn)" in terms
    assert "(11) = (4) : [(4) + (5)] × 100 (trên số PAKN đã trả lời)" in html


async def test_the_header_has_two_rows_as_in_the_seeds_and_numbers_the_columns(client: TestClient) -> None:
    await log_in(client, "quantri")
    html = await (await client.get(f"/can-bo/reports?{NOVEMBER}&unit=")).text()
    header = lxml.html.fromstring(html).xpath('//table[@id="by-unit"]/thead/tr')
    assert len(header) == 3
    assert [td.text_content() for td in header[2].xpath("td")] == [f"({n})" for n in range(1, 15)]
    spans = [(th.text_content().strip(), th.get("colspan"), th.get("rowspan")) for th in header[0].xpath("th")]
    assert spans[:5] == [
        ("STT", None, "2"),
        ("Tên đơn vị", None, "2"),
        ("Tổng số PAKN đã tiếp nhận", None, "2"),
        ("Số PAKN đã xử lý, trả lời", "2", None),
        ("Số PAKN đang xử lý", "2", None),
    ]
    assert [th.text_content() for th in header[1].xpath("th")] == [
        "Trước hạn, đúng hạn",
        "Quá hạn",
        "Trong hạn",
        "Quá hạn",
        "Trên số đã trả lời",
        "Trên số đến hạn",
    ]


async def test_by_type_and_by_field(client: TestClient) -> None:
    await log_in(client, "quantri")
    html = await (await client.get(f"/can-bo/reports?{NOVEMBER}&unit=")).text()
    by_type = table_rows(html, "by-type")
    assert by_type["phan_anh"][1:5] == ["Phản ánh", "5", "1", "1"]
    assert by_type["kien_nghi"][1:5] == ["Kiến nghị", "1", "1", "0"]
    assert table_rows(html, "by-field")[""][1:3] == ["Không gắn thủ tục, lĩnh vực", "6"]
    assert table_rows(html, "by-procedure")[""][1:3] == ["Không gắn thủ tục", "6"]


async def test_the_chart_is_inline_and_shows_the_months(client: TestClient) -> None:
    await log_in(client, "quantri")
    html = await (await client.get("/can-bo/reports?from=2026-10-01&to=2026-11-30&unit=")).text()
    chart = lxml.html.fromstring(html).xpath('//figure[@class="chart-box"]/svg')
    assert len(chart) == 1
    assert "Tiếp nhận 11/2026: 6" in chart[0].text_content()
    assert "Lượt trả lời 11/2026: 3" in chart[0].text_content()


async def test_a_unit_name_with_markup_is_shown_as_text(world: WebOffice, client: TestClient) -> None:
    await world.admin.create_unit("TO-3", '<script>alert("x")</script> Tổ 3', parent="UBND-XA")
    await log_in(client, "quantri")
    html = await (await client.get(f"/can-bo/reports?{NOVEMBER}&unit=")).text()
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert table_rows(html, "by-unit")["TO-3"][1] == '<script>alert("x")</script> Tổ 3'


# --- who may read what ---------------------------------------------------------------------------------


async def test_a_unit_head_first_sees_their_unit_with_its_sub_units_this_year(client: TestClient) -> None:
    await log_in(client, "chi")
    html = await (await client.get("/can-bo/reports")).text()
    assert (form_value(html, "from"), form_value(html, "to")) == ("2026-01-01", "2026-12-01")
    assert unit_options(html) == ["UBND-XA", "DIA-CHINH", "MOT-CUA"]  # no "all units", no other commune
    rows = table_rows(html, "by-unit")
    assert list(rows) == ["UBND-XA", "DIA-CHINH", "MOT-CUA", "total"]
    assert rows["total"][2] == "5"


async def test_an_officer_sees_the_report_of_their_own_unit(client: TestClient) -> None:
    await log_in(client, "an")
    html = await (await client.get("/can-bo/reports")).text()
    assert unit_options(html) == ["MOT-CUA"]
    assert table_rows(html, "by-unit") == {
        "MOT-CUA": ["1", *BY_UNIT["MOT-CUA"][1:]],
        "total": TOTAL[:2] + BY_UNIT["MOT-CUA"][2:],
    }


@pytest.mark.parametrize(
    ("username", "query"),
    [
        ("an", "unit=DIA-CHINH"),
        ("an", "unit=UBND-XA&sub=1"),
        ("an", "unit="),
        ("chi", "unit=XA-KHAC"),
        ("chi", "unit="),
        ("dung", "unit=MOT-CUA"),
        ("an", "unit=KHONG-CO"),
    ],
)
async def test_a_report_out_of_reach_is_refused(client: TestClient, username: str, query: str) -> None:
    await log_in(client, username)
    page = await client.get(f"/can-bo/reports?{NOVEMBER}&{query}")
    assert page.status == 403
    html = await page.text()
    assert "Chỉ quản trị viên" in html or "Bạn không được xem báo cáo" in html
    assert not lxml.html.fromstring(html).xpath("//table")
    download = await client.get(f"/can-bo/reports/download?{NOVEMBER}&{query}&format=csv")
    assert download.status == 403 and download.content_type == "text/html"


async def test_an_officer_of_a_parent_unit_reads_it_without_its_sub_units(world: WebOffice, client: TestClient) -> None:
    await world.admin.create_officer("em", "Đỗ Thị Em", PASSWORD)
    await world.admin.grant("em", Role.OFFICER, "UBND-XA")
    await log_in(client, "em")
    html = await (await client.get("/can-bo/reports?from=2026-11-01")).text()
    assert list(table_rows(html, "by-unit")) == ["UBND-XA", "total"]
    assert table_rows(html, "by-unit")["total"][2] == "0"  # every item is in a sub-unit
    refused = await client.get(f"/can-bo/reports?{NOVEMBER}&unit=UBND-XA&sub=1")
    assert refused.status == 403
    assert texts.REPORT_SUB_UNITS_REFUSED.format(unit="UBND xã Tân Lập") in await refused.text()


async def test_an_officer_with_no_unit_is_told_so(world: WebOffice, client: TestClient) -> None:
    await world.admin.create_officer("giang", "Vũ Văn Giang", PASSWORD)
    await log_in(client, "giang")
    page = await client.get("/can-bo/reports")
    assert page.status == 403
    assert texts.REPORT_NO_UNITS in await page.text()


async def test_without_a_session_the_reports_send_to_the_login_page(client: TestClient) -> None:
    for path in ("/can-bo/reports?unit=MOT-CUA", f"/can-bo/reports/download?{NOVEMBER}&format=xlsx"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 303
        location = URL(response.headers["Location"])
        assert (location.path, location.query["next"]) == ("/can-bo/login", path)


async def test_the_page_header_links_to_the_reports(client: TestClient) -> None:
    await log_in(client, "an")
    html = await (await client.get("/can-bo/queue")).text()
    assert lxml.html.fromstring(html).xpath('//nav//a[@href="/can-bo/reports"]')[0].text_content() == "Báo cáo"


# --- bad input -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2026-11-30&to=2026-11-01", texts.REPORT_PERIOD_REVERSED.format(start="30/11/2026", end="01/11/2026")),
        ("from=30-11-2026", texts.REPORT_BAD_DATE.format(value="30-11-2026")),
        ("to=2026-02-30", texts.REPORT_BAD_DATE.format(value="2026-02-30")),
        ("from=0001-01-01", texts.REPORT_DATE_OUT_OF_RANGE.format(value="0001-01-01")),
        ("from=2000-01-01&to=2026-12-31", texts.REPORT_PERIOD_TOO_LONG.format(years=5)),
        ("unit=phường ?", texts.REPORT_BAD_UNIT.format(unit="phường ?")),
        ("unit=KHONG-CO", texts.REPORT_UNKNOWN_UNIT.format(unit="KHONG-CO")),
        ("from=2026-12-02&to=2026-12-31", texts.REPORT_FUTURE_PERIOD.format(start="02/12/2026", today="01/12/2026")),
    ],
)
async def test_bad_input_is_explained_in_vietnamese(client: TestClient, query: str, message: str) -> None:
    await log_in(client, "quantri")
    page = await client.get(f"/can-bo/reports?{query}")
    assert (page.status, page.content_type) == (400, "text/html")
    html = await page.text()
    assert message in html
    assert lxml.html.fromstring(html).xpath("//form[@action='/can-bo/reports']")  # the form is there to correct it
    download = await client.get(f"/can-bo/reports/download?{query}&format=xlsx")
    assert download.status == 400 and message in await download.text()


async def test_a_period_with_nothing_received_says_so(client: TestClient) -> None:
    await log_in(client, "quantri")
    html = await (await client.get("/can-bo/reports?from=2026-10-01&to=2026-10-31&unit=")).text()
    page = lxml.html.fromstring(html)
    assert (
        page.xpath('//p[@data-figure="nothing"]')[0].text_content() == "Trong kỳ không phát sinh phản ánh, kiến nghị."
    )
    assert table_rows(html, "by-field") == {
        "none": ["", "Không phát sinh", *[""] * 12],
        "total": ["", "Tổng cộng", "0", "0", "0", "0", "0", "0", "0", "0", "–", "–", "–", "–"],
    }


async def test_dates_may_be_typed_the_vietnamese_way(client: TestClient) -> None:
    await log_in(client, "quantri")
    html = await (await client.get("/can-bo/reports?from=01/11/2026&to=30/11/2026&unit=")).text()
    assert table_rows(html, "by-unit")["total"] == TOTAL


async def test_an_unknown_format_is_refused(client: TestClient) -> None:
    await log_in(client, "quantri")
    response = await client.get(f"/can-bo/reports/download?{NOVEMBER}&format=pdf")
    assert response.status == 400
    assert texts.REPORT_BAD_FORMAT in await response.text()


# --- downloads -----------------------------------------------------------------------------------------


async def download(client: TestClient, query: str, format_name: str) -> tuple[bytes, str, str]:
    """The body, the content type and the file name of a download."""
    response = await client.get(f"/can-bo/reports/download?{query}&format={format_name}")
    assert response.status == 200, await response.text()
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.content_disposition is not None and response.content_disposition.filename is not None
    return await response.read(), response.headers["Content-Type"], response.content_disposition.filename


async def test_the_page_links_to_each_download_with_its_choices(client: TestClient) -> None:
    await log_in(client, "chi")
    html = await (await client.get(f"/can-bo/reports?{NOVEMBER}&unit=MOT-CUA")).text()
    links = lxml.html.fromstring(html).xpath('//p[@class="downloads"]/a/@href')
    assert [URL(link).query["format"] for link in links] == ["xlsx", "csv", "docx", "json"]
    assert {(URL(link).path, URL(link).query["unit"], URL(link).query["to"]) for link in links} == {
        ("/can-bo/reports/download", "MOT-CUA", "2026-11-30")
    }
    assert "sub" not in URL(links[0]).query  # the box was not ticked


async def test_the_xlsx_download_is_the_seeds_table(client: TestClient) -> None:
    await log_in(client, "quantri")
    body, content_type, name = await download(client, f"{NOVEMBER}&unit=", "xlsx")
    assert content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert name == "bao-cao-pakn-2026-11-01_2026-11-30.xlsx"
    sheet = load_workbook(io.BytesIO(body))["Theo don vi"]
    rows = {row[1]: row for row in sheet.iter_rows(values_only=True) if row[1]}
    assert rows["Bộ phận một cửa"][2:10] == (2, 1, 0, 0, 1, 0, 0, 1)
    assert rows["UBND xã Tân Hòa"][2:4] == (1, 0)
    assert rows["Tổng cộng"][2:10] == (6, 2, 1, 1, 1, 1, 0, 1)


async def test_the_csv_download_reads_back(client: TestClient) -> None:
    await log_in(client, "chi")
    body, content_type, name = await download(client, f"{NOVEMBER}&unit=UBND-XA&sub=1", "csv")
    assert content_type == "text/csv; charset=utf-8"
    assert name == "bao-cao-pakn-UBND-XA-2026-11-01_2026-11-30.csv"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    by_unit = {row[1]: row for row in rows if row[0] == "Theo đơn vị"}
    assert list(by_unit) == ["UBND-XA", "DIA-CHINH", "MOT-CUA"]
    assert by_unit["DIA-CHINH"][3:13] == ["1", "UBND-XA", "3", "1", "0", "1", "0", "1", "0", "0"]
    assert rows[-1][0] == "Tổng cộng" and rows[-1][5] == "5"


async def test_the_docx_download_has_the_prose_and_the_table(client: TestClient) -> None:
    await log_in(client, "an")
    body, content_type, name = await download(client, f"{NOVEMBER}&unit=MOT-CUA", "docx")
    assert content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert name.endswith(".docx")
    document = Document(io.BytesIO(body))
    assert any("đã tiếp nhận 2 phản ánh, kiến nghị" in paragraph.text for paragraph in document.paragraphs)
    table = document.tables[0]
    assert [cell.text for cell in table.rows[3].cells][:4] == ["1", "Bộ phận một cửa", "2", "1"]


async def test_the_json_download(client: TestClient) -> None:
    await log_in(client, "quantri")
    body, content_type, _ = await download(client, f"{NOVEMBER}&unit=", "json")
    assert content_type == "application/json; charset=utf-8"
    report = json.loads(body)
    assert (report["start"], report["end"], report["unit"]) == ("2026-11-01", "2026-11-30", None)
    assert report["total"]["received"] == 6 and report["total"]["forwarded"] == 1
