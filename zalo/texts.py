"""What the Zalo channel itself says to people, in Vietnamese. Everything else comes from the dialogue."""

from __future__ import annotations

# Under a list of more choices than Zalo's five buttons (or where buttons cannot go): how to pick one.
TYPE_A_NUMBER = "Gõ số thứ tự (1–{last}) để chọn."
# Text for a message that carries only buttons: Zalo needs words above them.
BUTTONS_ONLY = "Mời bạn chọn:"
# The request_user_info card (Zalo's own form for name, phone, address).
INFO_REQUEST_TITLE = "Chia sẻ thông tin liên hệ"
INFO_REQUEST_SUBTITLE = "Bấm vào đây để gửi họ tên, số điện thoại và địa chỉ Zalo đã lưu, thay vì gõ lại."
# A document kept on Zalo cannot be re-sent by its address; the address is given instead.
DOCUMENT_LINK = "Tệp đính kèm: {url}"
