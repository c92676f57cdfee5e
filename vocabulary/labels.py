"""Labels of the PAKN types and statuses: the citizen's words, and the officers' short ones for tables."""

from __future__ import annotations

from collections.abc import Iterable

from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import NoticeKind
from feedback.domain.status import Status

TYPE_LABELS: dict[FeedbackType, str] = {
    FeedbackType.PHAN_ANH: "Phản ánh",
    FeedbackType.KIEN_NGHI: "Kiến nghị",
}

# What a citizen reads about their item: whole sentences, no office jargon.
STATUS_LABELS: dict[Status, str] = {
    Status.RECEIVED: "Đã tiếp nhận, đang chờ phân loại",
    Status.ACCEPTED: "Đã được nhận xử lý",
    Status.REFUSED: "Không được tiếp nhận xử lý",
    Status.ASSIGNED: "Đã giao cán bộ xử lý",
    Status.IN_PROGRESS: "Đang xử lý",
    Status.WAITING_FOR_CITIZEN: "Đang chờ người gửi bổ sung thông tin",
    Status.ANSWERED: "Đã có kết quả trả lời",
    Status.CLOSED: "Đã kết thúc",
    Status.REOPENED: "Được mở lại để xem xét lại",
    Status.FORWARDED: "Đã chuyển đến cơ quan có thẩm quyền",
    Status.WITHDRAWN: "Người gửi đã rút lại",
}

# What an officer reads in a queue table or an item's header: short enough for a column.
# What an item's history calls each recorded action (feedback.domain.model.RECORDED_ACTIONS), for officers and the
# filer alike; the entry's actor is shown beside it.
AUDIT_LABELS: dict[str, str] = {
    "receive": "Tiếp nhận",
    "accept": "Nhận xử lý",
    "refuse": "Không tiếp nhận",
    "assign": "Giao xử lý",
    "start": "Bắt đầu xử lý",
    "ask_citizen": "Đề nghị người dân bổ sung",
    "citizen_replied": "Người dân bổ sung thông tin",
    "answer": "Trả lời",
    "close": "Kết thúc",
    "reopen": "Người dân mở lại",
    "forward": "Chuyển đơn vị",
    "extend": "Gia hạn",
    "withdraw": "Người dân rút lại",
    "apologise": "Xin lỗi, hẹn ngày trả lời mới",
    "move_promise": "Dời ngày hẹn trả lời",
    "escalate": "Báo cáo cấp trên (quá hạn)",
    "publish_answer": "Công bố câu trả lời công khai",
    "unpublish_answer": "Gỡ câu trả lời công khai",
    "replace_pin": "Cấp mã PIN mới (xem trên web)",
    "mask_contact": "Che thông tin liên hệ của người dân",
    "remove_attachments": "Xoá tệp đính kèm",
    "correct_contact": "Sửa thông tin liên hệ",
}

STATUS_SHORT_LABELS: dict[Status, str] = {
    Status.RECEIVED: "Mới tiếp nhận",
    Status.FORWARDED: "Được chuyển đến",
    Status.ACCEPTED: "Đã nhận xử lý",
    Status.ASSIGNED: "Đã giao",
    Status.IN_PROGRESS: "Đang xử lý",
    Status.WAITING_FOR_CITIZEN: "Chờ người dân bổ sung",
    Status.REOPENED: "Mở lại",
    Status.ANSWERED: "Đã trả lời",
    Status.REFUSED: "Không tiếp nhận",
    Status.CLOSED: "Đã kết thúc",
    Status.WITHDRAWN: "Người dân đã rút",
}

# What a notice told (or, held by the channel, has not told yet) the citizen: for officers, within a sentence.
NOTICE_KIND_LABELS: dict[NoticeKind, str] = {
    NoticeKind.STATUS_CHANGED: "thay đổi trạng thái",
    NoticeKind.ANSWERED: "câu trả lời",
    NoticeKind.INFORMATION_REQUESTED: "đề nghị bổ sung thông tin",
    NoticeKind.APOLOGY: "lời xin lỗi và ngày hẹn mới",
    NoticeKind.DEADLINE_EXTENDED: "gia hạn giải quyết",
    NoticeKind.DATA_DELETED: "đã xoá dữ liệu cá nhân",
    NoticeKind.DATA_DELETION_REFUSED: "không xoá dữ liệu cá nhân",
}


def notice_kinds(kinds: Iterable[NoticeKind]) -> str:
    """The kinds named once each, in the order given: «câu trả lời, thay đổi trạng thái»."""
    return ", ".join(dict.fromkeys(NOTICE_KIND_LABELS[NoticeKind(kind)] for kind in kinds))


def type_label(kind: FeedbackType | str) -> str:
    return TYPE_LABELS[FeedbackType(kind)]


def status_label(status: Status | str) -> str:
    return STATUS_LABELS[Status(status)]


def status_short_label(status: Status | str) -> str:
    return STATUS_SHORT_LABELS[Status(status)]
