"""What the dialogue says, in Vietnamese, with light formatting (`dialogue.rich_text`).

Templates are filled with `str.format`; every value put into them is escaped by the caller. A channel's
own words (how to pick a numbered choice, a Telegram button's expiry) live in that channel's texts.
"""

from __future__ import annotations

# --- start, help, menu --------------------------------------------------------------------

GREETING = (
    "Xin chào{name}! Tôi là <b>Một Cửa bot</b> 🏛\n\n"
    "Tôi giúp bạn tra cứu thủ tục hành chính: cần giấy tờ gì, nộp ở đâu, mất bao lâu, "
    "phí bao nhiêu.\n\n"
    "Cứ gõ điều bạn cần, không dấu cũng được, ví dụ: <i>làm sổ đỏ</i>, <i>đổi bằng lái</i>, "
    "<i>đăng ký khai sinh</i>.\n"
    "Hoặc chọn một mục bên dưới."
)
GREETING_NAME = ", {name}"

HELP = (
    "<b>Cách dùng Một Cửa bot</b>\n\n"
    "• Gõ việc bạn cần làm, ví dụ: <i>làm sổ đỏ</i>, <i>đổi bằng lái xe</i>, <i>cấp lại căn cước</i>. "
    "Không dấu, viết tắt đều được.\n"
    "• Chọn một kết quả để xem hồ sơ cần nộp, các bước, thời hạn và lệ phí.\n"
    "• Biết mã thủ tục thì gõ thẳng mã, ví dụ <code>1.001193</code>, hoặc /tthc 1.001193.\n\n"
    "Các lệnh:\n"
    "/start — mở menu\n"
    "/tthc MÃ — xem thủ tục theo mã\n"
    "/help — hướng dẫn này"
)
COMMAND_START = "Mở menu chính"
COMMAND_HELP = "Hướng dẫn sử dụng"

UNKNOWN_COMMAND = "Tôi chưa hiểu lệnh này. Gõ /help để xem các lệnh, hoặc gõ thẳng việc bạn cần tìm."
NOT_TEXT = "Tôi chỉ đọc được tin nhắn chữ. Hãy gõ việc bạn cần, ví dụ: <i>làm sổ đỏ</i>."
NOT_UNDERSTOOD = "Tôi chưa hiểu ý bạn. Gõ /help để xem tôi giúp được gì."
STALE_CHOICE = "Lựa chọn này đã cũ. Bạn hãy tìm lại, hoặc gõ /start để mở menu."

# --- a PAKN notice's text (dialogue/notice_text.py): what the citizen is told about a change --------

NOTICE_STATUS = "🔔 Phản ánh, kiến nghị mã <code>{code}</code>: <b>{status}</b>.\nHạn trả lời: {due}"
NOTICE_NOTE = "\nLý do: {note}"
NOTICE_ANSWERED = (
    "📬 Phản ánh, kiến nghị mã <code>{code}</code> đã có <b>kết quả trả lời</b>:\n\n{answer}\n\n"
    "Bạn đánh giá kết quả này thế nào? Nếu việc chưa được giải quyết, chọn «Chưa được giải quyết»."
)
NOTICE_INFORMATION = (
    "📝 Cán bộ xử lý phản ánh, kiến nghị mã <code>{code}</code> cần bạn bổ sung:\n\n{request}\n\n"
    "Thời hạn giải quyết tạm dừng cho đến khi bạn trả lời. Chọn «Gửi thông tin bổ sung» để trả lời."
)
NOTICE_APOLOGY = (
    "🙏 Phản ánh, kiến nghị mã <code>{code}</code> chưa thể được trả lời đúng hạn. "
    "Chúng tôi thành thật xin lỗi bạn.\nNgày hẹn trả lời mới: <b>{due}</b>."
)
