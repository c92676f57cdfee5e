"""What the Telegram channel says of its own, in Vietnamese: the few words its delivery adds to the dialogue's
replies (the dialogue's own texts are dialogue/texts.py), and the terminal frame of `motcua chat`.
"""

from __future__ import annotations

# --- delivery (bot.telegram_sender): what the dialogue's replies need on Telegram alone ------------

BUTTON_SHARE_PHONE = "📱 Gửi số điện thoại"
PHONE_KEYBOARD_HINT = "Hoặc chọn «📱 Gửi số điện thoại» ở bàn phím bên dưới."
PICK_BELOW = "Mời bạn chọn:"  # Telegram sends no buttons without a text
NOTED = "Đã ghi nhận."

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
CHAT_KEYBOARD = "  ⌨ {label}"
CHAT_CONTACT_KEY = " (trong terminal: gõ số điện thoại)"
CHAT_NO_BUTTONS = "Chưa có nút nào để bấm."
CHAT_NO_SUCH_BUTTON = "Không có nút số {number}. Hãy chọn từ 1 đến {count}."
CHAT_BOT_ERROR = "(bot gửi một tin nhắn Telegram sẽ từ chối: {error})"
CHAT_BYE = "Tạm biệt!"
