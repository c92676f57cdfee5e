"""The citizens' portal in Debian's Chromium (driven by Playwright), as a citizen with only a phone uses it.

A citizen searches "lam so do" and opens the land certificate; files a PAKN about it with a photo (an empty
form first, to see the error state); reads the summary and gets the receipt with the code and the PIN. An
officer, logged in in a second browser context, finds the item in the queue and answers it. The citizen,
with the code and the PIN, reads the answer and rates it, and opens «Dữ liệu của tôi» up to the deletion
request's confirmation; a stranger with the code alone sees the status, and reads the full personal-data notice.

Every page type is checked by axe-core (the npm package, pinned in tests/e2e/axe/package.json and installed
from the npm registry when missing, then injected into the page) for WCAG 2.1 A and AA at 360×800 and at
1366×768: no serious or critical violation. Each page also weighs under 150 KB with its style sheet, loads
nothing the Content-Security-Policy refuses, and does not scroll sideways on the phone. A screenshot of each
at both sizes goes to artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Page, async_playwright, expect

from motcua.bootstrap import bundled_catalog_path
from procedures_catalog.importing import import_catalog
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.test_web_browser import chromium_or_skip
from tests.manual_clock import Clock
from tests.office_fixture import PASSWORD
from tests.portal_helpers import PNG, build_portal
from tests.web_office import WebOffice

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
AXE_DIR = Path(__file__).parent / "axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 768}
MAX_PAGE_BYTES = 150 * 1024
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CONTENT = "Bộ phận một cửa đòi thêm bản sao sổ hộ khẩu khi nộp hồ sơ cấp đổi sổ đỏ, dù thủ tục không yêu cầu"
ANSWER = "Kính gửi bà Trần Thị Lan, UBND xã đã nhắc nhở bộ phận một cửa: hồ sơ không cần sổ hộ khẩu. Trân trọng."


def axe_or_skip() -> str:
    """axe-core's script; `npm install` brings the pinned version when it is not there yet."""
    if not AXE_SCRIPT.is_file() and shutil.which("npm"):
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--no-package-lock", "--prefix", str(AXE_DIR)],
            check=False,
            capture_output=True,
            timeout=300,
        )
    if AXE_SCRIPT.is_file():
        return AXE_SCRIPT.read_text(encoding="utf-8")
    reason = f"no axe-core at {AXE_SCRIPT} (npm install --prefix {AXE_DIR})"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the accessibility check")
    pytest.skip(reason)


@pytest.fixture
async def portal(tmp_path: Path) -> AsyncIterator[WebOffice]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/motcua.db")
    await upgrade(engine)
    sessions = create_session_factory(engine)
    async with SqlUnitOfWork(sessions) as uow:  # the bundled catalog: what a citizen searches
        await import_catalog(bundled_catalog_path(), uow)
        await uow.commit()
    try:
        yield await build_portal(lambda: SqlUnitOfWork(sessions), Clock(), tmp_path / "files", search_words=True)
    finally:
        await engine.dispose()


class Checker:
    """axe-core, the weight, the policy's refusals and both screenshots, page after page."""

    def __init__(self, axe: str) -> None:
        self.axe = axe
        self.problems: list[str] = []
        self.checked: list[str] = []

    def watch(self, page: Page) -> None:
        page.on(
            "console",
            lambda message: (
                self.problems.append(f"{page.url}: {message.text}") if "Security Policy" in message.text else None
            ),
        )

    async def check(self, page: Page, name: str) -> None:
        weight = await page.evaluate(
            """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                .reduce((sum, entry) => sum + entry.decodedBodySize, 0)"""
        )
        if weight >= MAX_PAGE_BYTES:
            self.problems.append(f"{name}: {weight} bytes")
        for size, label in ((PHONE, "360x800"), (DESKTOP, "1366x768")):
            await page.set_viewport_size(size)
            if size is PHONE and await page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
                self.problems.append(f"{name}: scrolls sideways at 360 px")
            await page.screenshot(path=SCREENSHOTS / f"portal-{name}-{label}.png", full_page=True)
            for violation in await self._violations(page):
                self.problems.append(f"{name} at {label}: {json.dumps(violation, ensure_ascii=False)}")
        await page.set_viewport_size(PHONE)
        self.checked.append(name)

    async def _violations(self, page: Page) -> list[dict[str, object]]:
        if not await page.evaluate("() => typeof window.axe === 'object'"):
            await page.evaluate(self.axe)
        return await page.evaluate(
            """async (tags) => {
                const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
                const result = await axe.run(document, options);
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
            }""",
            WCAG_21_AA,
        )


async def test_a_citizen_finds_files_and_follows_a_pakn_to_its_answer_on_a_phone(portal: WebOffice) -> None:
    chromium = chromium_or_skip()
    checker = Checker(axe_or_skip())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    async with TestServer(portal.app) as server, async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
        base = str(server.make_url("/")).rstrip("/")
        try:
            citizen_context = await browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
            citizen = await citizen_context.new_page()
            checker.watch(citizen)

            # Lookup: the home page, the results, the procedure.
            await citizen.goto(base + "/")
            await checker.check(citizen, "home")
            await citizen.get_by_label("Bạn cần làm thủ tục gì?").fill("lam so do")
            await citizen.get_by_role("button", name="Tìm").click()
            first = citizen.locator("ol.results a").first
            await expect(first).to_contain_text("Giấy chứng nhận quyền sử dụng đất")
            await checker.check(citizen, "results")
            await first.click()
            await expect(citizen.get_by_role("heading", level=1)).to_contain_text("Giấy chứng nhận quyền sử dụng đất")
            await checker.check(citizen, "procedure")

            # Filing: the form, its error state, the summary, the receipt.
            await citizen.get_by_role("link", name="Phản ánh, kiến nghị về thủ tục này").click()
            await expect(citizen.get_by_role("heading", name="Gửi phản ánh, kiến nghị")).to_be_visible()
            await checker.check(citizen, "file")
            portal.clock.advance(seconds=60)  # a person takes longer than the form's minimum time
            await citizen.get_by_role("button", name="Xem lại trước khi gửi").click()
            await expect(citizen.locator(".flash-error")).to_be_visible()
            await checker.check(citizen, "file-errors")
            await citizen.get_by_role("radio", name="Phản ánh").check()
            await citizen.locator("#noi_dung").fill(CONTENT)
            await citizen.locator("#tep").set_input_files(
                [{"name": "ho-so.png", "mimeType": "image/png", "buffer": PNG}]
            )
            await citizen.locator("#don_vi").select_option("MOT-CUA")
            await citizen.get_by_label("Họ và tên").fill("Trần Thị Lan")
            await citizen.get_by_label("Số điện thoại hoặc email").fill("0912 345 678")
            await citizen.get_by_label("Địa chỉ (số nhà, đường, phường/xã, tỉnh/thành phố)").fill(
                "12 Lê Lợi, phường Hội An"
            )
            await citizen.get_by_role("button", name="Xem lại trước khi gửi").click()
            await expect(citizen.get_by_role("heading", name="Kiểm tra lại trước khi gửi")).to_be_visible()
            await expect(citizen.locator("dl.summary")).to_contain_text("ho-so.png")
            await checker.check(citizen, "summary")
            await citizen.get_by_role("button", name="Gửi", exact=True).click()
            await expect(citizen.get_by_role("heading", name="Phiếu tiếp nhận phản ánh, kiến nghị")).to_be_visible()
            code = await citizen.locator("dd.code").inner_text()
            pin = await citizen.locator("dd.pin").inner_text()
            await checker.check(citizen, "receipt")
            item = await portal.feedback.item(code)
            assert [attachment.file_name for attachment in item.attachments] == ["ho-so.png"]

            # An officer, in a browser of their own, finds it in the queue and answers.
            officer = await browser.new_page(viewport=DESKTOP, locale="vi-VN")
            checker.watch(officer)
            await officer.goto(base + "/can-bo/login")
            await officer.get_by_label("Tên đăng nhập").fill("an")
            await officer.get_by_label("Mật khẩu").fill(PASSWORD)
            await officer.get_by_role("button", name="Đăng nhập").click()
            await officer.locator(f'tr[data-code="{code}"]').get_by_role("link", name=code).click()
            await expect(officer.get_by_role("heading", name=f"Phản ánh {code}")).to_be_visible()
            await expect(officer.locator("main")).to_contain_text("ho-so.png")
            await officer.get_by_label("Trả lời người dân").fill(ANSWER)
            await officer.get_by_role("button", name="Xem trước câu trả lời").click()
            await officer.get_by_role("button", name="Gửi câu trả lời").click()
            await expect(officer.get_by_role("status")).to_contain_text("Đã gửi câu trả lời")

            # The citizen follows it: the code alone, then with the PIN; reads the answer and rates it.
            await citizen.get_by_role("link", name="Theo dõi phản ánh này").click()
            await expect(citizen.locator("main")).to_contain_text("Đã có kết quả trả lời")
            await checker.check(citizen, "follow")
            await citizen.get_by_label("Mã PIN (6 chữ số)").fill(pin)
            await citizen.get_by_role("button", name="Xem đầy đủ").click()
            await expect(citizen.locator("p.answer")).to_have_text(ANSWER)
            await expect(citizen.locator("main")).to_contain_text(CONTENT)
            await checker.check(citizen, "follow-pin")
            await citizen.get_by_role("radio", name="5 sao").check()
            await citizen.get_by_role("button", name="Gửi đánh giá").click()
            await expect(citizen.get_by_role("status")).to_contain_text("Cảm ơn bạn đã đánh giá 5 sao")
            assert (await portal.feedback.item(code)).rating == 5

            # «Dữ liệu của tôi»: what the item holds of them, and the deletion request's confirmation step.
            await citizen.get_by_role("link", name="Dữ liệu của tôi").click()
            await expect(citizen.get_by_role("heading", name="Dữ liệu của tôi")).to_be_visible()
            await expect(citizen.locator("main")).to_contain_text("0912345678")
            await checker.check(citizen, "my-data")
            await citizen.get_by_role("button", name="Yêu cầu xoá dữ liệu").click()
            await expect(citizen.get_by_role("button", name="Xác nhận yêu cầu xoá")).to_be_visible()
            await checker.check(citizen, "my-data-confirm")

            # A stranger with the code alone: the status, never the content or the answer.
            stranger = await (await browser.new_context(viewport=PHONE, locale="vi-VN")).new_page()
            await stranger.goto(base + "/phan-anh/tra-cuu")
            await stranger.get_by_label("Mã tra cứu (ví dụ 20261123.0001)").fill(code)
            await stranger.get_by_role("button", name="Xem", exact=True).click()
            await expect(stranger.locator("main")).to_contain_text("Đã có kết quả trả lời")
            page_text = await stranger.locator("main").inner_text()
            assert ANSWER not in page_text and CONTENT not in page_text and "Trần Thị Lan" not in page_text
            await stranger.goto(base + f"/phan-anh/tra-cuu/{code}")
            await expect(stranger.get_by_label("Mã PIN (6 chữ số)")).to_be_visible()
            assert ANSWER not in await stranger.locator("main").inner_text()
            await checker.check(stranger, "follow-pin-needed")
            await stranger.goto(base + "/du-lieu-ca-nhan")
            await expect(stranger.locator("#quyen-tren-cong")).to_contain_text("mã PIN")
            await checker.check(stranger, "personal-data-notice")
        finally:
            await browser.close()
    assert checker.problems == []
    assert len(checker.checked) == 13
