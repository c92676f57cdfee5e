"""`run_chat`: the real bot in a terminal, driven by piped lines, on the real bundled catalog."""

from __future__ import annotations

import io

from bot.chat import run_chat
from procedures_catalog.services import Catalog


async def chat_transcript(catalog: Catalog, lines: str) -> str:
    output = io.StringIO()
    await run_chat(catalog, input_stream=io.StringIO(lines), output=output)
    return output.getvalue()


async def test_piped_questions_get_answers_and_buttons_can_be_pressed(bundled_catalog: Catalog) -> None:
    transcript = await chat_transcript(bundled_catalog, "lam so do\ndoi bang lai xe\n#1\n/quit\nnever read\n")
    assert "Một Cửa bot" in transcript
    assert "[1] 🔎 Tra cứu thủ tục" in transcript
    land, driving = transcript.split("«lam so do»")[1].split("«doi bang lai xe»")
    assert "Giấy chứng nhận quyền sử dụng đất" in land
    assert "1. Đổi giấy phép lái xe" in driving
    assert "[1] 1. Đổi giấy phép lái xe" in driving
    assert "📄 Đổi giấy phép lái xe" in driving  # #1 opened the card
    assert "Mã thủ tục: 3.000347" in driving
    assert "<b>" not in transcript and "&amp;" not in transcript
    assert "never read" not in transcript
    assert transcript.rstrip().endswith("Tạm biệt!")


async def test_end_of_input_ends_the_chat_and_bad_choices_are_explained(bundled_catalog: Catalog) -> None:
    transcript = await chat_transcript(bundled_catalog, "#9\n1.001193\n#2\n#1\n#7")
    assert "Không có nút số 9. Hãy chọn từ 1 đến 1." in transcript
    assert "📄 Thủ tục đăng ký khai sinh" in transcript
    assert "Mở liên kết: https://t.me/share/url?url=" in transcript  # #2 is the share link
    assert "(sửa tin nhắn)" in transcript and "trang 2/" in transcript  # #1 turned the page
    assert "Không có nút số 7" in transcript
    assert transcript.rstrip().endswith("Tạm biệt!")
