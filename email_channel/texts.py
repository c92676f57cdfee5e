"""What the e-mail channel says to a web filer (Vietnamese, plain text): the subject and the body of a notice."""

from __future__ import annotations

SUBJECT = "Phản ánh, kiến nghị mã {code}: {what}"
SUBJECT_PLAIN = "Thông báo về phản ánh, kiến nghị"

# What happened, for the subject and the body's first line, by notice kind (feedback.model.NoticeKind).
WHAT = {
    "answered": "đã có kết quả trả lời",
    "information_requested": "cán bộ cần bạn bổ sung thông tin",
    "deadline_extended": "thời hạn giải quyết được gia hạn",
    "apology": "chưa thể trả lời đúng hạn",
    "data_deleted": "yêu cầu xoá dữ liệu cá nhân đã được thực hiện",
    "data_deletion_refused": "yêu cầu xoá dữ liệu cá nhân chưa được chấp nhận",
}
# A status change's subject says the new status (feedback.status.Status's label, from the vocabulary).
STATUS_CHANGED = "trạng thái mới: {status}"

GREETING = "Xin chào bạn,\n\nPhản ánh, kiến nghị mã {code} bạn đã gửi qua cổng dịch vụ: {what}."
ANSWER = (
    "Nội dung trả lời:\n\n{text}\n\n"
    "Trên trang phản ánh, bạn đánh giá kết quả này, hoặc chọn «Chưa được giải quyết» nếu việc chưa được giải quyết."
)
QUESTION = (
    "Nội dung cần bổ sung:\n\n{text}\n\n"
    "Thời hạn giải quyết tạm dừng cho đến khi bạn gửi thông tin bổ sung trên trang phản ánh."
)
REASON = "Lý do: {text}"
DUE = "Hạn trả lời: {due}."
NEW_DATE = "Ngày hẹn trả lời mới: {due}. Chúng tôi thành thật xin lỗi bạn."
DATA_DELETED = (
    "Họ tên, địa chỉ, số điện thoại, email và các tệp bạn gửi đã được xoá. Nội dung phản ánh, quá trình xử lý và "
    "kết quả trả lời vẫn được lưu theo quy định lưu trữ. Đây là thư cuối cùng gửi tới địa chỉ này về phản ánh trên."
)
# Where to act: the item's page, opened with the code and the PIN the filer got on their receipt.
FOLLOW = (
    "Xem phản ánh tại:\n{address}\n"
    "Nhập mã {code} và mã PIN bạn nhận khi gửi phản ánh (thư này không bao giờ chứa mã PIN)."
)
FOLLOW_WITHOUT_ADDRESS = (
    "Xem phản ánh tại trang «Theo dõi phản ánh» (/phan-anh/tra-cuu) trên cổng dịch vụ của cơ quan, với mã {code} "
    "và mã PIN bạn nhận khi gửi phản ánh (thư này không bao giờ chứa mã PIN)."
)
SIGNATURE = "Thư này được gửi tự động, xin đừng trả lời thư.\nBộ phận tiếp nhận phản ánh, kiến nghị."
STATUS_CHANGED_UNKNOWN = "trạng thái đã thay đổi"
