"""Everything the bot says to citizens, in Vietnamese, as Telegram HTML templates.

Templates are filled with `str.format`; every value put into them is escaped by the caller.
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
    "• Bấm vào một kết quả để xem hồ sơ cần nộp, các bước, thời hạn và lệ phí.\n"
    "• Biết mã thủ tục thì gõ thẳng mã, ví dụ <code>1.001193</code>, hoặc /tthc 1.001193.\n\n"
    "Các lệnh:\n"
    "/start — mở menu\n"
    "/tthc MÃ — xem thủ tục theo mã\n"
    "/help — hướng dẫn này"
)

MENU_LOOKUP = "🔎 Tra cứu thủ tục"
LOOKUP_PROMPT = (
    "Bạn cần làm thủ tục gì? Gõ vài từ, không dấu cũng được.\n"
    "Ví dụ: <i>làm sổ đỏ</i>, <i>đổi bằng lái</i>, <i>đăng ký khai sinh</i>, hoặc một mã như "
    "<code>1.001193</code>."
)

COMMAND_START = "Mở menu chính"
COMMAND_TTHC = "Xem thủ tục theo mã, ví dụ /tthc 1.001193"
COMMAND_HELP = "Hướng dẫn sử dụng"

UNKNOWN_COMMAND = "Tôi chưa hiểu lệnh này. Gõ /help để xem các lệnh, hoặc gõ thẳng việc bạn cần tìm."
NOT_TEXT = "Tôi chỉ đọc được tin nhắn chữ. Hãy gõ việc bạn cần, ví dụ: <i>làm sổ đỏ</i>."
ERROR = "Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Bạn hãy thử lại sau ít phút."
BUTTON_EXPIRED = "Nút này đã cũ. Bạn hãy tìm lại nhé."

# --- search results -----------------------------------------------------------------------

RESULTS_HEADER = "Các thủ tục phù hợp với «{query}»:"
RESULTS_PAGE = "(kết quả {first}–{last})"
RESULT_ITEM = "{number}. <b>{name}</b>\n     Mã <code>{code}</code> · {level}"
RESULTS_CHOOSE = "Bấm vào số thứ tự để xem chi tiết."
LEVEL_UNKNOWN = "chưa rõ cấp thực hiện"
NO_MATCH = "Chưa tìm thấy thủ tục nào khớp với «{query}»."
SUGGESTIONS_HEADER = "Có phải bạn muốn tìm…"
REPHRASE_HINT = (
    "💡 Mẹo: gõ ngắn gọn tên việc hoặc tên giấy tờ, ví dụ <i>khai sinh</i>, <i>sổ đỏ</i>, "
    "<i>giấy phép lái xe</i>, <i>căn cước</i>. Không dấu cũng được."
)
CODE_NOT_FOUND = "Không có thủ tục nào mang mã <code>{code}</code>. Bạn hãy kiểm tra lại mã, hoặc gõ tên thủ tục."
BUTTON_MORE = "Xem thêm ▶"
BUTTON_PREVIOUS = "◀ Trước"

# --- /tthc and deep links -----------------------------------------------------------------

TTHC_USAGE = (
    "Gõ /tthc kèm mã thủ tục, ví dụ: <code>/tthc 1.001193</code>.\n"
    "Chưa biết mã? Cứ gõ tên việc cần làm, ví dụ <i>đăng ký khai sinh</i>."
)
BAD_LINK = "Liên kết này không đúng định dạng. Bạn hãy gõ tên thủ tục cần tìm."

# --- procedure card -----------------------------------------------------------------------

CARD_CODE = "Mã thủ tục"
CARD_LEVEL = "Cấp thực hiện"
CARD_FIELD = "Lĩnh vực"
CARD_AGENCY = "Cơ quan thực hiện"
CARD_TIME = "Thời hạn giải quyết"
CARD_FEES = "Phí, lệ phí"
CARD_ONLINE = "Dịch vụ công trực tuyến"
CARD_DOCUMENTS = "📎 Thành phần hồ sơ"
CARD_STEPS = "🪜 Trình tự thực hiện"
CARD_LEGAL_BASIS = "⚖️ Căn cứ pháp lý"
CARD_SOURCE = "Nguồn"
CARD_SHARE = "🔗 Chia sẻ thủ tục này"
CARD_CONTINUED = "(tiếp)"
CARD_CONTINUATION_HEADER = "<b>{name}</b>\n<i>Mã {code} · trang {page}/{pages}</i>"
NO_INFORMATION = "chưa có thông tin"
ONLINE_FULL = "toàn trình"
ONLINE_PARTIAL = "một phần"
ONLINE_NONE = "chưa có"
BUTTON_PAGE_PREVIOUS = "◀ Trang {page}/{pages}"
BUTTON_PAGE_NEXT = "Trang {page}/{pages} ▶"
BUTTON_SHARE = "📤 Chia sẻ"
SHARE_MESSAGE = "Thủ tục: {name}"

# --- `motcua chat`: the terminal frame around the conversation ----------------------------

CHAT_WELCOME = (
    "Một Cửa bot — trò chuyện thử trong terminal (bot thật, không cần Telegram).\n"
    "Gõ câu hỏi rồi Enter. Nút bấm hiện thành [1], [2]…; gõ #1 để bấm nút 1 của tin nhắn mới nhất có nút.\n"
    "Gõ /quit (hoặc Ctrl+D) để thoát."
)
CHAT_PROMPT = "bạn> "
CHAT_BOT = "bot>"
CHAT_EDITED = "bot> (sửa tin nhắn)"
CHAT_NOTICE = "bot> (thông báo) {text}"
CHAT_LINK = "Mở liên kết: {url}"
CHAT_NO_BUTTONS = "Chưa có nút nào để bấm."
CHAT_NO_SUCH_BUTTON = "Không có nút số {number}. Hãy chọn từ 1 đến {count}."
CHAT_BOT_ERROR = "(bot gửi một tin nhắn Telegram sẽ từ chối: {error})"
CHAT_BYE = "Tạm biệt!"
