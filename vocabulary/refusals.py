"""Why a submission or one of its parts was refused, in the citizen's words: the same on every channel.

Each function takes the domain's refusal and gives one plain sentence or two (no markup: a channel escapes
it for its format). The limit the citizen missed is in the sentence, so they know what to change."""

from __future__ import annotations

from datetime import datetime

from feedback.domain.contact import (
    ADDRESS_MAX_LENGTH,
    ADDRESS_MIN_LENGTH,
    NAME_MAX_LENGTH,
    NAME_MIN_LENGTH,
    ContactProblem,
    InvalidContact,
)
from feedback.domain.intake_limits import MIB, AttachmentProblem, AttachmentRejected, ContentProblem, ContentRejected

_CONTENT = {
    ContentProblem.EMPTY: "Bạn chưa gửi nội dung nào. Hãy mô tả sự việc bằng vài câu (có thể kèm ảnh, tệp).",
    ContentProblem.NO_WORDS: (
        "Nội dung cần có chữ: hãy mô tả sự việc bằng lời (ít nhất vài từ, ví dụ «Ổ gà trước số 12 Lê Lợi»), "
        "biểu tượng cảm xúc hay một chữ cái thì cán bộ không hiểu được."
    ),
    ContentProblem.TOO_SHORT: "Nội dung ngắn quá (cần ít nhất {limit} ký tự, hoặc kèm ảnh, tệp). Bạn hãy mô tả thêm.",
    ContentProblem.TOO_LONG: "Nội dung dài quá {limit} ký tự. Bạn hãy viết gọn lại.",
}

_ATTACHMENT = {
    AttachmentProblem.TOO_MANY: "Mỗi phản ánh kèm tối đa {limit} tệp.",
    AttachmentProblem.TOO_LARGE: "Tệp lớn quá {limit} MB.",
}

_CONTACT = {
    ContactProblem.EMPTY: "Bạn chưa gõ số điện thoại hay email nào.",
    ContactProblem.PHONE_HAS_LETTERS: "Số điện thoại không được có chữ cái.",
    ContactProblem.PHONE_INVALID_CHARACTERS: (
        "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, dấu gạch ngang)."
    ),
    ContactProblem.PHONE_TOO_SHORT: (
        "Số điện thoại thiếu số: số di động có 10 chữ số, số cố định có 11 chữ số, bắt đầu bằng 0."
    ),
    ContactProblem.PHONE_TOO_LONG: (
        "Số điện thoại thừa số: số di động có 10 chữ số, số cố định có 11 chữ số, bắt đầu bằng 0."
    ),
    ContactProblem.PHONE_NOT_VIETNAMESE: (
        "Đây không phải số điện thoại Việt Nam (mã +84). Bạn hãy gõ số Việt Nam hoặc email."
    ),
    ContactProblem.PHONE_UNKNOWN_PREFIX: (
        "Đầu số này không có ở Việt Nam: số di động bắt đầu bằng 03, 05, 07, 08, 09; số cố định bằng 02. "
        "Số 11 chữ số đầu 01 cũ đã được đổi sang đầu số mới."
    ),
    ContactProblem.MORE_THAN_ONE_PHONE: "Bạn chỉ cần gõ một số điện thoại.",
    ContactProblem.EMAIL_MALFORMED: "Email chưa đúng dạng, ví dụ đúng: ten@gmail.com.",
    ContactProblem.EMAIL_TOO_LONG: "Email dài quá 254 ký tự.",
    ContactProblem.MORE_THAN_ONE_EMAIL: "Bạn chỉ cần gõ một email.",
    ContactProblem.NAME_TOO_SHORT: f"Bạn hãy gõ đủ họ và tên (ít nhất {NAME_MIN_LENGTH} chữ cái).",
    ContactProblem.NAME_TOO_LONG: f"Họ và tên dài quá {NAME_MAX_LENGTH} ký tự.",
    ContactProblem.NAME_NOT_LETTERS: (
        "Họ và tên chỉ gồm chữ cái (có dấu hay không dấu đều được), không có số hay biểu tượng. Ví dụ: Trần Thị Lan."
    ),
    ContactProblem.ADDRESS_TOO_SHORT: f"Địa chỉ ngắn quá (cần ít nhất {ADDRESS_MIN_LENGTH} ký tự).",
    ContactProblem.ADDRESS_TOO_LONG: f"Địa chỉ dài quá {ADDRESS_MAX_LENGTH} ký tự.",
    ContactProblem.ADDRESS_NO_WORDS: (
        "Địa chỉ cần ghi bằng chữ: số nhà, đường, phường/xã, tỉnh/thành phố. Ví dụ: 12 Lê Lợi, phường Hội An."
    ),
}

INCOMPLETE_CONTACT = "Còn thiếu họ tên, địa chỉ hoặc số điện thoại/email."
DAILY_CAP = "Mỗi người gửi được tối đa {cap} phản ánh trong 24 giờ, và bạn đã gửi đủ."
DAILY_CAP_UNTIL = DAILY_CAP + " Bạn gửi tiếp được từ {time} ngày {date}."


def content_refusal(refused: ContentRejected) -> str:
    return _CONTENT[refused.problem].format(limit=refused.limit)


def attachment_refusal(refused: AttachmentRejected) -> str:
    limit = refused.limit // MIB if refused.problem == AttachmentProblem.TOO_LARGE else refused.limit
    return _ATTACHMENT[refused.problem].format(limit=limit)


def contact_refusal(refused: InvalidContact | ContactProblem) -> str:
    problem = refused.problem if isinstance(refused, InvalidContact) else refused
    return _CONTACT[problem]


def daily_cap_refusal(cap: int, opens_again: datetime | None = None) -> str:
    """The cap, and when the citizen may file again (a local date and time) when it is known."""
    if opens_again is None:
        return DAILY_CAP.format(cap=cap)
    return DAILY_CAP_UNTIL.format(cap=cap, time=opens_again.strftime("%H:%M"), date=opens_again.strftime("%d/%m/%Y"))
