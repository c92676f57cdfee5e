"""What the dialogue says, in Vietnamese, with light formatting (`dialogue.rich_text`).

Templates are filled with `str.format`; every value put into them is escaped by the caller. A channel's
own words (how to pick a numbered choice, a Telegram button's expiry) live in that channel's texts.
"""

from __future__ import annotations

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
    "<b>Cách dùng Một Cửa bot</b>\n"
    "/start — mở menu\n"
    "/help — hướng dẫn này"
)  # each flow adds its section (router.help_sections)
COMMAND_START = "Mở menu chính"
COMMAND_HELP = "Hướng dẫn sử dụng"
COMMAND_HUY = "Huỷ việc đang làm dở"
CANCELLED = "Đã huỷ. Gõ /start để mở menu."
NOTHING_TO_CANCEL = "Không có việc gì đang làm dở."

UNKNOWN_COMMAND = "Tôi chưa hiểu lệnh này. Gõ /help để xem các lệnh, hoặc gõ thẳng việc bạn cần tìm."
NOT_TEXT = "Tôi chỉ đọc được tin nhắn chữ. Hãy gõ việc bạn cần, ví dụ: <i>làm sổ đỏ</i>."
NOT_UNDERSTOOD = "Tôi chưa hiểu ý bạn. Gõ /help để xem tôi giúp được gì."
STALE_CHOICE = "Lựa chọn này đã cũ. Bạn hãy tìm lại, hoặc gõ /start để mở menu."

# --- a PAKN notice's text (dialogue/notice_text.py): what the citizen is told about a change --------

NOTICE_STATUS = "🔔 Phản ánh, kiến nghị mã <code>{code}</code>: <b>{status}</b>.\nHạn trả lời: {due}"
NOTICE_NOTE = "\nLý do: {note}"
NOTICE_ANSWERED = (
    "📬 Phản ánh, kiến nghị mã <code>{code}</code> đã có <b>kết quả trả lời</b>:\n\n{answer}\n\n"
    "Bạn đánh giá kết quả này thế nào? Nếu việc chưa được giải quyết, chọn «Chưa được giải quyết»."
)
NOTICE_INFORMATION = (
    "📝 Cán bộ xử lý phản ánh, kiến nghị mã <code>{code}</code> cần bạn bổ sung:\n\n{request}\n\n"
    "Thời hạn giải quyết tạm dừng cho đến khi bạn trả lời. Chọn «Gửi thông tin bổ sung» để trả lời."
)
NOTICE_APOLOGY = (
    "🙏 Phản ánh, kiến nghị mã <code>{code}</code> chưa thể được trả lời đúng hạn. "
    "Chúng tôi thành thật xin lỗi bạn.\nNgày hẹn trả lời mới: <b>{due}</b>."
)
NOTICE_DATA_DELETED = (
    "🔒 Yêu cầu xoá dữ liệu cá nhân của bạn <b>đã được thực hiện</b>: họ tên, địa chỉ, số điện thoại, email và các tệp "
    "bạn gửi đã được xoá. Nội dung phản ánh, quá trình xử lý và kết quả trả lời vẫn được lưu theo quy định lưu trữ."
)
NOTICE_DATA_DELETION_REFUSED = "🔒 Yêu cầu xoá dữ liệu cá nhân của bạn <b>chưa được chấp nhận</b>.\nLý do: {reason}"

# --- officers' workspace: queue, item, actions (dialogue/officer_*.py) -----------------------

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
    "Lệnh này chỉ dành cho cán bộ đã được liên kết tài khoản (Telegram hoặc Zalo). "
    "Nếu bạn là cán bộ, hãy nhờ quản trị viên liên kết tài khoản."
)
QUEUE_TITLES = {
    "q": "📥 Hàng đợi của đơn vị",
    "m": "🙋 Việc tôi đang xử lý",
    "o": "🔴 Quá hạn",
}
QUEUE_HEADER = "<b>{title}</b> · {total} việc · trang {page}/{pages}\n<i>Xếp theo hạn trả lời, việc gấp nhất trước.</i>"
QUEUE_EMPTY = "<b>{title}</b>\n\nKhông có việc nào. 🎉"
QUEUE_LINE = "\n\n{marker} <code>{code}</code> · {status} · {days}{assignee}{unreached}\n{preview}"
# The citizen has not been told yet (a notice waits in their channel): an officer may phone them.
QUEUE_UNREACHED = "\n📵 Chưa báo được người dân từ {since}"
QUEUE_ASSIGNEE = " · 👤 {assignee}"
QUEUE_CHOOSE = "\n\nChọn một mã để xem và xử lý."
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
BUTTON_PREVIOUS_PAGE = "◀ Trang trước"
BUTTON_NEXT_PAGE = "Trang sau ▶"

OFFICER_ITEM = (
    "📋 <b>{type} <code>{code}</code></b>\n"
    "Trạng thái: <b>{status}</b>{assignee}\n"
    "Đơn vị: {unit}\n"
    "Tiếp nhận: {received} · Hạn trả lời: {due} ({marker} {days}){extended}{promised}{procedure}"
)
OFFICER_ITEM_ASSIGNEE = "\nNgười xử lý: {assignee}"
# A notice the citizen's channel holds until they write again (Zalo outside its window, no ZNS template).
OFFICER_ITEM_UNREACHED = {
    "zalo": "\n📵 <b>Chưa báo được cho người dân trên Zalo</b> (đang chờ người dân nhắn lại OA) từ {since}: {kinds}.",
}
OFFICER_ITEM_UNREACHED_ELSEWHERE = (
    "\n📵 <b>Chưa báo được cho người dân trên {channel}</b> (đang chờ người dân nhắn lại) từ {since}: {kinds}."
)
OFFICER_ITEM_NO_UNIT = "<i>chưa phân đơn vị</i>"
OFFICER_ITEM_EXTENDED = "\nĐã gia hạn một lần."
OFFICER_ITEM_PROMISED = "\nĐã xin lỗi, hẹn trả lời ngày {date}."
OFFICER_ITEM_PROCEDURE = "\nThủ tục liên quan: <code>{code}</code>"
OFFICER_ITEM_CONTENT = "\n\n<b>Nội dung</b>\n{content}"
OFFICER_ITEM_NO_TEXT = "<i>(chỉ có tệp đính kèm)</i>"
OFFICER_ITEM_LOCATION = '\n📍 Vị trí: <a href="{url}">{latitude}, {longitude}</a>'
OFFICER_ITEM_REGIME = "\n⚠️ Người dân được báo nội dung có thể là {regime}; họ vẫn chọn gửi như phản ánh, kiến nghị."
OFFICER_ITEM_ATTACHMENTS = "\n📎 Kèm theo {count} tệp (gửi lại ngay bên dưới)."
OFFICER_ITEM_CONTACT = "\n\n<b>Người gửi</b>: {name} · {contact}\nĐịa chỉ: {address}"
OFFICER_ITEM_ANSWER = "\n\n<b>Câu trả lời đã gửi</b>\n{answer}"
OFFICER_ITEM_REFUSAL = "\n\n<b>Lý do không tiếp nhận</b>\n{reason}"
OFFICER_ITEM_HISTORY = "\n\n<b>Lịch sử xử lý</b>{earlier}{lines}"
OFFICER_ITEM_HISTORY_EARLIER = "\n<i>(… {count} bước trước đó)</i>"
OFFICER_ITEM_HISTORY_LINE = "\n• {at} · {actor} · {action}{note}"
OFFICER_ITEM_NO_ACTIONS = "\n\n<i>Bạn không có việc gì cần làm với phản ánh này lúc này.</i>"
OFFICER_ATTACHMENT_ELSEWHERE = "📎 Tệp «{name}» được gửi qua {channel}: xem trên trang cán bộ."
REGIME_NAMES = {"khieu_nai": "khiếu nại", "to_cao": "tố cáo"}
HISTORY_CITIZEN = "Người dân"
HISTORY_SYSTEM = "Hệ thống"

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
    "Chọn «Xác nhận» để gửi, hoặc «Quay lại»."
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
REVIEW_FOOTER = "Chọn «Gửi» để gửi, «Sửa» để gõ lại, «Huỷ» để thôi."
TYPE_AGAIN = "Bạn gõ lại nội dung nhé."
TYPED_CANCELLED = "Đã thôi, chưa gửi gì."
TYPED_KEPT = "Nội dung bạn đã gõ vẫn được giữ nguyên. Nếu vẫn cần gửi, chọn «Gửi lại»; nếu không, chọn «Huỷ»."

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
UNKNOWN_ITEM_CODE = "Không tìm thấy phản ánh nào mang mã <code>{code}</code>."
BAD_ITEM_CODE = "«{code}» không phải là mã phản ánh (dạng <code>20261123.0001</code>)."
OFFICER_STALE_CHOICE = "Lựa chọn này đã cũ. Mở lại phản ánh bằng /xem MÃ."

# --- PAKN tracking (dialogue/tracking.py) -------------------------------------------------------

MENU_TRACKING = "🔍 Tra cứu phản ánh"
COMMAND_TRACUU = "Tra cứu phản ánh đã gửi, ví dụ /tracuu 20261123.0001"
HELP_TRACKING = (
    "\n\n<b>Theo dõi phản ánh, kiến nghị</b>\n"
    "/tracuu — xem các phản ánh bạn đã gửi\n"
    "/tracuu MÃ — tra cứu theo mã, ví dụ <code>/tracuu 20261123.0001</code>; gõ thẳng mã cũng được\n"
    "Người khác có mã chỉ xem được trạng thái, thời hạn và kết quả công khai; "
    "nội dung, thông tin cá nhân và câu trả lời đầy đủ chỉ người gửi xem được."
)
ITEM = (
    "📋 <b>{type} <code>{code}</code></b>\n"
    "Trạng thái: <b>{status}</b>\n"
    "Cơ quan xử lý: {unit}\n"
    "Ngày tiếp nhận: {received}\n"
    "Hạn trả lời: {due}{days}"
)
ITEM_NO_UNIT = "đang phân loại"
ITEM_ANSWERED_ON = "\nNgày trả lời: {date}"
ITEM_CLOSED_ON = "\nNgày kết thúc: {date}"
DAYS_LEFT = " (còn {days} ngày làm việc)"
DUE_TODAY = " (hôm nay là hạn cuối)"
OVERDUE = " (⚠️ quá hạn {days} ngày làm việc)"
CLOCK_PAUSED = "\n⏸ Thời hạn đang tạm dừng trong khi chờ bổ sung thông tin."
ITEM_PUBLIC_ANSWER = "\n\n<b>Kết quả trả lời công khai:</b>\n{answer}"
ITEM_ANSWER = "\n\n<b>Kết quả trả lời:</b>\n{answer}"
ITEM_REFUSAL = "\n\n<b>Lý do:</b> {reason}"
ITEM_OWNER = (
    "\n\n<i>Chỉ bạn thấy phần dưới đây:</i>\n"
    "Nội dung:\n{content}{attachments}{procedure}\n"
    "Người gửi: {name} · {contact}\n"
    "Địa chỉ: {address}"
)
ITEM_OWNER_NO_TEXT = "<i>(chỉ có ảnh, tệp)</i>"
ITEM_OWNER_ATTACHMENTS = "\nKèm theo: {count} tệp"
ITEM_OWNER_PROCEDURE = "\nThủ tục liên quan: {code}"
ITEM_RATING = "\nBạn đã đánh giá: {stars}"
TRACK_USAGE = "Gõ /tracuu kèm mã, ví dụ <code>/tracuu 20261123.0001</code>."
MY_ITEMS = "<b>Phản ánh, kiến nghị bạn đã gửi</b>\n\n{items}\n\nChọn một mã để xem chi tiết. " + TRACK_USAGE
MY_ITEM_LINE = "{number}. <code>{code}</code> · {received} · {status}"
MY_ITEM_CHOICE = "{code} · {status}"
NO_ITEMS = "Bạn chưa gửi phản ánh, kiến nghị nào. Gõ /phananh để gửi. " + TRACK_USAGE
BAD_CODE = (
    "«{code}» không phải mã tra cứu. Mã có dạng <code>20261123.0001</code>: "
    "ngày tiếp nhận (năm, tháng, ngày) và số thứ tự."
)
UNKNOWN_CODE = "Không tìm thấy phản ánh nào mang mã <code>{code}</code>. Bạn kiểm tra lại mã nhé."
NO_FEEDBACK = "Việc tiếp nhận phản ánh, kiến nghị chưa được mở ở đây."

# --- a messenger filer's PIN for the web portal (dialogue/web_pin.py) ------------------------------------

CHOICE_WEB_PIN = "🔑 Mã PIN xem trên web"
WEB_PIN = (
    "🔑 Mã PIN xem phản ánh <code>{code}</code> trên web: <b>{pin}</b>\n\n"
    "Vào {where}, nhập mã phản ánh và mã PIN này để xem nội dung, kết quả trả lời, quá trình xử lý và mục "
    "«Dữ liệu của tôi».\n"
    "Mã PIN chỉ gửi một lần, trong tin nhắn này; mã PIN cấp trước đó (nếu có) không dùng được nữa. Đừng đưa mã "
    "PIN cho người khác: ai có mã phản ánh và mã PIN đều xem được thông tin của bạn và thao tác thay bạn."
)
WEB_PIN_PORTAL = "cổng dịch vụ của cơ quan, trang «Theo dõi phản ánh» (/phan-anh/tra-cuu)"
WEB_PIN_UNAVAILABLE = "Cổng thông tin web chưa được mở ở đây, nên chưa cấp được mã PIN."
WEB_PIN_AGAIN = "Phản ánh vừa được cập nhật. Bạn hãy chọn lại «Mã PIN xem trên web»."

# --- PAKN follow-ups: rating, reopening, information, withdrawing (dialogue/followup.py) ----------

CHOICE_STARS = "{stars} ⭐"
CHOICE_REOPEN = "Chưa được giải quyết"
CHOICE_ADD_INFORMATION = "✍️ Gửi thông tin bổ sung"
CHOICE_WITHDRAW = "↩️ Rút phản ánh"
CHOICE_REOPEN_NO_REASON = "Gửi không kèm lý do"
CHOICE_WITHDRAW_NO_REASON = "Rút, không nêu lý do"
CHOICE_SEND = "📨 Gửi"
CHOICE_STOP = "✖ Thôi"
RATED = "Cảm ơn bạn đã đánh giá {stars} cho phản ánh <code>{code}</code>."
NOT_RATEABLE = "Phản ánh này chưa có kết quả trả lời nên chưa đánh giá được."
RATING_OLD_ANSWER = (
    "Lựa chọn này thuộc câu trả lời trước của phản ánh <code>{code}</code>, nay không còn dùng được. "
    "Gõ /tracuu {code} để xem và đánh giá kết quả mới nhất."
)
NOT_YOURS = "Đây không phải phản ánh bạn đã gửi."
REOPEN_ASK = (
    "Vì sao việc <code>{code}</code> chưa được giải quyết? Gõ lý do (không bắt buộc), hoặc chọn «Gửi không kèm lý do»."
)
REOPENED = "🔁 Đã mở lại phản ánh <code>{code}</code> để xem xét lại. Hạn trả lời mới: <b>{due}</b>."
REOPEN_CLOSED = "Đã quá thời hạn mở lại (đến hết ngày {date}). Bạn có thể gửi phản ánh mới: /phananh."
REOPEN_NOT_NOW = "Phản ánh <code>{code}</code> hiện không ở trạng thái có thể mở lại."
REASON_TOO_LONG = "Lý do dài quá {max} ký tự. Bạn hãy viết gọn lại."
REASON_WORDS_ONLY = "Ở bước này tôi chỉ nhận chữ. Bạn hãy gõ lý do, hoặc chọn một lựa chọn ở trên."
INFORMATION_ASK = (
    "Gõ thông tin bổ sung cho phản ánh <code>{code}</code>, gửi kèm ảnh hoặc tệp nếu cần "
    "(có thể gửi nhiều tin nhắn), xong thì chọn «Gửi». Gõ /huy để thôi."
)
INFORMATION_RECEIVED = "Đã nhận ({chars} ký tự, {files} tệp). Gửi thêm nếu cần, hoặc chọn «Gửi»."
INFORMATION_TOO_LONG = (
    "Thông tin bổ sung dài quá {max} ký tự nên phần vừa gửi chưa được thêm vào "
    "(đã có {chars} ký tự). Bạn hãy viết gọn lại, hoặc chọn «Gửi» để gửi phần đã có."
)
INFORMATION_EMPTY = "Bạn chưa gửi thông tin nào. Hãy gõ thông tin bổ sung hoặc gửi ảnh, tệp rồi chọn «Gửi»."
INFORMATION_TEXT_ONLY = "Ở bước này tôi nhận chữ, ảnh, tệp và vị trí. Bạn hãy gõ thông tin bổ sung hoặc gửi ảnh, tệp."
INFORMATION_LOCATION = "Vị trí: {latitude:.6f}, {longitude:.6f}"
INFORMATION_SENT = (
    "✅ Đã gửi thông tin bổ sung cho phản ánh <code>{code}</code>. Thời hạn giải quyết tiếp tục; "
    "hạn trả lời mới: <b>{due}</b>."
)
INFORMATION_NOT_NOW = "Phản ánh <code>{code}</code> hiện không chờ bổ sung thông tin."
ATTACHMENT_PROBLEMS = {
    "too_many": "Mỗi lần bổ sung kèm tối đa {limit} tệp.",
    "too_large": "Tệp lớn quá {limit} MB.",
}
NOT_ADDED = " Phần vừa gửi chưa được thêm vào."
WITHDRAW_ASK = (
    "Bạn muốn rút phản ánh <code>{code}</code>? Sau khi rút, cơ quan sẽ dừng xử lý và không thể mở lại. "
    "Gõ lý do (không bắt buộc), hoặc chọn «Rút, không nêu lý do». Chọn «Thôi» nếu đổi ý."
)
WITHDRAWN = "↩️ Đã rút phản ánh <code>{code}</code>. Cơ quan xử lý đã được báo."
WITHDRAW_NOT_NOW = "Phản ánh <code>{code}</code> đã có kết quả trả lời hoặc đã kết thúc nên không rút được nữa."
WITHDRAW_WHICH = "Bạn muốn rút phản ánh nào? Chọn một mã, hoặc gõ kèm mã, ví dụ <i>rút phản ánh 20261123.0001</i>."
WITHDRAW_NONE = "Bạn không có phản ánh nào đang được xử lý để rút. Gõ /tracuu để xem các phản ánh của bạn."
FOLLOWUP_CANCELLED = "Đã thôi. Gõ /tracuu để xem các phản ánh của bạn."
FOLLOWUP_RESUMED = (
    "Việc bạn đang làm dở trước đó (ví dụ phản ánh đang soạn) vẫn được giữ nguyên: bạn làm tiếp được, "
    "hoặc gõ /huy để huỷ."
)
TYPED_FOLLOWUP_WHICH = "Bạn muốn làm việc này với phản ánh nào? Chọn một mã."
TYPED_FOLLOWUP_NONE = "Bạn không có phản ánh nào đang chờ việc này. Gõ /tracuu để xem các phản ánh của bạn."

# --- lookup: search, result list, a procedure's card ---------------------------------------

MENU_LOOKUP = "🔎 Tra cứu thủ tục"
LOOKUP_PROMPT = (
    "Bạn cần làm thủ tục gì? Gõ vài từ, không dấu cũng được.\n"
    "Ví dụ: <i>làm sổ đỏ</i>, <i>đổi bằng lái</i>, <i>đăng ký khai sinh</i>, hoặc một mã như "
    "<code>1.001193</code>."
)
COMMAND_TTHC = "Xem thủ tục theo mã, ví dụ /tthc 1.001193"
HELP_LOOKUP = (
    "\n\n<b>🔎 Tra cứu thủ tục</b>\n"
    "• Gõ việc bạn cần làm, ví dụ: <i>làm sổ đỏ</i>, <i>đổi bằng lái xe</i>, <i>cấp lại căn cước</i>. "
    "Không dấu, viết tắt đều được.\n"
    "• Chọn một kết quả để xem hồ sơ cần nộp, các bước, thời hạn và lệ phí.\n"
    "• Biết mã thủ tục thì gõ thẳng mã, ví dụ <code>1.001193</code>, hoặc /tthc 1.001193.\n"
    "/tthc MÃ — xem thủ tục theo mã"
)

RESULTS_HEADER = "Các thủ tục phù hợp với «{query}»:"
RESULTS_PAGE = "(kết quả {first}–{last})"
RESULT_ITEM = "{number}. <b>{name}</b>\n     Mã <code>{code}</code> · {level}"
RESULTS_CHOOSE = "Chọn một thủ tục để xem chi tiết."
LEVEL_UNKNOWN = "chưa rõ cấp thực hiện"
NO_MATCH = "Chưa tìm thấy thủ tục nào khớp với «{query}»."
SUGGESTIONS_HEADER = "Có phải bạn muốn tìm…"
REPHRASE_HINT = (
    "💡 Mẹo: gõ ngắn gọn tên việc hoặc tên giấy tờ, ví dụ <i>khai sinh</i>, <i>sổ đỏ</i>, "
    "<i>giấy phép lái xe</i>, <i>căn cước</i>. Không dấu cũng được."
)
POINTER = "ℹ️ {text}"
DID_YOU_MEAN = "Có phải bạn muốn tìm: <b>{query}</b>?"
CHOICE_DID_YOU_MEAN = "🔎 Tìm «{query}»"  # a label: plain text, not escaped
CHOICE_MORE = "Xem thêm ▶"
CHOICE_PREVIOUS = "◀ Trước"
SEARCH_FORGOTTEN = "Kết quả tìm kiếm này đã cũ. Bạn hãy gõ lại việc cần tìm."
CODE_NOT_FOUND = "Không có thủ tục nào mang mã <code>{code}</code>. Bạn hãy kiểm tra lại mã, hoặc gõ tên thủ tục."

TTHC_USAGE = (
    "Gõ /tthc kèm mã thủ tục, ví dụ: <code>/tthc 1.001193</code>.\n"
    "Chưa biết mã? Cứ gõ tên việc cần làm, ví dụ <i>đăng ký khai sinh</i>."
)
BAD_LINK = "Liên kết này không đúng định dạng. Bạn hãy gõ tên thủ tục cần tìm."

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
CARD_CONTINUATION_HEADER = "<b>{name}</b>\n<i>Mã {code} · phần {part}/{parts}</i>"
CARD_NO_INFORMATION = "chưa có thông tin"
CARD_ONLINE_FULL = "toàn trình"
CARD_ONLINE_PARTIAL = "một phần"
CARD_ONLINE_NONE = "chưa có"
LINK_SHARE = "📤 Chia sẻ"
CHOICE_CARD_MORE = "Xem tiếp ▶ (phần {first}–{last}/{parts})"
CHOICE_CARD_LAST = "Xem tiếp ▶ (phần {part}/{parts})"
# --- officers: the morning digest, escalation and channel alerts (dialogue/officer_alert_text.py) ----------

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
CHANNEL_ALERTS = {
    "token_renewal_failed": (
        "🚨 <b>Kênh {channel} cần quản trị viên</b> ({date})\n"
        "Không gia hạn được quyền truy cập của tài khoản chính thức: tin nhắn sẽ ngừng gửi được. "
        "Hãy kết nối lại: <code>motcua admin zalo connect</code>.{detail}"
    ),
}
CHANNEL_ALERT_DETAIL = "\nChi tiết: {detail}"


# --- filing a PAKN (dialogue/filing*.py) ------------------------------------------------------------

MENU_FEEDBACK = "📝 Gửi phản ánh, kiến nghị"
COMMAND_PHANANH = "Gửi phản ánh, kiến nghị về thủ tục hành chính"
HELP_FILING = (
    "\n\n<b>Phản ánh, kiến nghị</b>\n"
    "/phananh — gửi phản ánh, kiến nghị về quy định, thủ tục hành chính\n"
    "/huy — huỷ việc đang làm dở"
)

INTAKE_TYPE = (
    "<b>Gửi phản ánh, kiến nghị</b> (theo Nghị định 20/2008/NĐ-CP)\n\n"
    "• <b>Phản ánh</b>: báo việc áp dụng quy định, thủ tục hành chính chưa đúng hoặc gây khó khăn "
    "(chậm trễ, gây phiền hà, đòi thêm giấy tờ…).\n"
    "• <b>Kiến nghị</b>: đề xuất sửa đổi, bổ sung quy định, thủ tục hành chính cho hợp lý hơn.\n\n"
    "Khiếu nại và tố cáo được giải quyết theo luật riêng; nếu nội dung của bạn giống khiếu nại, tố cáo, "
    "tôi sẽ chỉ nơi nộp, và bạn vẫn có thể gửi ở đây.\n"
    "Bạn muốn gửi loại nào? Gõ /huy để huỷ bất cứ lúc nào."
)
BUTTON_PHAN_ANH = "📣 Phản ánh"
BUTTON_KIEN_NGHI = "💡 Kiến nghị"
BUTTON_CANCEL = "✖ Huỷ"
TYPE_CHOSEN = "Loại: <b>{type}</b>"
CHOOSE_ONE = "Bạn hãy chọn một trong các lựa chọn bên dưới, hoặc gõ /huy để huỷ."
CONTENT_TYPED_KEPT = "Tôi đã giữ lại nội dung bạn vừa gõ ({chars} ký tự). Trước hết, bạn chọn loại:"
REGIME_TYPED_KEPT = (
    "Nội dung bạn vừa gõ đã được giữ lại. Nếu vẫn muốn gửi như phản ánh, kiến nghị, bạn chọn loại; nếu không, gõ /huy."
)

INTAKE_CONTENT = (
    "Bạn hãy mô tả rõ sự việc: ở đâu, khi nào, cơ quan hay thủ tục nào, điều gì chưa đúng hoặc "
    "bạn đề xuất gì. Có thể gửi nhiều tin nhắn, kèm ảnh, tệp (tối đa {max_attachments} tệp) hoặc vị trí "
    "trên bản đồ. Xong thì chọn «Xong»."
)
INTAKE_CONTENT_AGAIN = "Nội dung cũ đã được xoá. " + INTAKE_CONTENT
BUTTON_DONE = "✅ Xong"
CONTENT_RECEIVED = "Đã nhận ({chars} ký tự, {files} tệp{location}). Gửi thêm nếu cần, hoặc chọn «Xong»."
CONTENT_RECEIVED_LOCATION = ", có vị trí"
LOCATION_RECEIVED = "📍 Đã ghi vị trí {coordinates}: cán bộ sẽ xem trên bản đồ."
CONTENT_WHAT = (
    "Ở bước này tôi nhận chữ, ảnh, tệp (PDF, Word…) hoặc vị trí trên bản đồ. "
    "Bạn hãy gửi lại theo một trong các dạng đó."
)
FILES_ONLY_IN_CONTENT = "Ảnh, tệp và vị trí chỉ gửi được ở bước nội dung. Bạn hãy trả lời câu hỏi ở trên."
PLEASE_TYPE = "Bạn hãy gõ câu trả lời bằng chữ, hoặc /huy để huỷ."
REGIME_ADVICE_FOOTER = "Bạn muốn làm gì?"
BUTTON_SEND_AS_PAKN = "📨 Vẫn gửi như phản ánh, kiến nghị"
BUTTON_REWRITE = "✏️ Viết lại nội dung"

INTAKE_PROCEDURE = (
    "Việc này liên quan đến thủ tục hành chính nào? Gõ vài từ để tìm (ví dụ <i>khai sinh</i>, "
    "<i>sổ đỏ</i>), hoặc chọn «Bỏ qua»."
)
BUTTON_SKIP = "Bỏ qua ▶"
PROCEDURE_CHOOSE = "Chọn thủ tục đúng, hoặc gõ lại vài từ khác, hoặc chọn «Bỏ qua»."
PROCEDURE_NONE = "Không tìm thấy thủ tục nào khớp với «{query}». Bạn gõ lại vài từ khác, hoặc chọn «Bỏ qua»."
PROCEDURE_CHOSEN = "Thủ tục liên quan: <b>{name}</b>"
PROCEDURE_SKIPPED = "Không ghi thủ tục liên quan."

INTAKE_UNIT = (
    "Bạn muốn gửi đến đơn vị nào? Chọn dưới đây, hoặc gõ tên đơn vị để tìm (ví dụ <i>địa chính</i>). "
    "Không rõ thì chọn «Bỏ qua»: bộ phận tiếp nhận sẽ chuyển đến đúng nơi."
)
UNIT_CHOOSE = "Chọn đơn vị đúng, hoặc gõ lại vài từ khác, hoặc chọn «Bỏ qua»."
UNIT_NONE = "Không tìm thấy đơn vị nào khớp với «{query}». Bạn gõ lại vài từ khác, hoặc chọn «Bỏ qua»."
UNIT_CHOSEN = "Gửi đến: <b>{name}</b>"
UNIT_SKIPPED = "Không chọn đơn vị: bộ phận tiếp nhận sẽ chuyển đến đúng nơi."
UNIT_GONE = "Đơn vị bạn chọn không còn trong danh sách. Bạn chọn «✏️ Đơn vị» để chọn lại, hoặc gửi không chọn đơn vị."

INTAKE_REUSE_CONTACT = (
    "Theo quy định, phản ánh phải ghi họ tên, địa chỉ và số điện thoại hoặc email của người gửi. "
    "Dùng lại thông tin bạn đã gửi lần trước?\n\n{contact}"
)
BUTTON_REUSE_CONTACT = "✅ Dùng thông tin này"
BUTTON_NEW_CONTACT = "✏️ Nhập thông tin khác"
# Where the full notice is when the portal's address is not set (MOTCUA_PORTAL_URL).
PRIVACY_NOTICE_PAGE = "trang «Dữ liệu cá nhân» (/du-lieu-ca-nhan) trên cổng dịch vụ của cơ quan"
INTAKE_NAME = (
    "Theo quy định, phản ánh phải ghi họ tên, địa chỉ và số điện thoại hoặc email của người gửi. "
    "Các thông tin này chỉ cán bộ xử lý được xem.\n\nHọ và tên của bạn?"
)
INTAKE_CONTACT = (
    "Số điện thoại hoặc email để cơ quan liên hệ với bạn? Gõ số điện thoại hoặc email, "
    "hoặc dùng nút «📱 Gửi số điện thoại» nếu ứng dụng của bạn có."
)
CONTACT_INVALID = "{problem}\nBạn gõ lại nhé."
CONTACT_NOTED = "Đã ghi liên hệ: {contact}"
INTAKE_ADDRESS = "Địa chỉ của bạn (số nhà, đường, phường/xã, tỉnh/thành phố)?"
TRY_AGAIN = "{problem}\nBạn gõ lại nhé."

SUMMARY = (
    "<b>Kiểm tra lại trước khi gửi</b>\n\n"
    "Loại: <b>{type}</b>\n"
    "Nội dung:\n{content}\n"
    "{attachments}{location}"
    "Thủ tục liên quan: {procedure}\n"
    "Gửi đến: {unit}\n\n"
    "Họ tên: {name}\n"
    "Liên hệ: {contact}\n"
    "Địa chỉ: {address}\n\n"
    "Đúng rồi thì chọn «Gửi». Cần sửa mục nào thì chọn mục đó."
)
SUMMARY_NO_TEXT = "<i>(chỉ có ảnh, tệp)</i>"
SUMMARY_ATTACHMENTS = "Kèm theo: {count} tệp\n"
SUMMARY_LOCATION = 'Vị trí: <a href="{url}">{coordinates}</a>\n'
SUMMARY_NO_PROCEDURE = "<i>không ghi</i>"
SUMMARY_NO_UNIT = "<i>bộ phận tiếp nhận chuyển đến đúng nơi</i>"
BUTTON_SEND = "📨 Gửi"
BUTTON_EDIT = {
    "type": "✏️ Loại",
    "content": "✏️ Nội dung",
    "procedure": "✏️ Thủ tục",
    "unit": "✏️ Đơn vị",
    "name": "✏️ Họ tên",
    "contact": "✏️ Liên hệ",
    "address": "✏️ Địa chỉ",
}
BUTTON_SEND_ANYWAY = "Vẫn gửi"
RECEIVED = (
    "✅ <b>Đã tiếp nhận</b> {type_lower} của bạn.\n\n"
    "Mã tra cứu: <code>{code}</code>\n"
    "Hạn trả lời: <b>{due}</b> ({days} ngày làm việc)\n\n"
    "Khi có kết quả, tôi sẽ nhắn cho bạn tại đây. Xem tình trạng bất cứ lúc nào: /tracuu {code}"
)
SUBMIT_FAILED = (
    "⚠️ Chưa gửi được do lỗi hệ thống; phản ánh <b>chưa</b> được tiếp nhận. "
    "Nội dung bạn nhập vẫn được giữ nguyên: chọn «Thử lại» sau ít phút."
)
BUTTON_RETRY = "🔁 Thử lại"
DRAFT_KEPT = " Nội dung vẫn được giữ."
CAP_BEFORE_FILING = " Bạn chưa cần nhập gì lúc này."
NOT_SENT = "Chưa gửi được: {problem} Bạn chọn «✏️ Nội dung» để sửa."
CONTACT_INCOMPLETE = "Còn thiếu họ tên, địa chỉ hoặc số điện thoại/email. Bạn chọn mục còn thiếu để sửa."
FILING_CANCELLED = "Đã huỷ. Những gì bạn nhập đã được xoá. Gõ /phananh để bắt đầu lại."
STILL_FILING = "Bạn đang gửi dở một phản ánh. Mời bạn tiếp tục ở bước dưới đây, hoặc gõ /huy để huỷ."
FILING_STALE = "Lựa chọn này đã cũ. Mời bạn tiếp tục ở bước dưới đây."
FILING_OVER = "Lựa chọn này đã cũ: phản ánh đó đã gửi hoặc đã huỷ. Gõ /phananh để gửi phản ánh mới."
FEEDBACK_UNAVAILABLE = "Nơi này chưa nhận phản ánh, kiến nghị qua kênh này."
REWRITE_PROMPT = (
    "Bạn gõ lại phần mô tả (ảnh, tệp, vị trí đã gửi vẫn được giữ). Có thể gửi nhiều tin nhắn; xong thì chọn «Xong»."
)


# --- officers told of a citizen's follow-up (dialogue/citizen_alert_reply.py) -----------------------

CITIZEN_ALERT = {
    "reopened": "🔁 Người gửi đã <b>mở lại</b> phản ánh <code>{code}</code> (chưa được giải quyết).",
    "information": "📨 Người gửi đã <b>gửi thông tin bổ sung</b> cho phản ánh <code>{code}</code>; thời hạn chạy lại.",
    "withdrawn": "↩️ Người gửi đã <b>rút</b> phản ánh <code>{code}</code>; không cần xử lý tiếp.",
}
CITIZEN_ALERT_UNIT = "\nĐơn vị: {unit}"
CITIZEN_ALERT_DUE = "\nHạn trả lời mới: <b>{due}</b>"
CITIZEN_ALERT_NOTE = {
    "reopened": "\nLý do: {note}",
    "information": "\nNội dung: {note}",
    "withdrawn": "\nLý do: {note}",
}
CITIZEN_ALERT_FILES = "\nKèm theo {count} tệp."
CITIZEN_ALERT_OPEN = "Xem phản ánh"


# --- the citizen's personal data (dialogue/my_data.py) ----------------------------------------------

MENU_MY_DATA = "🔒 Dữ liệu của tôi"
COMMAND_DULIEU = "Dữ liệu cá nhân của bạn: xem, sửa, yêu cầu xoá"
HELP_MY_DATA = (
    "\n\n<b>Dữ liệu cá nhân</b>\n"
    "/dulieu — xem thông tin cá nhân cơ quan đang lưu về bạn và số lần cán bộ đã xem; sửa họ tên, số điện thoại, "
    "email, địa chỉ; yêu cầu xoá"
)
MY_DATA_UNAVAILABLE = "Mục «Dữ liệu của tôi» chưa có ở kênh này. Bạn liên hệ bộ phận một cửa để được hỗ trợ."
MY_DATA_NOTHING = (
    "🔒 Cơ quan không lưu thông tin cá nhân nào của bạn qua kênh này: bạn chưa gửi phản ánh, kiến nghị nào."
)
MY_DATA = "🔒 <b>Dữ liệu cá nhân cơ quan đang lưu về bạn</b>\n\n{remembered}{items}{requests}"
MY_DATA_REMEMBERED = "Thông tin liên hệ dùng cho lần gửi sau:\n{contact}"
MY_DATA_NOT_REMEMBERED = "Không lưu thông tin liên hệ nào cho lần gửi sau."
MY_DATA_ITEMS = "\n\n<b>Phản ánh, kiến nghị bạn đã gửi</b> ({count})"
MY_DATA_ITEMS_NEWEST = "\n\n<b>{count} phản ánh, kiến nghị gần nhất của bạn</b>"
MY_DATA_ITEM = "\n\n📋 <code>{code}</code> · {received}\n{contact}{extras}\nNội dung: {content}{notice}\n{views}"
MY_DATA_CONTACT = "Người gửi: {contact}"
MY_DATA_MASKED = "Người gửi: thông tin liên hệ đã được xoá"
MY_DATA_EXTRAS = "\nKèm theo: {extras}"
MY_DATA_FILES = "{count} tệp"
MY_DATA_LOCATION = "vị trí trên bản đồ"
MY_DATA_NOTICE = "\nThông báo về dữ liệu cá nhân đã hiện cho bạn: phiên bản {version}"
MY_DATA_VIEWS = "👁 Cán bộ đã xem thông tin liên hệ, tệp của bạn: {count} lần ({units})"
MY_DATA_VIEWS_UNIT = "{unit}: {count}"
MY_DATA_VIEWS_ADMIN = "quản trị hệ thống"
MY_DATA_NO_VIEWS = "👁 Chưa cán bộ nào xem thông tin liên hệ, tệp của bạn."
MY_DATA_REQUEST = "\n\n🗑 Yêu cầu xoá ngày {requested}: {state}"
MY_DATA_REQUEST_PENDING = "đang chờ xử lý, hạn {due}"
MY_DATA_REQUEST_APPROVED = "đã thực hiện ngày {decided}"
MY_DATA_REQUEST_REJECTED = "không được chấp nhận ngày {decided}, lý do: {note}"
MY_DATA_CHOOSE = "Bạn có thể sửa thông tin liên hệ hoặc yêu cầu xoá:"
BUTTON_MY_DATA_NAME = "✏️ Sửa họ tên"
BUTTON_MY_DATA_CONTACT = "✏️ Sửa số điện thoại, email"
BUTTON_MY_DATA_ADDRESS = "✏️ Sửa địa chỉ"
BUTTON_MY_DATA_DELETE = "🗑 Yêu cầu xoá dữ liệu"
MY_DATA_ASK_NAME = "Họ và tên đúng của bạn? Gõ /huy để thôi."
MY_DATA_ASK_CONTACT = (
    "Số điện thoại hoặc email mới? Gõ số điện thoại hoặc email, hoặc dùng nút «📱 Gửi số điện thoại» nếu ứng dụng "
    "của bạn có. Gõ /huy để thôi."
)
MY_DATA_ASK_ADDRESS = "Địa chỉ mới của bạn? Gõ /huy để thôi."
MY_DATA_CORRECTED = "✅ Đã sửa thông tin liên hệ trên {count} phản ánh, kiến nghị và cho lần gửi sau:\n{contact}"
MY_DATA_CORRECTED_NEXT = "✅ Đã sửa thông tin liên hệ dùng cho lần gửi sau:\n{contact}"
MY_DATA_NOTHING_TO_CORRECT = "Cơ quan không còn lưu thông tin liên hệ nào của bạn để sửa."
MY_DATA_STOPPED = "Đã thôi, thông tin của bạn giữ nguyên."
MY_DATA_TYPE_ONLY = "Bạn hãy gõ câu trả lời bằng chữ, hoặc /huy để thôi."
MY_DATA_DELETE_CONFIRM = (
    "🗑 <b>Yêu cầu xoá dữ liệu cá nhân</b>\n"
    "Nếu được chấp thuận, cơ quan xoá họ tên, địa chỉ, số điện thoại, email, vị trí và các tệp bạn đã gửi trên mọi "
    "phản ánh, kiến nghị của bạn, cùng thông tin liên hệ dùng cho lần gửi sau. Nội dung phản ánh, quá trình xử lý và "
    "kết quả trả lời vẫn được lưu theo quy định về phản ánh, kiến nghị và lưu trữ. Sau khi xoá, cán bộ không liên hệ "
    "được với bạn về các phản ánh đang xử lý.\n"
    "Quản trị viên xem xét trong {days} ngày; bạn được báo kết quả ở đây. Bạn xác nhận gửi yêu cầu?"
)
BUTTON_MY_DATA_CONFIRM_DELETE = "✅ Xác nhận yêu cầu xoá"
BUTTON_MY_DATA_KEEP = "✖ Thôi, không xoá"
MY_DATA_DELETE_REQUESTED = (
    "📨 Đã ghi nhận yêu cầu xoá dữ liệu cá nhân của bạn. Hạn xử lý: <b>{due}</b>. Bạn sẽ được báo kết quả qua kênh này."
)
MY_DATA_DELETE_PENDING = (
    "Bạn đã có một yêu cầu xoá đang chờ xử lý (gửi ngày {requested}, hạn {due}). Bạn sẽ được báo kết quả qua kênh này."
)
MY_DATA_DELETE_KEPT = "Đã thôi: không gửi yêu cầu xoá."
MY_DATA_CHOOSE_ONE = "Bạn hãy chọn «Xác nhận yêu cầu xoá» hoặc «Thôi, không xoá»."
MY_DATA_STALE = "Lựa chọn này đã cũ. Gõ /dulieu để xem lại dữ liệu của bạn."
