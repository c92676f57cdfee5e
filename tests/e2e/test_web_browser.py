"""The officers' web in a real headless Chromium (Debian's `chromium`, driven by Playwright; no test tool
downloads a browser): log in, find an overdue item, answer it, see it leave the overdue list; a unit head
opens the reports page and downloads the workbook; an administrator teaches search what a citizen could not
find. Screenshots of the pages at an office screen's size and
a phone's go to artifacts/screenshots/ (git-ignored).

The browser's path is MOTCUA_CHROMIUM (default /usr/bin/chromium). Without it the test skips, saying so,
except under CI, where it fails: CI installs the browser (.ci/run).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, Page, async_playwright, expect

from procedures_catalog.model import Procedure
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import PASSWORD, file_item
from tests.web_office import WebOffice, build_web_office

CHROMIUM = Path(os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
SIZES = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def chromium_or_skip() -> Path:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    reason = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set MOTCUA_CHROMIUM)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser test")
    pytest.skip(reason)


@pytest.fixture
async def office(tmp_path: Path) -> AsyncIterator[WebOffice]:
    """The test office on SQLite, on Wed 9/12/2026: items of 23/11 overdue, one due tomorrow, one fresh."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/motcua.db")
    await upgrade(engine)
    sessions = create_session_factory(engine)
    clock = Clock()
    world = await build_web_office(lambda: SqlUnitOfWork(sessions), clock)
    feedback = world.feedback
    world.office.codes["late"] = await file_item(feedback, "MOT-CUA", "Đường thôn 3 ngập nước sau mưa lớn", 501)
    await file_item(feedback, "MOT-CUA", "Rác thải tồn đọng ở chợ thôn 2 nhiều ngày chưa thu gom", 502)
    clock.advance(days=2)
    await file_item(feedback, "MOT-CUA", "Kiến nghị lắp đèn chiếu sáng ngõ 7 thôn Đông", 503)
    clock.advance(days=14)
    await file_item(feedback, "MOT-CUA", "Cây xanh đổ chắn lối đi trước trường tiểu học", 504)
    try:
        yield world
    finally:
        await engine.dispose()


async def test_an_officer_answers_an_overdue_item_in_a_real_browser(office: WebOffice) -> None:
    chromium = chromium_or_skip()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    late = office.office.codes["late"]
    async with TestServer(office.app) as server, async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
        try:
            page = await browser.new_page(viewport=SIZES["desktop"], locale="vi-VN")
            # The Content-Security-Policy must refuse nothing the pages use (a refusal is a console error).
            refused: list[str] = []
            page.on(
                "console", lambda message: refused.append(message.text) if "Security Policy" in message.text else None
            )
            await page.goto(str(server.make_url("/can-bo/queue")))
            await expect(page.get_by_role("heading", name="Đăng nhập cán bộ")).to_be_visible()
            await page.screenshot(path=SCREENSHOTS / "login-desktop.png")
            await page.get_by_label("Tên đăng nhập").fill("an")
            await page.get_by_label("Mật khẩu").fill(PASSWORD)
            await page.get_by_role("button", name="Đăng nhập").click()
            await expect(page.get_by_role("heading", name="Hàng đợi phản ánh, kiến nghị")).to_be_visible()
            await page.screenshot(path=SCREENSHOTS / "queue-desktop.png", full_page=True)

            await page.get_by_role("link", name="Quá hạn", exact=True).click()
            overdue_row = page.locator(f'tr.overdue[data-code="{late}"]')
            await expect(overdue_row).to_contain_text("Quá hạn")
            await overdue_row.get_by_role("link", name=late).click()
            await expect(page.get_by_role("heading", name=f"Phản ánh {late}")).to_be_visible()
            await page.screenshot(path=SCREENSHOTS / "item-desktop.png", full_page=True)

            await page.get_by_label("Trả lời người dân").fill("UBND xã đã nạo vét rãnh thoát nước thôn 3. Trân trọng.")
            await page.get_by_role("button", name="Xem trước câu trả lời").click()
            await expect(page.get_by_role("heading", name="Xác nhận câu trả lời")).to_be_visible()
            await page.screenshot(path=SCREENSHOTS / "answer-confirm-desktop.png")
            await page.get_by_role("button", name="Gửi câu trả lời").click()
            await expect(page.get_by_role("status")).to_contain_text("Đã gửi câu trả lời")

            await page.get_by_role("link", name="Quá hạn", exact=True).click()
            await expect(page.locator("tr.overdue").first).to_be_visible()  # the other late item is still there
            await expect(page.locator(f'tr[data-code="{late}"]')).to_have_count(0)

            await _phone_screenshots(browser, str(server.make_url("/")), late)
            await _reports(browser, str(server.make_url("/")))
            assert refused == []
        finally:
            await browser.close()


async def _phone_screenshots(browser: Browser, base: str, code: str) -> None:
    page = await browser.new_page(viewport=SIZES["phone"], locale="vi-VN", is_mobile=True, has_touch=True)
    await page.goto(base + "can-bo/login")
    await page.screenshot(path=SCREENSHOTS / "login-phone.png")
    await page.get_by_label("Tên đăng nhập").fill("an")
    await page.get_by_label("Mật khẩu").fill(PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await expect(page.locator("table.queue")).to_be_visible()
    # Cards, not a table too wide for the screen: nothing scrolls sideways.
    assert await page.evaluate("document.documentElement.scrollWidth") <= SIZES["phone"]["width"]
    await page.screenshot(path=SCREENSHOTS / "queue-phone.png", full_page=True)
    await page.goto(base + f"can-bo/items/{code}")
    assert await page.evaluate("document.documentElement.scrollWidth") <= SIZES["phone"]["width"]
    await page.screenshot(path=SCREENSHOTS / "item-phone.png", full_page=True)
    await page.close()


async def _log_in(page: Page, base: str, username: str) -> None:
    await page.goto(base + "can-bo/login")
    await page.get_by_label("Tên đăng nhập").fill(username)
    await page.get_by_label("Mật khẩu").fill(PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await expect(page.locator("table.queue")).to_be_visible()


async def _reports(browser: Browser, base: str) -> None:
    """The unit head's report of the commune, from the header's link; the workbook downloads under its name."""
    page = await browser.new_page(viewport=SIZES["desktop"], locale="vi-VN", accept_downloads=True)
    await _log_in(page, base, "chi")
    await page.get_by_role("link", name="Báo cáo", exact=True).click()
    await expect(page.get_by_role("heading", name="Báo cáo tiếp nhận, xử lý phản ánh, kiến nghị")).to_be_visible()
    by_unit = page.locator("table#by-unit")
    await expect(by_unit.locator("tbody tr")).to_have_count(3)  # the commune and its two sub-units
    await expect(by_unit.locator('tr[data-key="MOT-CUA"] td').nth(1)).to_have_text("4")
    await expect(page.locator(".chart-box svg")).to_be_visible()
    assert await page.evaluate("document.documentElement.scrollWidth") <= SIZES["desktop"]["width"]
    await page.screenshot(path=SCREENSHOTS / "reports-desktop.png", full_page=True)
    async with page.expect_download() as download:
        await page.get_by_role("link", name="XLSX").click()
    assert (await download.value).suggested_filename.startswith("bao-cao-pakn-UBND-XA-2026-01-01_")
    await page.close()

    phone = await browser.new_page(viewport=SIZES["phone"], locale="vi-VN", is_mobile=True, has_touch=True)
    await _log_in(phone, base, "chi")
    await phone.goto(base + "can-bo/reports")
    await expect(phone.locator("table#by-unit")).to_be_visible()
    # The page does not scroll sideways; the wide table scrolls inside its own box.
    assert await phone.evaluate("document.documentElement.scrollWidth") <= SIZES["phone"]["width"]
    box = phone.locator(".table-scroll").first
    assert await box.evaluate("box => box.scrollWidth > box.clientWidth")
    await phone.screenshot(path=SCREENSHOTS / "reports-phone.png", full_page=True)
    await phone.close()


@pytest.fixture
async def search_office(tmp_path: Path) -> AsyncIterator[WebOffice]:
    """The test office with a few procedures in its catalog, on SQLite."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/motcua.db")
    await upgrade(engine)
    sessions = create_session_factory(engine)
    async with SqlUnitOfWork(sessions) as uow:
        await uow.procedures.upsert(
            [
                Procedure("1.001193", "Thủ tục đăng ký khai sinh", "Cấp xã"),
                Procedure("2.001159", "Thông báo lưu trú", "Cấp xã"),
                Procedure("1.000894", "Thủ tục đăng ký kết hôn", "Cấp xã"),
            ]
        )
        await uow.commit()
    try:
        yield await build_web_office(lambda: SqlUnitOfWork(sessions), Clock())
    finally:
        await engine.dispose()


async def test_an_administrator_teaches_search_what_a_citizen_could_not_find(search_office: WebOffice) -> None:
    """A citizen's question finds nothing on the portal; the administrator maps its words to the procedure on
    the officers' page in one action; the same words then find it; the lessons download as a synonyms file."""
    chromium = chromium_or_skip()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    async with TestServer(search_office.app) as server, async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
        try:
            base = str(server.make_url("/"))
            citizen = await browser.new_page(viewport=SIZES["phone"], locale="vi-VN", is_mobile=True, has_touch=True)
            await citizen.goto(base)
            await citizen.get_by_label("Bạn cần làm thủ tục gì?").fill("khách ở homestay có phải báo công an không")
            await citizen.get_by_role("button", name="Tìm").click()
            await expect(citizen.get_by_role("heading", level=1)).to_contain_text("Chưa tìm thấy thủ tục nào")

            admin = await browser.new_page(viewport=SIZES["desktop"], locale="vi-VN", accept_downloads=True)
            refused: list[str] = []
            admin.on(
                "console", lambda message: refused.append(message.text) if "Security Policy" in message.text else None
            )
            await admin.goto(base + "can-bo/login")
            await admin.get_by_label("Tên đăng nhập").fill("quantri")
            await admin.get_by_label("Mật khẩu").fill(PASSWORD)
            await admin.get_by_role("button", name="Đăng nhập").click()
            await admin.get_by_role("link", name="Dạy tìm thủ tục").click()
            await expect(admin.get_by_role("heading", name="Dạy tìm thủ tục")).to_be_visible()
            row = admin.locator('tr[data-group="khach o homestay co phai bao cong an khong"]')
            await expect(row.locator("td").first).to_have_text("1")
            await admin.screenshot(path=SCREENSHOTS / "search-lessons-desktop.png", full_page=True)
            await row.get_by_label("Cách người dân nói").fill("khách ở homestay")
            await row.get_by_label("Mã thủ tục, hoặc cách nói chính thức").fill("2.001159")
            await row.get_by_role("button", name="Dạy").click()
            await expect(admin.get_by_role("status")).to_contain_text(
                "«khách ở homestay» được tìm như «Thông báo lưu trú»"
            )
            await expect(admin.locator("table#unanswered")).to_have_count(0)
            await expect(admin.locator("table#taught tbody tr")).to_have_count(1)
            async with admin.expect_download() as download:
                await admin.get_by_role("link", name="Tải tệp cách nói").click()
            saved = Path(await (await download.value).path())
            assert "khách ở homestay\tThông báo lưu trú" in saved.read_text(encoding="utf-8")

            await citizen.get_by_label("Bạn cần làm thủ tục gì?").fill("khach o homestay")
            await citizen.get_by_role("button", name="Tìm").click()
            await expect(citizen.locator("ol.results a").first).to_have_text("Thông báo lưu trú")
            await citizen.screenshot(path=SCREENSHOTS / "search-taught-phone.png", full_page=True)

            phone = await browser.new_page(viewport=SIZES["phone"], locale="vi-VN", is_mobile=True, has_touch=True)
            await phone.context.add_cookies(await admin.context.cookies())
            await phone.goto(base + "can-bo/search-lessons")
            await expect(phone.get_by_role("heading", name="Đã dạy (1)")).to_be_visible()
            assert await phone.evaluate("document.documentElement.scrollWidth") <= SIZES["phone"]["width"]
            await phone.screenshot(path=SCREENSHOTS / "search-lessons-phone.png", full_page=True)
            assert refused == []
        finally:
            await browser.close()
