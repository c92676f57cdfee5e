"""Vietnamese text of the Open311 channel: service names, notes, notices and error descriptions."""

from web.open311.mapping import AttributeCode, Problem

CONTACT = "Bộ phận tiếp nhận phản ánh, kiến nghị (một cửa). Hỗ trợ kỹ thuật: liên hệ quản trị viên hệ thống."
KEY_SERVICE = (
    "Khoá API (api_key) do quản trị viên cấp cho từng đơn vị, ứng dụng bằng lệnh «motcua admin apikey add TÊN»; "
    "chỉ cần khi gửi phản ánh, kiến nghị (POST requests)."
)

SERVICE_DESCRIPTIONS = {
    "phan_anh": (
        "Phản ánh về hành vi hành chính của cơ quan, cán bộ, công chức hoặc về quy định hành chính "
        "(Nghị định 20/2008/NĐ-CP). Không dùng cho khiếu nại, tố cáo."
    ),
    "kien_nghi": (
        "Kiến nghị, đề xuất về quy định hành chính hoặc cách giải quyết thủ tục hành chính "
        "(Nghị định 20/2008/NĐ-CP). Không dùng cho khiếu nại, tố cáo."
    ),
}
SERVICE_KEYWORDS = {
    "phan_anh": "phản ánh, PAKN, hành vi hành chính, quy định hành chính, thủ tục hành chính",
    "kien_nghi": "kiến nghị, PAKN, đề xuất, quy định hành chính, thủ tục hành chính",
}
SERVICE_GROUP = "Phản ánh, kiến nghị (PAKN)"

CONTENT_KIND_NAMES = {"hanh_vi": "Hành vi hành chính", "quy_dinh": "Quy định hành chính"}
ATTRIBUTE_DESCRIPTIONS = {
    AttributeCode.CONTENT_KIND: "Nội dung phản ánh, kiến nghị về hành vi hành chính hay về quy định hành chính?",
    AttributeCode.PROCEDURE_CODE: "Mã thủ tục hành chính liên quan (nếu có), ví dụ 1.001193",
    AttributeCode.UNIT: "Đơn vị nhận phản ánh, kiến nghị (nếu biết; bỏ trống để bộ phận một cửa phân loại)",
}
ATTRIBUTE_DATATYPE_DESCRIPTIONS = {
    AttributeCode.CONTENT_KIND: "",
    AttributeCode.PROCEDURE_CODE: "Mã thủ tục theo Cơ sở dữ liệu quốc gia về thủ tục hành chính",
    AttributeCode.UNIT: "",
}

RECEIVED_NOTICE = (
    "Đã tiếp nhận {type} mã {code}. Hạn trả lời theo quy định: {due:%d/%m/%Y} (tính theo ngày làm việc). "
    "Theo dõi tình trạng bằng mã này."
)
DEADLINE_NOTICE = "Hạn trả lời theo quy định: {due:%d/%m/%Y} (tính theo ngày làm việc)."
ANSWER_NOTE = "{status}. Trả lời: {answer}"

# --- errors ---------------------------------------------------------------------------------------

UNSUPPORTED_FORMAT = "Định dạng «{fmt}» không được hỗ trợ: dùng .xml hoặc .json."
NOT_FOUND = "Không có tài nguyên này trong Open311 GeoReport v2 (xem discovery.xml)."
METHOD_NOT_ALLOWED = "Phương thức {method} không dùng được với tài nguyên này."
UNKNOWN_SERVICE = "Không có dịch vụ (service_code) «{code}»: xem services.xml."
UNKNOWN_REQUEST = "Không có phản ánh, kiến nghị mã «{code}»."
NO_TOKENS = "Hệ thống cấp mã service_request_id ngay khi tiếp nhận nên không dùng token; không có token «{token}»."
MISSING_API_KEY = "Thiếu api_key: cần khoá API do quản trị viên cấp để gửi phản ánh, kiến nghị."
BAD_API_KEY = "api_key không hợp lệ hoặc đã bị thu hồi."
BAD_BODY = "Không đọc được nội dung yêu cầu: gửi dạng application/x-www-form-urlencoded, mã hoá UTF-8."
TOO_LARGE = "Yêu cầu quá lớn."
LISTS_BUSY = (
    "Máy chủ đang phục vụ nhiều lượt đọc danh sách phản ánh, kiến nghị; vui lòng thử lại sau ít giây "
    "(gửi api_key của cơ quan để không phải chờ)."
)
TOO_MANY_READS = (
    "Quá nhiều lượt tra cứu từ địa chỉ này (tối đa {limit} lượt mỗi phút, 2 lượt mỗi giây khi không có api_key). "
    "Vui lòng thử lại sau ít phút."
)
INTERNAL_ERROR = "Hệ thống đang gặp sự cố, vui lòng thử lại sau."
DAILY_CAP = (
    "Người gửi này đã gửi {cap} phản ánh, kiến nghị trong 24 giờ qua: đủ số tối đa cho phép. Vui lòng gửi lại sau."
)
INCOMPLETE_CONTACT = "Thiếu thông tin người gửi: cần họ tên, địa chỉ và số điện thoại hoặc email."
INVALID_PHONE = "Số điện thoại «{value}» không hợp lệ (cần số Việt Nam, ví dụ 0912345678)."
INVALID_EMAIL = "Email «{value}» không hợp lệ."
UNKNOWN_UNIT = "Không có đơn vị mã «{code}» (attribute[unit]): xem định nghĩa dịch vụ, ví dụ services/phan_anh.xml."
DESCRIPTION_EMPTY = "Thiếu nội dung phản ánh, kiến nghị (description)."
DESCRIPTION_TOO_SHORT = "Nội dung (description) quá ngắn: cần ít nhất {limit} ký tự."
DESCRIPTION_TOO_LONG = "Nội dung (description) quá dài: tối đa {limit} ký tự."
TOO_MANY_ATTACHMENTS = "Quá nhiều tệp đính kèm: tối đa {limit}."

PROBLEMS = {
    Problem.REPEATED: "Tham số {field} được gửi nhiều lần; mỗi tham số chỉ gửi một lần.",
    Problem.MISSING_SERVICE_CODE: "Thiếu service_code: xem danh sách dịch vụ tại services.xml.",
    Problem.UNKNOWN_SERVICE_CODE: "Không có dịch vụ (service_code) «{value}»: xem services.xml.",
    Problem.MISSING_DESCRIPTION: DESCRIPTION_EMPTY,
    Problem.DESCRIPTION_TOO_LONG: "Nội dung (description) quá dài: tối đa {limit} ký tự.",
    Problem.TOO_LONG: "Tham số {field} quá dài.",
    Problem.ILLEGAL_CHARACTERS: "Tham số {field} chứa ký tự điều khiển không hợp lệ.",
    Problem.MISSING_NAME: "Thiếu họ tên người gửi (first_name, last_name).",
    Problem.MISSING_CONTACT: "Thiếu số điện thoại (phone) hoặc email của người gửi.",
    Problem.MISSING_LOCATION: "Thiếu địa chỉ (address_string) hoặc toạ độ (lat, long).",
    Problem.BAD_COORDINATES: "Toạ độ không hợp lệ: lat từ -90 đến 90, long từ -180 đến 180, gửi cả hai.",
    Problem.BAD_MEDIA_URL: "media_url phải là một địa chỉ http:// hoặc https:// hợp lệ.",
    Problem.UNKNOWN_ATTRIBUTE: "Không có thuộc tính {field} trong định nghĩa dịch vụ.",
    Problem.BAD_ATTRIBUTE_VALUE: "Giá trị «{value}» của {field} không hợp lệ: xem định nghĩa dịch vụ.",
    Problem.BAD_DATE: "{field} «{value}» không đúng dạng ngày giờ W3C, ví dụ 2026-11-23T08:00:00+07:00.",
    Problem.BAD_DATE_RANGE: (
        "Khoảng thời gian không hợp lệ: start_date phải trước end_date và cách nhau không quá 90 ngày."
    ),
    Problem.BAD_STATUS: "status «{value}» không hợp lệ: dùng open, closed hoặc open,closed.",
    Problem.BAD_REQUEST_ID: "Mã «{value}» không đúng dạng (ví dụ 20261123.0001).",
    Problem.TOO_MANY_IDS: "Quá nhiều mã trong service_request_id: tối đa 1000.",
    Problem.BAD_PAGE: "page «{value}» không hợp lệ: số trang từ 1 đến 10000.",
    Problem.BAD_PAGE_SIZE: "page_size «{value}» không hợp lệ: số PAKN mỗi trang từ 1 đến 200.",
}
