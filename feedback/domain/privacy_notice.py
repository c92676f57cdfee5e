"""The notice a citizen reads before giving any personal detail, in every channel: what is collected, why,
who sees it, how long it is kept, their rights and how to use them, and where the full notice is.

Each item records the version shown (`Draft.notice_version`): change NOTICE_VERSION whenever the text
changes, so an item can be matched with the words its filer read. Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15,
Điều 4 (the right to be told); a state agency handling a PAKN needs no consent for it (Điều 19 khoản 1 điểm c)
and still tells the citizen (README, "Dữ liệu cá nhân").
"""

from __future__ import annotations

NOTICE_VERSION = "2026-12-05"
# The full notice on the citizens' portal (web/citizen_routes: public).
FULL_NOTICE_PATH = "/du-lieu-ca-nhan"

# One short text for every channel; `{link}` is the full notice's address on the agency's site. Plain text:
# each channel escapes it and adds its own formatting.
SHORT_NOTICE = (
    "Thông báo về dữ liệu cá nhân\n"
    "• Thu thập: họ tên, địa chỉ, số điện thoại hoặc email, nội dung và tệp bạn gửi.\n"
    "• Để làm gì: tiếp nhận, xử lý, trả lời phản ánh, kiến nghị của bạn theo Nghị định 20/2008/NĐ-CP "
    "(cơ quan nhà nước xử lý để thực hiện nhiệm vụ, không cần bạn đồng ý — Luật Bảo vệ dữ liệu cá nhân, "
    "Điều 19).\n"
    "• Ai xem: chỉ cán bộ đơn vị xử lý; mỗi lần xem đều được ghi lại. Tra cứu công khai không hiện thông tin "
    "của bạn.\n"
    "• Lưu bao lâu: thông tin liên hệ {contact_days} ngày, tệp {attachment_days} ngày kể từ khi kết thúc xử lý, "
    "sau đó được xoá; nội dung và kết quả trả lời được lưu theo quy định lưu trữ.\n"
    "• Quyền của bạn: xem, sửa thông tin liên hệ, yêu cầu xoá, qua mục «Dữ liệu của tôi».\n"
    "Toàn văn: {link}"
)


def short_notice(*, contact_days: int, attachment_days: int, link: str) -> str:
    """The short notice with the agency's retention settings and the full notice's address."""
    return SHORT_NOTICE.format(contact_days=contact_days, attachment_days=attachment_days, link=link)
