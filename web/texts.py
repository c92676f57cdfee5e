"""Vietnamese messages of the web and API channel."""

from vocabulary.labels import STATUS_SHORT_LABELS

BAD_LIMIT = "Tham số limit phải là số nguyên từ 1 đến 50."
BAD_LEVEL = "Tham số level không hợp lệ: dùng central, province, district, commune hoặc other."
MISSING_QUERY = "Thiếu tham số q (nội dung cần tìm)."
UNKNOWN_PROCEDURE = "Không tìm thấy thủ tục có mã {code}."
NOT_FOUND = "Không tìm thấy trang hoặc tài nguyên được yêu cầu."
INTERNAL_ERROR = "Hệ thống đang gặp sự cố, vui lòng thử lại sau."
BAD_FORM = (
    "Không đọc được nội dung biểu mẫu (cần dạng application/x-www-form-urlencoded, mã hoá UTF-8, không nén sai). "
    "Vui lòng tải lại trang rồi thử lại."
)
BAD_FORWARDED = "Tiêu đề chuyển tiếp (X-Forwarded-For, Forwarded) từ máy chủ trung gian không hợp lệ."

# --- the officers' web: login and sessions ------------------------------------------------------

LOGIN_FAILED = "Tên đăng nhập hoặc mật khẩu không đúng."
LOGIN_THROTTLED = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút."
SESSION_EXPIRED = "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."
ACCOUNT_LOCKED = "Tài khoản đã bị khoá hoặc không còn tồn tại. Liên hệ quản trị viên nếu cần."
LOGGED_OUT = "Đã đăng xuất."
CSRF_REFUSED = (
    "Biểu mẫu không hợp lệ hoặc đã hết hạn (thiếu mã chống giả mạo yêu cầu). Vui lòng tải lại trang rồi thử lại."
)
FORBIDDEN = "Bạn không có quyền xem hoặc xử lý nội dung này."

# --- the officers' web: the queue and the items ---------------------------------------------------

STATUS_LABELS = {str(status): label for status, label in STATUS_SHORT_LABELS.items()}
OVERDUE_MARK = "Quá hạn {days} ngày"
DUE_TODAY_MARK = "Đến hạn hôm nay"
DUE_SOON_MARK = "Sắp đến hạn: còn {days} ngày"
DAYS_LEFT = "Còn {days} ngày"
PAUSED_MARK = "Tạm dừng: chờ người dân"
NOT_ROUTED = "Chưa phân đơn vị"
SYSTEM_ACTOR = "Hệ thống"
CITIZEN_ACTOR = "Người dân"
BAD_FILTER = "Bộ lọc không hợp lệ: {field}."
UNKNOWN_ITEM = "Không tìm thấy phản ánh, kiến nghị mã {code}."
INVALID_CODE = "Mã «{code}» không đúng dạng (ví dụ 20261123.0001)."
ATTACHMENT_MISSING = "Tệp đính kèm này chưa được tải về máy chủ."

# --- the officers' web: actions ---------------------------------------------------------------------

DONE = {
    "accept": "Đã nhận xử lý phản ánh {code}.",
    "refuse": "Đã từ chối tiếp nhận phản ánh {code}; người dân sẽ được báo lý do.",
    "claim": "Bạn đã nhận xử lý phản ánh {code}.",
    "assign": "Đã giao phản ánh {code} cho {name}.",
    "forward": "Đã chuyển phản ánh {code} đến {unit}.",
    "ask_citizen": "Đã gửi đề nghị bổ sung cho người dân; hạn xử lý tạm dừng.",
    "extend": "Đã gia hạn phản ánh {code}.",
    "answer": "Đã gửi câu trả lời cho người dân (phản ánh {code}).",
    "apologise": "Đã gửi thư xin lỗi, hẹn ngày trả lời mới {date}.",
    "close": "Đã đóng phản ánh {code}; người dân được báo kèm ghi chú.",
    "publish": "Đã công bố câu trả lời công khai của phản ánh {code}: ai có mã đều đọc được.",
    "unpublish": "Đã gỡ câu trả lời công khai của phản ánh {code}.",
}
INVALID_PUBLIC_ANSWER = (
    "Chỉ công bố câu trả lời công khai cho phản ánh đã được trả lời, dài tối đa {limit} ký tự. "
    "Nội dung bạn nhập vẫn được giữ."
)
CONCURRENT_CHANGE = (
    "Phản ánh này vừa được người khác thay đổi. "
    "Hãy xem lại trạng thái mới rồi thực hiện lại; nội dung bạn nhập vẫn được giữ."
)
ILLEGAL_TRANSITION = (
    "Trạng thái hiện tại của phản ánh («{status}») không cho phép thao tác này nữa. Nội dung bạn nhập vẫn được giữ."
)
OUT_OF_REACH = "Phản ánh này không thuộc đơn vị bạn phụ trách (hoặc tài khoản đã bị khoá). Không có gì thay đổi."
NOT_PERMITTED = "Bạn không có quyền thực hiện thao tác này với phản ánh này."
NOT_A_COLLEAGUE = "Không giao được cho «{username}»: người này không làm việc tại đơn vị của phản ánh."
SAME_UNIT = "Phản ánh đã ở đơn vị này; hãy chọn đơn vị khác."
UNKNOWN_UNIT = "Không có đơn vị mã «{unit}»."
MISSING_REASON = "Thiếu nội dung bắt buộc (lý do, câu hỏi, câu trả lời hoặc đơn vị nhận)."
ALREADY_EXTENDED = "Phản ánh này đã được gia hạn một lần; pháp luật chỉ cho gia hạn một lần."
UNKNOWN_REASON = "Hãy chọn một lý do từ chối trong danh sách."
PINS_UNAVAILABLE = "Máy chủ này không cấp mã PIN (cổng thông tin cho người dân chưa được mở)."
BAD_DATE = "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm."
INVALID_PROMISE = "Ngày hẹn mới phải là ngày làm việc, sau hạn giải quyết và sau hôm nay (và khác ngày đã hẹn)."
PROMISE_MOVED = "Ngày hẹn đã được dời một lần (đến {date}); không được dời thêm."
CANNOT_APOLOGISE = "Chỉ gửi thư xin lỗi cho phản ánh đang xử lý."
ITEM_REFUSED_BY_RULES = "Thao tác không thực hiện được: {detail}"

# --- the officers' web: reports -----------------------------------------------------------------------

REPORT_BAD_DATE = "Ngày «{value}» không hợp lệ; nhập theo dạng ngày/tháng/năm (ví dụ 31/12/2026)."
REPORT_DATE_OUT_OF_RANGE = "Ngày «{value}» nằm ngoài khoảng báo cáo được (từ năm 2000 đến năm 2099)."
REPORT_PERIOD_REVERSED = "Ngày bắt đầu ({start}) sau ngày kết thúc ({end}); hãy chọn lại kỳ báo cáo."
REPORT_PERIOD_TOO_LONG = "Kỳ báo cáo dài tối đa {years} năm; hãy chọn kỳ ngắn hơn."
REPORT_FUTURE_PERIOD = "Kỳ báo cáo bắt đầu ngày {start}, sau hôm nay ({today}): chưa có số liệu để báo cáo."
REPORT_BAD_UNIT = "Mã đơn vị «{unit}» không hợp lệ."
REPORT_UNKNOWN_UNIT = "Không có đơn vị mã «{unit}»."
REPORT_BAD_FORMAT = "Định dạng tải về phải là xlsx, csv, docx hoặc json."
REPORT_NO_UNITS = "Tài khoản của bạn chưa được giao đơn vị nào nên chưa xem được báo cáo. Liên hệ quản trị viên."
REPORT_ALL_UNITS_REFUSED = "Chỉ quản trị viên xem được báo cáo của tất cả đơn vị; hãy chọn đơn vị của bạn."
REPORT_UNIT_REFUSED = (
    "Bạn không được xem báo cáo của đơn vị «{unit}»: cán bộ xem báo cáo của đơn vị mình, "
    "trưởng đơn vị xem cả các đơn vị trực thuộc."
)
REPORT_SUB_UNITS_REFUSED = (
    "Bạn chỉ được xem báo cáo riêng của đơn vị «{unit}», không gồm các đơn vị trực thuộc: "
    "hãy bỏ chọn «Gồm đơn vị trực thuộc»."
)

# --- the citizens' portal: lookup ---------------------------------------------------------------------

PORTAL_BAD_LEVEL = "Cấp thực hiện không hợp lệ; hãy chọn một cấp trong danh sách."
PORTAL_BAD_PAGE = "Trang kết quả không hợp lệ (từ 1 đến 5)."
PORTAL_NO_INFORMATION = "chưa có thông tin"
PORTAL_PROCEDURE_DESCRIPTION = "Mã thủ tục {code} · {level} · Thời hạn giải quyết: {time}"
PORTAL_ONLINE_FULL = "Toàn trình"
PORTAL_ONLINE_PARTIAL = "Một phần"
PORTAL_ONLINE_NONE = "Chưa có"

# --- the citizens' portal: filing -----------------------------------------------------------------------

PORTAL_CHOOSE_TYPE = "Bạn hãy chọn loại: phản ánh hoặc kiến nghị."
PORTAL_CONTACT_REFUSED = (
    "Phản ánh chưa được gửi: cần họ tên, địa chỉ và số điện thoại hoặc thư điện tử đúng. Bạn hãy sửa lại rồi gửi."
)
PORTAL_UNKNOWN_UNIT = "Đơn vị bạn chọn không còn trong danh sách. Bạn hãy chọn lại, hoặc để trống."
PORTAL_FILE_REFUSED = "Tệp «{name}»: {sentence}"
PORTAL_FILE_NOT_ITS_NAME = (
    "Tệp «{name}»: nội dung tệp không khớp với đuôi tên tệp, nên chưa được nhận. Bạn hãy chọn đúng tệp ảnh hoặc PDF."
)
PORTAL_FILE_NOT_ACCEPTED = "Tệp «{name}» không phải ảnh (JPG, PNG, WebP, HEIC) hay tệp PDF: chỉ nhận các loại tệp đó."
PORTAL_REQUEST_TOO_LARGE = (
    "Các tệp gửi lên lớn quá mức cho phép của một phản ánh, nên chưa có gì được nhận. "
    "Bạn hãy chọn ít tệp hơn hoặc tệp nhỏ hơn rồi gửi lại."
)
PORTAL_ADDRESS_CAP = (
    "Từ mạng bạn đang dùng đã có {cap} phản ánh được gửi trong 24 giờ qua, mức tối đa cho phép. "
    "Nội dung bạn nhập vẫn được giữ trên trang này; bạn gửi lại được từ {when}."
)
PORTAL_FORM_REFUSED = "Biểu mẫu không hợp lệ nên chưa được nhận. Bạn hãy tải lại trang rồi điền lại."
PORTAL_FORM_EXPIRED = (
    "Biểu mẫu đã mở quá lâu. Nội dung bạn nhập vẫn còn đây: bạn kiểm tra lại rồi bấm «Xem lại trước khi gửi»."
)
PORTAL_TOO_FAST = "Bạn gửi nhanh quá. Nội dung bạn nhập vẫn còn đây: bạn kiểm tra lại rồi bấm «Xem lại trước khi gửi»."

# --- the officers' web: teaching search ---------------------------------------------------------------

LESSONS_ADMIN_ONLY = "Chỉ quản trị viên dạy được cách tìm thủ tục."
LESSON_TAUGHT = "Đã dạy: từ nay «{phrase}» được tìm như «{expansion}»."
LESSON_DISMISSED = "Đã bỏ «{example}» khỏi danh sách."

# --- the citizens' portal: following with the code and the PIN -------------------------------------------

PORTAL_PIN_FORMAT = "Mã PIN gồm 6 chữ số, in trên phiếu tiếp nhận. Bạn kiểm tra lại nhé."
PORTAL_WRONG_PIN = "Mã tra cứu hoặc mã PIN không đúng. Bạn còn {left} lần thử trong một giờ."
PORTAL_PIN_EXHAUSTED = (
    "Đã nhập sai mã PIN quá nhiều lần, nên tạm khoá để bảo vệ phản ánh. Bạn thử lại từ {when}. "
    "Nếu mất mã PIN, bạn liên hệ bộ phận tiếp nhận (mang theo giấy tờ tuỳ thân)."
)
PORTAL_PIN_LOST = (
    "Mất mã PIN? Mang giấy tờ tuỳ thân đến bộ phận một cửa đã nhận phản ánh, hoặc gọi điện cho bộ phận này: cán bộ "
    "kiểm tra đúng là bạn rồi cấp mã PIN mới (mã cũ sẽ không dùng được nữa). Nếu đã gửi qua Telegram, Zalo, bạn tự lấy "
    "mã mới bằng lựa chọn «Mã PIN xem trên web» dưới phản ánh trong tin nhắn."
)
PORTAL_PIN_NEEDED = "Phiên xem bằng mã PIN đã hết hoặc chưa có. Bạn nhập lại mã tra cứu và mã PIN."
PORTAL_RATED = "Cảm ơn bạn đã đánh giá {stars} sao cho câu trả lời."
PORTAL_NOT_RATEABLE = "Phản ánh này chưa có kết quả trả lời nên chưa đánh giá được."
PORTAL_CHOOSE_STARS = "Bạn hãy chọn từ 1 đến 5 sao."
PORTAL_REOPENED = "Đã mở lại phản ánh để xem xét lại. Hạn trả lời mới: {due}."
PORTAL_REOPEN_CLOSED = "Đã quá thời hạn mở lại (đến hết ngày {date}). Bạn có thể gửi phản ánh mới."
PORTAL_REOPEN_NOT_NOW = "Phản ánh này hiện không ở trạng thái có thể mở lại."
PORTAL_INFORMATION_SENT = "Đã gửi thông tin bổ sung. Thời hạn giải quyết tiếp tục; hạn trả lời mới: {due}."
PORTAL_INFORMATION_EMPTY = "Bạn chưa gửi thông tin nào. Hãy gõ thông tin bổ sung hoặc chọn ảnh, tệp."
PORTAL_INFORMATION_TOO_LONG = "Thông tin bổ sung dài tối đa {max} ký tự; bạn rút gọn giúp nhé."
PORTAL_INFORMATION_NOT_NOW = "Phản ánh này hiện không chờ bổ sung thông tin."
PORTAL_WITHDRAWN = "Đã rút lại phản ánh. Cơ quan sẽ không xử lý tiếp."
PORTAL_WITHDRAW_CONFIRM = "Bạn hãy đánh dấu ô xác nhận nếu thật sự muốn rút lại phản ánh."
PORTAL_WITHDRAW_NOT_NOW = "Phản ánh đã được trả lời hoặc đã kết thúc nên không rút lại được nữa."
PORTAL_CHANGED_MEANWHILE = "Phản ánh vừa được cán bộ cập nhật. Bạn xem lại trạng thái mới rồi thực hiện lại."
PORTAL_SIGNED_OUT = "Đã thoát. Muốn xem lại đầy đủ, bạn nhập mã tra cứu và mã PIN."
PORTAL_HISTORY_LABELS = {"receive": "Gửi phản ánh, kiến nghị"}  # the others: vocabulary.labels.AUDIT_LABELS
PORTAL_ACTORS = {"citizen": "Bạn", "officer": "Cán bộ", "system": "Hệ thống"}

# --- who looked at personal data (administrators) ---
DATA_VIEWS_ADMIN_ONLY = "Chỉ quản trị viên xem được ai đã xem dữ liệu cá nhân."
EXPOSURE_LABELS = {"contact": "thông tin liên hệ", "attachment": "tệp đính kèm", "attachments": "mọi tệp đính kèm"}
DELETION_APPROVED = "Đã xoá thông tin liên hệ và tệp của người dân; người dân sẽ được báo."
DELETION_REJECTED = "Đã không chấp thuận yêu cầu; người dân sẽ được báo lý do."
DELETION_ALREADY_DECIDED = "Yêu cầu này đã được quyết định trước đó."
DELETION_NEEDS_REASON = "Hãy ghi lý do không chấp thuận: người dân sẽ nhận được lý do này."

# --- a notice the citizen's channel holds until they write again (Zalo outside its window) -------------

CHANNEL_NAMES = {"zalo": "Zalo", "telegram": "Telegram"}
PORTAL_HELD_HEADING = "Thông báo đang chờ gửi đến bạn trên {channel}"
PORTAL_HELD_SINCE = "Từ {since}"
PORTAL_HELD_LATER = {
    "zalo": (
        "Thông báo này cũng sẽ đến với bạn trên Zalo ngay khi bạn nhắn một tin bất kỳ cho tài khoản Zalo OA của "
        "cơ quan: Zalo chỉ cho cơ quan nhắn cho bạn trong một thời gian sau tin nhắn gần nhất của bạn."
    ),
}
PORTAL_HELD_LATER_ELSEWHERE = "Thông báo này cũng sẽ đến với bạn trên {channel} khi bạn nhắn tin lại cho cơ quan."
UNREACHED = {
    "zalo": "Chưa báo được cho người dân trên Zalo (đang chờ người dân nhắn lại OA) từ {since}: {kinds}.",
}
UNREACHED_ELSEWHERE = "Chưa báo được cho người dân trên {channel} (đang chờ người dân nhắn lại) từ {since}: {kinds}."

# --- the citizens' portal: «Dữ liệu của tôi» with the code and the PIN -----------------------------------

PORTAL_DATA_CORRECTED = "Đã sửa thông tin liên hệ trên phản ánh này."
PORTAL_DATA_UNCHANGED = "Thông tin bạn gửi giống thông tin đang lưu; không có gì thay đổi."
PORTAL_DATA_MASKED = "Thông tin liên hệ của phản ánh này đã được xoá nên không còn gì để sửa."
PORTAL_DATA_INCOMPLETE = "Cần đủ họ tên, địa chỉ và số điện thoại hoặc email."
PORTAL_DATA_DELETE_CONFIRM = "Bạn hãy bấm «Xác nhận yêu cầu xoá» nếu thật sự muốn yêu cầu xoá."
PORTAL_DATA_DELETE_REQUESTED = (
    "Đã gửi yêu cầu xoá. Cơ quan trả lời trước ngày {due}; kết quả hiện trên trang này (mở bằng mã tra cứu và mã PIN)."
)
PORTAL_DATA_UNAVAILABLE = "Trang «Dữ liệu của tôi» chưa mở ở cổng này. Bạn liên hệ bộ phận một cửa để được hỗ trợ."
PORTAL_DATA_VIEWS_ADMIN = "quản trị hệ thống"
PORTAL_DATA_REQUEST_STATES = {
    "pending": "Đang chờ xử lý, hạn trả lời {due}.",
    "approved": "Đã thực hiện ngày {decided}: thông tin liên hệ và tệp đính kèm đã được xoá.",
    "rejected": "Không được chấp thuận ngày {decided}. Lý do: {note}",
}
