"""The plain-text channel's own words, in Vietnamese."""

from __future__ import annotations

PICK_BY_NUMBER = "Gõ số để chọn."
LINK = "{label}: {url}"
PHONE_REQUEST = "(Gõ số điện thoại của bạn.)"
MEDIA = "[{kind}: {caption}]"

# `motcua chat --channel text`
CHAT_WELCOME = (
    "Một Cửa bot qua kênh văn bản thuần (như một kênh không có nút bấm). Gõ câu hỏi, lệnh (/phananh, /tracuu…) "
    "hoặc số của lựa chọn; /quit để thoát."
)
CHAT_PROMPT = "bạn> "
CHAT_BOT = "bot>"
CHAT_BYE = "Tạm biệt!"
