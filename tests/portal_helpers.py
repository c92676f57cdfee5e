"""The citizens' portal over the test office, and a citizen filing through it as a browser would post."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
from aiohttp import FormData
from aiohttp.test_utils import TestClient

from feedback.domain.intake_limits import IntakeLimits
from procedures_catalog.model import Procedure
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.web_office import WebOffice, build_web_office

PROCEDURES = [
    Procedure(code="1.001193", name="Thủ tục đăng ký khai sinh", level="Cấp xã", field="Hộ tịch"),
    Procedure(
        code="1.012783",
        name="Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        level="Cấp tỉnh",
        field="Đất đai",
    ),
]
# The smallest files of each kind that a type check reads as what they are.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    + b"\0" * 64
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MAX_FILE = 64 * 1024  # the portal's per-file limit in these tests
GOOD = {
    "loai": "phan_anh",
    "noi_dung": "Bộ phận một cửa xã đòi thêm bản sao sổ hộ khẩu khi đăng ký khai sinh",
    "ho_ten": "Trần Thị Lan",
    "lien_he": "0912 345 678",
    "dia_chi": "12 Lê Lợi, phường Hội An",
}


async def build_portal(
    uow_factory: Callable[[], SqlUnitOfWork],
    clock: Clock,
    files: Path,
    *,
    search_words: bool = False,
    letters: bool = False,
) -> WebOffice:
    async with uow_factory() as uow:
        await uow.procedures.upsert(PROCEDURES)
        await uow.commit()
    return await build_web_office(
        uow_factory,
        clock,
        files,
        portal=True,
        limits=IntakeLimits(max_attachment_bytes=MAX_FILE),
        search_words=search_words,
        letters=letters,
    )


def field_values(html: str, form_xpath: str = "//form[@action='/phan-anh/gui']") -> dict[str, list[str]]:
    """The form's hidden fields as the page gives them."""
    values: dict[str, list[str]] = {}
    for node in lxml.html.fromstring(html).xpath(form_xpath + "//input[@type='hidden']"):
        values.setdefault(node.get("name"), []).append(node.get("value") or "")
    return values


def form_data(fields: dict[str, str | list[str]], files: list[tuple[str, bytes]] = ()) -> FormData:
    data = FormData()
    for name, value in fields.items():
        for one in [value] if isinstance(value, str) else value:
            data.add_field(name, one)
    for file_name, content in files:
        # A stream, as a browser's upload is: aiohttp warns that a large body in raw bytes blocks the loop.
        data.add_field("tep", io.BytesIO(content), filename=file_name, content_type="application/octet-stream")
    return data


async def open_form(client: TestClient) -> str:
    """The empty form's token."""
    html = await (await client.get("/phan-anh/gui")).text()
    return field_values(html)["csrf_token"][0]


async def review(
    client: TestClient, clock: Clock, fields: dict[str, str], files: list[tuple[str, bytes]] = ()
):  # -> ClientResponse
    """Open the form, take a person's time to fill it, press «Xem lại trước khi gửi»."""
    token = await open_form(client)
    clock.advance(seconds=30)
    return await client.post("/phan-anh/gui", data=form_data({**fields, "csrf_token": token, "buoc": "xem_lai"}, files))


async def send_from_summary(client: TestClient, summary_html: str):  # -> ClientResponse
    return await client.post(
        "/phan-anh/gui", data={**_single(field_values(summary_html)), "buoc": "gui"}, allow_redirects=False
    )


def _single(values: dict[str, list[str]]) -> dict[str, str | list[str]]:
    return {name: one[0] if len(one) == 1 else one for name, one in values.items()}


async def file_through_portal(
    client: TestClient, clock: Clock, fields: dict[str, str] = GOOD, files: list[tuple[str, bytes]] = ()
) -> tuple[str, str]:
    """A whole filing: review, send, the receipt; the code and the PIN it showed."""
    summary = await review(client, clock, fields, files)
    assert summary.status == 200, await summary.text()
    sent = await send_from_summary(client, await summary.text())
    assert sent.status == 303, await sent.text()
    receipt = await client.get(sent.headers["Location"])
    html = lxml.html.fromstring(await receipt.text())
    code = html.xpath("//dd[@class='code']")[0].text_content()
    pin = html.xpath("//dd[@class='pin']")[0].text_content()
    assert re.fullmatch(r"\d{8}\.\d{4}", code) and re.fullmatch(r"\d{6}", pin)
    return code, pin
