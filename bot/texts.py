"""Everything the bot says to citizens, in Vietnamese, as Telegram HTML templates.

Templates are filled with `str.format`; every value put into them is escaped by the caller.
"""

from __future__ import annotations

from vocabulary import labels

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
CHAT_KEYBOARD = "  ⌨ {label}"
CHAT_CONTACT_KEY = " (trong terminal: gõ số điện thoại)"
CHAT_NO_BUTTONS = "Chưa có nút nào để bấm."
CHAT_NO_SUCH_BUTTON = "Không có nút số {number}. Hãy chọn từ 1 đến {count}."
CHAT_BOT_ERROR = "(bot gửi một tin nhắn Telegram sẽ từ chối: {error})"
CHAT_BYE = "Tạm biệt!"

# --- PAKN: menu, commands, help -----------------------------------------------------------

MENU_FEEDBACK = "📝 Gửi phản ánh, kiến nghị"
MENU_TRACKING = "🔍 Tra cứu phản ánh"
COMMAND_PHANANH = "Gửi phản ánh, kiến nghị về thủ tục hành chính"
COMMAND_TRACUU = "Tra cứu phản ánh đã gửi, ví dụ /tracuu 20261123.0001"
COMMAND_HUY = "Huỷ việc đang làm dở"
HELP_FEEDBACK = (
    "\n\n<b>Phản ánh, kiến nghị</b>\n"
    "/phananh — gửi phản ánh, kiến nghị về quy định, thủ tục hành chính\n"
    "/tracuu — xem các phản ánh bạn đã gửi; /tracuu MÃ — tra cứu theo mã\n"
    "/huy — huỷ việc đang làm dở"
)

# --- PAKN intake: type ----------------------------------------------------------------------

INTAKE_TYPE = (
    "<b>Gửi phản ánh, kiến nghị</b> (theo Nghị định 20/2008/NĐ-CP)\n\n"
    "• <b>Phản ánh</b>: báo việc áp dụng quy định, thủ tục hành chính chưa đúng hoặc gây khó khăn "
    "(chậm trễ, gây phiền hà, đòi thêm giấy tờ…).\n"
    "• <b>Kiến nghị</b>: đề xuất sửa đổi, bổ sung quy định, thủ tục hành chính cho hợp lý hơn.\n\n"
    "Khiếu nại và tố cáo được giải quyết theo luật riêng, không gửi ở đây.\n"
    "Bạn muốn gửi loại nào? Gõ /huy để huỷ bất cứ lúc nào."
)
BUTTON_PHAN_ANH = "📣 Phản ánh"
BUTTON_KIEN_NGHI = "💡 Kiến nghị"
BUTTON_CANCEL = "✖ Huỷ"
TYPE_CHOSEN = "Loại: <b>{type}</b>"
TYPE_LABELS = {"phan_anh": "Phản ánh", "kien_nghi": "Kiến nghị"}
USE_THE_BUTTONS = "Bạn hãy bấm một nút ở tin nhắn trên để chọn, hoặc gõ /huy để huỷ."

KHIEU_NAI = (
    "Nội dung bạn gửi có vẻ là <b>khiếu nại</b>: đề nghị xem xét lại một quyết định hành chính hoặc "
    "hành vi hành chính mà bạn cho là trái pháp luật, xâm phạm quyền, lợi ích hợp pháp của bạn.\n\n"
    "Khiếu nại được giải quyết theo <b>Luật Khiếu nại 2011</b>, không thuộc phạm vi tiếp nhận phản ánh, "
    "kiến nghị, nên nội dung này <b>không được gửi đi</b>.\n\n"
    "Cách nộp: gửi đơn khiếu nại, hoặc đến khiếu nại trực tiếp, tại chính cơ quan hoặc người đã ra quyết "
    "định, thực hiện hành vi đó (khiếu nại lần đầu), thường qua Ban tiếp công dân hoặc bộ phận tiếp "
    "nhận đơn của cơ quan. Thời hiệu là 90 ngày kể từ khi bạn nhận được hoặc biết được quyết định, hành vi."
)
TO_CAO = (
    "Nội dung bạn gửi có vẻ là <b>tố cáo</b>: báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp "
    "luật của cán bộ, công chức hoặc của cơ quan, tổ chức, cá nhân.\n\n"
    "Tố cáo được giải quyết theo <b>Luật Tố cáo 2018</b>, không thuộc phạm vi tiếp nhận phản ánh, "
    "kiến nghị, nên nội dung này <b>không được gửi đi</b>.\n\n"
    "Cách nộp: gửi đơn tố cáo, hoặc đến tố cáo trực tiếp, ghi rõ họ tên, địa chỉ của bạn, tại Ban tiếp "
    "công dân hoặc gửi người đứng đầu cơ quan, tổ chức quản lý người bị tố cáo. Thông tin về người tố "
    "cáo được pháp luật giữ bí mật."
)
OTHER_REGIME_FOOTER = (
    "\n\nNếu thực ra bạn muốn phản ánh về cách áp dụng quy định, thủ tục hành chính, "
    "hãy gõ /phananh và mô tả lại việc đó."
)

# --- PAKN intake: content -------------------------------------------------------------------

INTAKE_CONTENT = (
    "Bạn hãy mô tả rõ sự việc: ở đâu, khi nào, cơ quan hay thủ tục nào, điều gì chưa đúng hoặc "
    "bạn đề xuất gì. Có thể gửi nhiều tin nhắn, kèm ảnh hoặc tệp (tối đa {max_attachments} tệp). "
    "Xong thì bấm «Xong»."
)
INTAKE_CONTENT_AGAIN = "Nội dung cũ đã được xoá. " + INTAKE_CONTENT
BUTTON_DONE = "✅ Xong"
CONTENT_RECEIVED = "Đã nhận ({chars} ký tự, {files} tệp). Gửi thêm nếu cần, hoặc bấm «Xong»."
CONTENT_PROBLEMS = {
    "empty": "Bạn chưa gửi nội dung nào. Hãy gõ mô tả sự việc, hoặc gửi ảnh, tệp.",
    "too_short": "Nội dung ngắn quá (cần ít nhất {limit} ký tự, hoặc kèm ảnh, tệp). Bạn hãy mô tả thêm.",
    "too_long": "Nội dung dài quá {limit} ký tự. Bạn hãy viết gọn lại.",
}
ATTACHMENT_PROBLEMS = {
    "too_many": "Mỗi phản ánh kèm tối đa {limit} tệp.",
    "too_large": "Tệp lớn quá {limit} MB.",
}
NOT_ADDED = " Phần vừa gửi chưa được thêm vào."
CONTENT_WHAT = "Ở bước này tôi nhận chữ, ảnh hoặc tệp (PDF, Word…). Bạn hãy gửi lại theo một trong các dạng đó."
ATTACHMENTS_ONLY_IN_CONTENT = "Ảnh và tệp chỉ gửi được ở bước nội dung. Bạn hãy trả lời câu hỏi ở trên."

# --- PAKN intake: related procedure ---------------------------------------------------------

INTAKE_PROCEDURE = (
    "Việc này liên quan đến thủ tục hành chính nào? Gõ vài từ để tìm (ví dụ <i>khai sinh</i>, "
    "<i>sổ đỏ</i>), hoặc bấm «Bỏ qua»."
)
BUTTON_SKIP = "Bỏ qua ▶"
PROCEDURE_CHOOSE = "Bấm vào thủ tục đúng, hoặc gõ lại vài từ khác, hoặc bấm «Bỏ qua»."
PROCEDURE_NONE = "Không tìm thấy thủ tục nào khớp với «{query}». Bạn gõ lại vài từ khác, hoặc bấm «Bỏ qua»."
PROCEDURE_CHOSEN = "Thủ tục liên quan: <b>{name}</b>"
PROCEDURE_SKIPPED = "Không ghi thủ tục liên quan."

# --- PAKN intake: the unit concerned --------------------------------------------------------

INTAKE_UNIT = (
    "Bạn muốn gửi đến đơn vị nào? Bấm chọn dưới đây, hoặc gõ tên đơn vị để tìm (ví dụ <i>địa chính</i>). "
    "Không rõ thì bấm «Bỏ qua»: bộ phận tiếp nhận sẽ chuyển đến đúng nơi."
)
UNIT_CHOOSE = "Bấm vào đơn vị đúng, hoặc gõ lại vài từ khác, hoặc bấm «Bỏ qua»."
UNIT_NONE = "Không tìm thấy đơn vị nào khớp với «{query}». Bạn gõ lại vài từ khác, hoặc bấm «Bỏ qua»."
UNIT_CHOSEN = "Gửi đến: <b>{name}</b>"
UNIT_SKIPPED = "Không chọn đơn vị: bộ phận tiếp nhận sẽ chuyển đến đúng nơi."
UNIT_GONE = "Đơn vị bạn chọn không còn trong danh sách. Bạn bấm «✏️ Đơn vị» để chọn lại, hoặc gửi không chọn đơn vị."

# --- PAKN intake: who sends it --------------------------------------------------------------

INTAKE_REUSE_CONTACT = (
    "Theo quy định, phản ánh phải ghi họ tên, địa chỉ và số điện thoại hoặc email của người gửi. "
    "Dùng lại thông tin bạn đã gửi lần trước?\n\n{contact}"
)
BUTTON_REUSE_CONTACT = "✅ Dùng thông tin này"
BUTTON_NEW_CONTACT = "✏️ Nhập thông tin khác"
INTAKE_NAME = (
    "Theo quy định, phản ánh phải ghi họ tên, địa chỉ và số điện thoại hoặc email của người gửi. "
    "Các thông tin này chỉ cán bộ xử lý được xem.\n\nHọ và tên của bạn?"
)
NAME_INVALID = "Bạn hãy gõ họ và tên (từ 2 đến {max} ký tự, không chỉ có số)."
INTAKE_CONTACT = (
    "Số điện thoại hoặc email để cơ quan liên hệ với bạn? Bấm nút «📱 Gửi số điện thoại» bên dưới, "
    "hoặc gõ số điện thoại, email."
)
BUTTON_SHARE_PHONE = "📱 Gửi số điện thoại"
CONTACT_INVALID = "{problem}\nBạn gõ lại, hoặc bấm nút «📱 Gửi số điện thoại» bên dưới."
CONTACT_PROBLEMS = {
    "empty": "Bạn chưa gõ số điện thoại hay email nào.",
    "phone_has_letters": "Số điện thoại không được có chữ cái.",
    "phone_invalid_characters": "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, dấu gạch ngang).",
    "phone_too_short": "Số điện thoại thiếu số: số di động có 10 chữ số, số cố định có 11 chữ số, bắt đầu bằng 0.",
    "phone_too_long": "Số điện thoại thừa số: số di động có 10 chữ số, số cố định có 11 chữ số, bắt đầu bằng 0.",
    "phone_not_vietnamese": "Đây không phải số điện thoại Việt Nam (mã +84). Bạn hãy gõ số Việt Nam hoặc email.",
    "phone_unknown_prefix": (
        "Đầu số này không có ở Việt Nam: số di động bắt đầu bằng 03, 05, 07, 08, 09; số cố định bằng 02. "
        "Số 11 chữ số đầu 01 cũ đã được đổi sang đầu số mới."
    ),
    "more_than_one_phone": "Bạn chỉ cần gõ một số điện thoại.",
    "email_malformed": "Email chưa đúng dạng, ví dụ đúng: <i>ten@gmail.com</i>.",
    "email_too_long": "Email dài quá 254 ký tự.",
    "more_than_one_email": "Bạn chỉ cần gõ một email.",
}
CONTACT_NOTED = "Đã ghi liên hệ: {contact}"
INTAKE_ADDRESS = "Địa chỉ của bạn (số nhà, đường, phường/xã, tỉnh/thành phố)?"
ADDRESS_INVALID = "Bạn hãy gõ địa chỉ (từ 5 đến {max} ký tự)."
PLEASE_TYPE = "Bạn hãy gõ câu trả lời bằng chữ, hoặc /huy để huỷ."

# --- PAKN intake: summary, sending ----------------------------------------------------------

SUMMARY = (
    "<b>Kiểm tra lại trước khi gửi</b>\n\n"
    "Loại: <b>{type}</b>\n"
    "Nội dung:\n{content}\n"
    "{attachments}"
    "Thủ tục liên quan: {procedure}\n"
    "Gửi đến: {unit}\n\n"
    "Họ tên: {name}\n"
    "Liên hệ: {contact}\n"
    "Địa chỉ: {address}\n\n"
    "Đúng rồi thì bấm «Gửi». Cần sửa mục nào thì bấm nút sửa mục đó."
)
SUMMARY_NO_TEXT = "<i>(chỉ có ảnh, tệp)</i>"
SUMMARY_ATTACHMENTS = "Kèm theo: {count} tệp\n"
SUMMARY_NO_PROCEDURE = "<i>không ghi</i>"
SUMMARY_NO_UNIT = "<i>bộ phận tiếp nhận chuyển đến đúng nơi</i>"
BUTTON_SEND = "📨 Gửi"
BUTTON_EDIT_TYPE = "✏️ Loại"
BUTTON_EDIT_CONTENT = "✏️ Nội dung"
BUTTON_EDIT_PROCEDURE = "✏️ Thủ tục"
BUTTON_EDIT_UNIT = "✏️ Đơn vị"
BUTTON_EDIT_NAME = "✏️ Họ tên"
BUTTON_EDIT_CONTACT = "✏️ Liên hệ"
BUTTON_EDIT_ADDRESS = "✏️ Địa chỉ"
DUPLICATE = (
    "Trong 24 giờ qua bạn đã gửi một phản ánh gần giống hệt: mã <code>{code}</code>. "
    "Phản ánh đó vẫn đang được xử lý; gửi lại không làm nhanh hơn.\n"
    "Bạn vẫn muốn gửi phản ánh này?"
)
BUTTON_SEND_ANYWAY = "Vẫn gửi"
RECEIVED = (
    "✅ <b>Đã tiếp nhận</b> {type_lower} của bạn.\n\n"
    "Mã tra cứu: <code>{code}</code>\n"
    "Hạn trả lời: <b>{due}</b> ({days} ngày làm việc)\n\n"
    "Khi có kết quả, tôi sẽ nhắn cho bạn tại đây. Xem tình trạng bất cứ lúc nào: /tracuu {code}"
)
SUBMIT_FAILED = (
    "⚠️ Chưa gửi được do lỗi hệ thống; phản ánh <b>chưa</b> được tiếp nhận. "
    "Nội dung bạn nhập vẫn được giữ nguyên: bấm «Thử lại» sau ít phút."
)
BUTTON_RETRY = "🔁 Thử lại"
DAILY_CAP = (
    "Mỗi người gửi được tối đa {cap} phản ánh trong 24 giờ, và bạn đã gửi đủ. "
    "Nội dung vẫn được giữ: bạn bấm «Gửi» lại sau, hoặc /huy để huỷ."
)
CONTENT_REJECTED = "Chưa gửi được: {problem} Bạn bấm «✏️ Nội dung» để sửa."
CONTACT_INCOMPLETE = "Còn thiếu họ tên, địa chỉ hoặc số điện thoại/email. Bạn bấm nút sửa mục còn thiếu."
CANCELLED = "Đã huỷ. Những gì bạn nhập đã được xoá. Gõ /phananh để bắt đầu lại."
NOTHING_TO_CANCEL = "Không có việc gì đang làm dở để huỷ."
STILL_FILING = "Bạn đang gửi dở một phản ánh. Mời bạn tiếp tục ở bước dưới đây, hoặc gõ /huy để huỷ."

# --- PAKN tracking --------------------------------------------------------------------------

STATUS_LABELS = {str(status): label for status, label in labels.STATUS_LABELS.items()}
ITEM = (
    "📋 <b>{type} <code>{code}</code></b>\n"
    "Trạng thái: <b>{status}</b>\n"
    "Ngày tiếp nhận: {received}\n"
    "Hạn trả lời: {due}{days}"
)
DAYS_LEFT = " (còn {days} ngày làm việc)"
DUE_TODAY = " (hôm nay là hạn cuối)"
OVERDUE = " (⚠️ quá hạn {days} ngày làm việc)"
CLOCK_PAUSED = "\n⏸ Thời hạn đang tạm dừng trong khi chờ bổ sung thông tin."
ITEM_ANSWER = "\n\n<b>Kết quả trả lời:</b>\n{answer}"
ITEM_REFUSAL = "\n\n<b>Lý do:</b> {reason}"
ITEM_OWNER = (
    "\n\n<i>Chỉ bạn thấy phần dưới đây:</i>\n"
    "Nội dung:\n{content}{attachments}{procedure}\n"
    "Người gửi: {name} · {contact}\n"
    "Địa chỉ: {address}"
)
ITEM_OWNER_ATTACHMENTS = "\nKèm theo: {count} tệp"
ITEM_OWNER_PROCEDURE = "\nThủ tục liên quan: {code}"
ITEM_RATING = "\nBạn đã đánh giá: {stars}"
TRACK_USAGE = "Gõ /tracuu kèm mã, ví dụ <code>/tracuu 20261123.0001</code>."
MY_ITEMS = "<b>Phản ánh, kiến nghị bạn đã gửi</b>\n\n{items}\n\nBấm vào một mã để xem chi tiết. " + TRACK_USAGE
MY_ITEM_LINE = "{number}. <code>{code}</code> · {received} · {status}"
NO_ITEMS = "Bạn chưa gửi phản ánh, kiến nghị nào. Gõ /phananh để gửi. " + TRACK_USAGE
BAD_CODE = (
    "«{code}» không phải mã tra cứu. Mã có dạng <code>20261123.0001</code>: "
    "ngày tiếp nhận (năm, tháng, ngày) và số thứ tự."
)
UNKNOWN_CODE = "Không tìm thấy phản ánh nào mang mã <code>{code}</code>. Bạn kiểm tra lại mã nhé."

# --- PAKN notices, rating, reopening, information -----------------------------------------

NOTICE_STATUS = "🔔 Phản ánh, kiến nghị mã <code>{code}</code>: <b>{status}</b>.\nHạn trả lời: {due}"
NOTICE_NOTE = "\nLý do: {note}"
NOTICE_DATA_DELETED = (
    "🔒 Yêu cầu xoá dữ liệu cá nhân của bạn <b>đã được thực hiện</b>: họ tên, địa chỉ, số điện thoại, email và các tệp "
    "bạn gửi đã được xoá. Nội dung phản ánh, quá trình xử lý và kết quả trả lời vẫn được lưu theo quy định lưu trữ."
)
NOTICE_DATA_DELETION_REFUSED = "🔒 Yêu cầu xoá dữ liệu cá nhân của bạn <b>chưa được chấp nhận</b>.\nLý do: {reason}"
NOTICE_ANSWERED = (
    "📬 Phản ánh, kiến nghị mã <code>{code}</code> đã có <b>kết quả trả lời</b>:\n\n{answer}\n\n"
    "Bạn đánh giá kết quả này thế nào? Nếu việc chưa được giải quyết, bấm «Chưa được giải quyết»."
)
NOTICE_INFORMATION = (
    "📝 Cán bộ xử lý phản ánh, kiến nghị mã <code>{code}</code> cần bạn bổ sung:\n\n{request}\n\n"
    "Thời hạn giải quyết tạm dừng cho đến khi bạn trả lời. Bấm «Gửi thông tin bổ sung» để trả lời."
)
BUTTON_STARS = "{stars} ⭐"
BUTTON_REOPEN = "Chưa được giải quyết"
BUTTON_ADD_INFORMATION = "✍️ Gửi thông tin bổ sung"
RATED = "Cảm ơn bạn đã đánh giá {stars} cho phản ánh <code>{code}</code>."
NOT_RATEABLE = "Phản ánh này chưa có kết quả trả lời nên chưa đánh giá được."
NOT_YOURS = "Đây không phải phản ánh bạn đã gửi."
REOPEN_ASK = (
    "Vì sao việc <code>{code}</code> chưa được giải quyết? Gõ lý do (không bắt buộc), hoặc bấm «Gửi không kèm lý do»."
)
BUTTON_REOPEN_NO_REASON = "Gửi không kèm lý do"
REOPENED = "🔁 Đã mở lại phản ánh <code>{code}</code> để xem xét lại. Hạn trả lời mới: <b>{due}</b>."
REOPEN_CLOSED = "Đã quá thời hạn mở lại (đến hết ngày {date}). Bạn có thể gửi phản ánh mới: /phananh."
REOPEN_NOT_NOW = "Phản ánh <code>{code}</code> hiện không ở trạng thái có thể mở lại."
INFORMATION_ASK = (
    "Gõ thông tin bổ sung cho phản ánh <code>{code}</code>, gửi kèm ảnh hoặc tệp nếu cần "
    "(có thể gửi nhiều tin nhắn), xong thì bấm «Gửi». Gõ /huy để thôi."
)
INFORMATION_RECEIVED = "Đã nhận ({chars} ký tự, {files} tệp). Gửi thêm nếu cần, hoặc bấm «Gửi»."
INFORMATION_EMPTY = "Bạn chưa gửi thông tin nào. Hãy gõ thông tin bổ sung hoặc gửi ảnh, tệp rồi bấm «Gửi»."
INFORMATION_TEXT_ONLY = "Ở bước này tôi nhận chữ, ảnh và tệp. Bạn hãy gõ thông tin bổ sung hoặc gửi ảnh, tệp."
INFORMATION_SENT = (
    "✅ Đã gửi thông tin bổ sung cho phản ánh <code>{code}</code>. Thời hạn giải quyết tiếp tục; "
    "hạn trả lời mới: <b>{due}</b>."
)
INFORMATION_NOT_NOW = "Phản ánh <code>{code}</code> hiện không chờ bổ sung thông tin."
NOTICE_APOLOGY = (
    "🙏 Phản ánh, kiến nghị mã <code>{code}</code> chưa thể được trả lời đúng hạn. "
    "Chúng tôi thành thật xin lỗi bạn.\nNgày hẹn trả lời mới: <b>{due}</b>."
)
ACTION_FAILED = "⚠️ Chưa thực hiện được do lỗi hệ thống. Bạn thử lại sau ít phút."
FOLLOWUP_CANCELLED = "Đã thôi. Gõ /tracuu để xem các phản ánh của bạn."

# --- officers: the morning digest and escalation alerts (scheduled jobs) -------------------

DIGEST_HEADER = "☀️ <b>Việc cần xử lý ngày {date}</b>"
DIGEST_UNIT = "\n\n🏢 <b>{unit}</b>"
DIGEST_UNROUTED = "Chưa phân đơn vị"
DIGEST_OVERDUE = "\n🔴 Quá hạn ({count}):"
DIGEST_DUE_TODAY = "\n🟠 Đến hạn hôm nay ({count}):"
DIGEST_DUE_SOON = "\n🟡 Đến hạn trong 2 ngày làm việc tới ({count}):"
DIGEST_LINE = "\n• <code>{code}</code> · hạn {due}{late} · {preview}"
DIGEST_LATE = " (quá {days} ngày)"
DIGEST_MORE = "\n… và {count} việc khác"
ESCALATION_HEADER = "⚠️ <b>Phản ánh, kiến nghị quá hạn được báo lên ngày {date}</b>"
ESCALATION_LINE = "\n• <code>{code}</code> · {unit} · hạn {due}, quá {days} ngày làm việc (báo lên lần {level})"

# --- officers' workspace: queue, item, actions (bot/officer_*.py) --------------------------

OFFICER_HELP = (
    "<b>Dành cho cán bộ</b>\n"
    "/hangdoi — hàng đợi của đơn vị, theo hạn xử lý\n"
    "/cuatoi — các việc bạn đang xử lý\n"
    "/quahan — các việc quá hạn\n"
    "/xem MÃ — xem một phản ánh, kiến nghị và xử lý\n"
    "/huy — thôi việc đang gõ dở\n"
    "/canbo — các lệnh này"
)
OFFICERS_ONLY = (
    "Lệnh này chỉ dành cho cán bộ đã được liên kết tài khoản Telegram. "
    "Nếu bạn là cán bộ, hãy nhờ quản trị viên liên kết tài khoản."
)
OFFICERS_ONLY_BUTTON = "Nút này chỉ dành cho cán bộ."
PRIVATE_CHAT_ONLY = "Các lệnh của cán bộ chỉ dùng trong tin nhắn riêng với bot, không dùng trong nhóm."

QUEUE_TITLES = {
    "q": "📥 Hàng đợi của đơn vị",
    "m": "🙋 Việc tôi đang xử lý",
    "o": "🔴 Quá hạn",
}
QUEUE_HEADER = "<b>{title}</b> · {total} việc · trang {page}/{pages}\n<i>Xếp theo hạn trả lời, việc gấp nhất trước.</i>"
QUEUE_EMPTY = "<b>{title}</b>\n\nKhông có việc nào. 🎉"
QUEUE_LINE = "\n\n{marker} <code>{code}</code> · {status} · {days}{assignee}\n{preview}"
QUEUE_ASSIGNEE = " · 👤 {assignee}"
QUEUE_CHOOSE = "\n\nBấm vào một mã để xem và xử lý."
MARK_OVERDUE = "🔴"
MARK_DUE_SOON = "🟠"
MARK_RUNNING = "⏰"
MARK_PAUSED = "⏸"
MARK_DONE = "✔️"
DAYS_OVERDUE = "quá hạn {days} ngày"
DAYS_DUE_TODAY = "hạn hôm nay"
DAYS_REMAINING = "còn {days} ngày"
DAYS_PAUSED = "tạm dừng, chờ người dân"
DAYS_DONE = "đã xong"
XEM_USAGE = "Gõ /xem kèm mã, ví dụ <code>/xem 20261123.0001</code>, hoặc mở /hangdoi."

OFFICER_ITEM = (
    "📋 <b>{type} <code>{code}</code></b>\n"
    "Trạng thái: <b>{status}</b>{assignee}\n"
    "Đơn vị: {unit}\n"
    "Tiếp nhận: {received} · Hạn trả lời: {due} ({marker} {days}){extended}{promised}{procedure}"
)
OFFICER_ITEM_ASSIGNEE = "\nNgười xử lý: {assignee}"
OFFICER_ITEM_NO_UNIT = "<i>chưa phân đơn vị</i>"
OFFICER_ITEM_EXTENDED = "\nĐã gia hạn một lần."
OFFICER_ITEM_PROMISED = "\nĐã xin lỗi, hẹn trả lời ngày {date}."
OFFICER_ITEM_PROCEDURE = "\nThủ tục liên quan: <code>{code}</code>"
OFFICER_ITEM_CONTENT = "\n\n<b>Nội dung</b>\n{content}"
OFFICER_ITEM_ATTACHMENTS = "\n📎 Kèm theo {count} tệp (gửi lại ngay bên dưới)."
OFFICER_ITEM_CONTACT = "\n\n<b>Người gửi</b>: {name} · {contact}\nĐịa chỉ: {address}"
OFFICER_ITEM_ANSWER = "\n\n<b>Câu trả lời đã gửi</b>\n{answer}"
OFFICER_ITEM_REFUSAL = "\n\n<b>Lý do không tiếp nhận</b>\n{reason}"
OFFICER_ITEM_HISTORY = "\n\n<b>Lịch sử xử lý</b>{earlier}{lines}"
OFFICER_ITEM_HISTORY_EARLIER = "\n<i>(… {count} bước trước đó)</i>"
OFFICER_ITEM_HISTORY_LINE = "\n• {at} · {actor} · {action}{note}"
OFFICER_ITEM_NO_ACTIONS = "\n\n<i>Bạn không có việc gì cần làm với phản ánh này lúc này.</i>"
HISTORY_CITIZEN = "Người dân"
HISTORY_SYSTEM = "Hệ thống"
HISTORY_ACTIONS = {
    "receive": "gửi phản ánh",
    "accept": "tiếp nhận",
    "refuse": "không tiếp nhận",
    "assign": "giao xử lý",
    "start": "nhận xử lý",
    "ask_citizen": "đề nghị người dân bổ sung",
    "citizen_replied": "bổ sung thông tin",
    "answer": "trả lời",
    "close": "kết thúc",
    "reopen": "mở lại",
    "forward": "chuyển đơn vị",
    "extend": "gia hạn",
    "apologise": "xin lỗi, hẹn ngày trả lời mới",
    "move_promise": "dời ngày hẹn trả lời",
    "escalate": "báo cáo cấp trên (quá hạn)",
}

BUTTON_OFFICER_ACCEPT = "✅ Tiếp nhận"
BUTTON_OFFICER_CLAIM = "🙋 Tôi xử lý"
BUTTON_OFFICER_REFUSE = "⛔ Không tiếp nhận"
BUTTON_OFFICER_ASSIGN = "👥 Giao cho…"
BUTTON_OFFICER_FORWARD = "↪️ Chuyển đơn vị…"
BUTTON_OFFICER_ASK = "❓ Hỏi thêm người dân"
BUTTON_OFFICER_EXTEND = "⏳ Gia hạn"
BUTTON_OFFICER_CLOSE = "✔️ Đóng (dân đã xác nhận)"
BUTTON_OFFICER_APOLOGISE = "🙏 Xin lỗi, hẹn ngày mới"
BUTTON_OFFICER_ANSWER = "✍️ Trả lời"
BUTTON_OFFICER_BACK = "◀ Quay lại"
BUTTON_OFFICER_REFRESH = "🔄 Xem lại"
BUTTON_OFFICER_OTHER_REASON = "✍️ Lý do khác (tự gõ)"
BUTTON_OFFICER_CONFIRM_REFUSAL = "⛔ Xác nhận không tiếp nhận"
BUTTON_OFFICER_SEND = "📨 Gửi"
BUTTON_OFFICER_EDIT = "✏️ Sửa"
BUTTON_OFFICER_CANCEL = "✖ Huỷ"
BUTTON_OFFICER_SEND_AGAIN = "📨 Gửi lại"

CHOOSE_REFUSAL_REASON = "Không tiếp nhận phản ánh <code>{code}</code>: chọn lý do theo quy định."
REVIEW_REFUSAL = (
    "Không tiếp nhận phản ánh <code>{code}</code>. Người dân sẽ nhận được:\n\n{preview}\n\n"
    "Bấm «Xác nhận» để gửi, hoặc «Quay lại»."
)
CHOOSE_COLLEAGUE = "Giao phản ánh <code>{code}</code> cho ai?"
NO_COLLEAGUES = "Không có cán bộ nào khác xử lý được phản ánh <code>{code}</code>."
CHOOSE_UNIT = "Chuyển phản ánh <code>{code}</code> đến đơn vị nào? Đơn vị nhận có hạn xử lý mới."

TYPE_PROMPTS = {
    "answer": "Gõ câu trả lời cho phản ánh <code>{code}</code>. Bạn sẽ được xem lại trước khi gửi; /huy để thôi.",
    "ask": (
        "Gõ điều cần người dân bổ sung cho phản ánh <code>{code}</code>. Thời hạn tạm dừng khi câu hỏi được gửi; "
        "/huy để thôi."
    ),
    "extend": "Gõ lý do gia hạn phản ánh <code>{code}</code> (chỉ được gia hạn một lần); /huy để thôi.",
    "close": (
        "Người dân đã xác nhận phản ánh <code>{code}</code> được giải quyết (qua điện thoại, tại bộ phận một cửa…)? "
        "Gõ ghi chú về việc xác nhận đó; người dân sẽ đọc ghi chú này và không mở lại được nữa. /huy để thôi."
    ),
    "refuse_other": (
        "Gõ lý do không tiếp nhận phản ánh <code>{code}</code>; người dân sẽ đọc lý do này. /huy để thôi."
    ),
    "apologise": (
        "Gõ ngày hẹn trả lời mới cho phản ánh <code>{code}</code> (dạng <code>dd/mm/yyyy</code>, sau hạn "
        "{due}), có thể kèm lý do trên cùng dòng, ví dụ <code>{example} Chờ ý kiến của Sở Xây dựng</code>. "
        "/huy để thôi."
    ),
}
TYPE_TEXT_ONLY = "Ở bước này tôi chỉ nhận chữ. Bạn hãy gõ nội dung, hoặc /huy để thôi."
APOLOGY_DATE_INVALID = (
    "Chưa đọc được ngày hẹn. Bạn gõ ngày dạng <code>dd/mm/yyyy</code>, ví dụ <code>{example}</code>, "
    "có thể kèm lý do phía sau."
)
REVIEW_TYPED = "Xem lại — người dân sẽ nhận được:"
REVIEW_TYPED_EXTEND = "Xem lại — gia hạn phản ánh <code>{code}</code>, người dân sẽ nhận được:"
REVIEW_FOOTER = "Bấm «Gửi» để gửi, «Sửa» để gõ lại, «Huỷ» để thôi."
TYPE_AGAIN = "Bạn gõ lại nội dung nhé."
TYPED_CANCELLED = "Đã thôi, chưa gửi gì."
TYPED_KEPT = "Nội dung bạn đã gõ vẫn được giữ nguyên. Nếu vẫn cần gửi, bấm «Gửi lại»; nếu không, bấm «Huỷ»."

DONE_ACCEPT = "✅ Đã tiếp nhận phản ánh <code>{code}</code>."
DONE_CLAIM = "🙋 Bạn đang xử lý phản ánh <code>{code}</code>."
DONE_REFUSE = "⛔ Đã không tiếp nhận phản ánh <code>{code}</code>; người dân được báo kèm lý do."
DONE_ASSIGN = "👥 Đã giao phản ánh <code>{code}</code> cho {name}."
DONE_FORWARD = "↪️ Đã chuyển phản ánh <code>{code}</code> đến {unit}."
DONE_ANSWER = "📨 Đã gửi câu trả lời phản ánh <code>{code}</code> đến người dân."
DONE_ASK = "❓ Đã gửi câu hỏi đến người dân; thời hạn phản ánh <code>{code}</code> tạm dừng đến khi họ trả lời."
DONE_EXTEND = "⏳ Đã gia hạn phản ánh <code>{code}</code>; hạn mới: <b>{due}</b>."
DONE_CLOSE = "✔️ Đã đóng phản ánh <code>{code}</code>; người dân được báo kèm ghi chú."
DONE_APOLOGISE = "🙏 Đã gửi lời xin lỗi, hẹn trả lời phản ánh <code>{code}</code> ngày <b>{date}</b>."

CHANGED_MEANWHILE = (
    "⚠️ Phản ánh <code>{code}</code> vừa được người khác thay đổi nên việc này chưa được thực hiện. "
    "Tình trạng mới nhất ở dưới đây."
)
OUT_OF_REACH = (
    "⛔ Phản ánh <code>{code}</code> không thuộc đơn vị bạn phụ trách (hoặc tài khoản của bạn đã bị khoá), "
    "nên bạn không xem, không xử lý được. Không có gì thay đổi."
)
NOT_PERMITTED = "⛔ Bạn không có quyền làm việc này với phản ánh <code>{code}</code>. Không có gì thay đổi."
NOT_A_COLLEAGUE = "Cán bộ «{name}» không xử lý được phản ánh của đơn vị này. Không có gì thay đổi."
SAME_UNIT = "Phản ánh đã ở đơn vị này rồi."
UNKNOWN_UNIT = "Không có đơn vị «{unit}». Không có gì thay đổi."
ALREADY_EXTENDED = "Phản ánh <code>{code}</code> đã được gia hạn một lần; pháp luật chỉ cho gia hạn một lần."
MISSING_REASON = "Cần ghi rõ lý do (hoặc nội dung) cho việc này."
PROMISE_ALREADY_MOVED = "Ngày hẹn đã được dời một lần (đến {date}); quy định chỉ cho dời một lần."
INVALID_PROMISE = "Ngày hẹn mới phải là ngày làm việc, sau hạn trả lời, sau hôm nay và khác ngày đã hẹn."
CANNOT_APOLOGISE = "Phản ánh này không còn trong thời gian xử lý nên không cần xin lỗi, hẹn lại."
ITEM_RULE = "Không thực hiện được: quy định không cho phép việc này với phản ánh ở trạng thái hiện tại."
ATTACHMENT_UNAVAILABLE = "📎 Không gửi lại được tệp «{name}» (Telegram không còn giữ tệp này)."

# Delivery (bot.telegram_sender): messages the dialogue's replies need on Telegram alone.
PHONE_KEYBOARD_HINT = "Hoặc chọn «📱 Gửi số điện thoại» ở bàn phím bên dưới."
PICK_BELOW = "Mời bạn chọn:"
NOTED = "Đã ghi nhận."
