"""What the command line says to an administrator, in Vietnamese."""

from __future__ import annotations

from procedures_catalog.importing import BadRow, ImportReport, RowProblem

# --- the command itself ------------------------------------------------------------------

CLI_DESCRIPTION = "Một Cửa bot: tra cứu thủ tục hành chính, tiếp nhận và xử lý phản ánh, kiến nghị"
HELP_SERVE = "chạy bot Telegram và trang web (nâng cấp cơ sở dữ liệu, nhập danh mục lần đầu)"
HELP_CHAT = "thử bot ngay trong cửa sổ dòng lệnh, không cần token Telegram"
HELP_CHAT_CHANNEL = (
    "telegram: bot Telegram thật qua máy chủ Bot API giả lập; text: hội thoại qua kênh văn bản thuần (lựa chọn đánh số)"
)
HELP_MIGRATE = "nâng cấp cơ sở dữ liệu lên phiên bản mới nhất"
MIGRATED = "Cơ sở dữ liệu đã ở phiên bản mới nhất."
HELP_BACKUP = "sao lưu CSDL SQLite (bằng API sao lưu của SQLite, khi dịch vụ vẫn chạy) và thư mục tệp đính kèm"
HELP_BACKUP_OUTPUT = "tệp .tar.gz ghi ra (mặc định motcua-backup-NGÀY-GIỜ.tar.gz)"
HELP_RESTORE = "khôi phục một bản sao lưu vào CSDL SQLite còn trống"
BACKUP_DONE = "Đã sao lưu vào {path}"
RESTORE_DONE = "Đã khôi phục {items} PAKN từ bản sao lưu lúc {created}."
BACKUP_NO_DATABASE = "Không có CSDL tại {path}: chưa có gì để sao lưu."
RESTORE_NOT_EMPTY = (
    "CSDL {path} đã có dữ liệu: chỉ khôi phục vào CSDL trống, để không ghi đè gì. "
    "Đổi MOTCUA_DATABASE_URL sang một tệp mới, hoặc chuyển tệp cũ đi trước."
)
RESTORE_NEEDS_ATTACHMENTS_DIR = "Bản sao lưu có tệp đính kèm: đặt MOTCUA_ATTACHMENTS_DIR là nơi chép chúng về."
RESTORE_BAD_ARCHIVE = "Không đọc được bản sao lưu {path}: {error}"
BACKUP_POSTGRES_RECIPE = """Với PostgreSQL, sao lưu và khôi phục bằng công cụ của PostgreSQL.
With PostgreSQL, back up and restore with its own tools:

  # sao lưu / back up (dịch vụ vẫn chạy được / the service may keep running)
  pg_dump --format=custom --host={host} --port={port} --username={user} \\
          --file=motcua-$(date +%Y%m%d-%H%M%S).dump {database}
  tar -czf motcua-attachments-$(date +%Y%m%d-%H%M%S).tar.gz -C {attachments} .

  # khôi phục vào CSDL trống / restore into an empty database
  createdb --host={host} --port={port} --username={user} {database}
  pg_restore --host={host} --port={port} --username={user} --dbname={database} --no-owner motcua-….dump
  tar -xzf motcua-attachments-….tar.gz -C {attachments}"""
SCHEMA_OUT_OF_DATE = (
    "Lược đồ cơ sở dữ liệu cũ hơn phiên bản phần mềm này và việc tự nâng cấp khi khởi động đang tắt "
    "(MOTCUA_AUTO_MIGRATE). Chạy `motcua migrate` một lần (khi chưa instance nào chạy), rồi khởi động lại.\n"
    "The database schema is older than this code and upgrading on start is off: run `motcua migrate` once, then start."
)

# --- serve -------------------------------------------------------------------------------

NO_TOKEN = (
    "Chưa có token Telegram nên bot chưa chạy (trang web vẫn chạy): đặt biến môi trường "
    "MOTCUA_TELEGRAM_TOKEN=<token từ @BotFather> hoặc ghi vào tệp .env rồi chạy lại; "
    "muốn thử bot ngay thì chạy: motcua chat"
)
BOT_UNAVAILABLE = "Không kết nối được Telegram (token sai hoặc không có mạng); bot chưa chạy, trang web vẫn chạy"
SETTINGS_INVALID = "Cấu hình không hợp lệ / invalid settings:"
PORTAL_URL_NOT_HTTP = "MOTCUA_PORTAL_URL phải là địa chỉ http:// hoặc https://, ví dụ https://motcua.xa.gov.vn"
WEBHOOK_URL_NOT_HTTPS = "MOTCUA_TELEGRAM_WEBHOOK_URL phải là địa chỉ https:// (Telegram chỉ gửi tới https)"
WEBHOOK_SECRET_NEEDED = (
    "Đặt MOTCUA_TELEGRAM_WEBHOOK_URL thì cần MOTCUA_TELEGRAM_WEBHOOK_SECRET: 1 đến 256 ký tự A-Z, a-z, 0-9, _ và - "
    "(tạo bằng: python3 -c 'import secrets; print(secrets.token_urlsafe(32))') / the webhook needs its secret"
)
WEBHOOK_PATH_NOT_ABSOLUTE = "MOTCUA_TELEGRAM_WEBHOOK_PATH phải bắt đầu bằng / / must start with /"
WEBHOOK_SET = "Telegram gửi cập nhật tới webhook {url}"

# --- search ------------------------------------------------------------------------------

HELP_SEARCH = "tìm thủ tục hành chính; không có câu hỏi thì đọc mỗi dòng một câu từ đầu vào chuẩn"
HELP_SEARCH_QUERY = "câu cần tìm, ví dụ: lam so do"
HELP_SEARCH_JSON = "in kết quả dạng JSON"
SEARCH_RESULTS = "Kết quả cho “{query}”:"
SEARCH_NO_MATCH = "Không tìm thấy thủ tục khớp rõ với “{query}”. Có thể bạn cần:"
BAD_LIMIT = "--limit phải là số nguyên lớn hơn 0"

# --- import-catalog -----------------------------------------------------------------------

HELP_IMPORT = "nhập danh mục thủ tục hành chính từ tệp .jsonl, .jsonl.gz, .csv hoặc .xlsx"
HELP_SKIP_BAD_ROWS = "bỏ qua các dòng lỗi và nhập các dòng còn lại"
NO_SUCH_FILE = "Không tìm thấy tệp {path}"
UNSUPPORTED_FORMAT = (
    "Không nhập được {path}: chỉ nhận tệp .jsonl, .jsonl.gz, .csv (UTF-8) hoặc .xlsx "
    "(tệp .xls cũ hãy lưu lại thành .xlsx)"
)

_FIELD_NAMES = {
    "code": "mã thủ tục",
    "name": "tên thủ tục",
    "level": "cấp thực hiện",
    "field": "lĩnh vực",
    "agency": "cơ quan thực hiện",
    "processing_time": "thời hạn giải quyết",
    "fees": "phí, lệ phí",
    "documents": "thành phần hồ sơ",
    "steps": "trình tự thực hiện",
    "legal_basis": "căn cứ pháp lý",
    "online": "mức độ dịch vụ công",
    "source": "nguồn",
}


def _field_name(field: str | None) -> str:
    return _FIELD_NAMES.get(field or "", field or "?")


def _problem(bad: BadRow) -> str:
    match bad.problem:
        case RowProblem.MISSING_CODE:
            return "thiếu mã thủ tục"
        case RowProblem.MISSING_NAME:
            return f"mã {bad.code} thiếu tên thủ tục" if bad.code else "thiếu tên thủ tục"
        case RowProblem.BAD_CODE:
            return f"mã thủ tục “{bad.detail}” không đúng dạng (ví dụ đúng: 1.001193)"
        case RowProblem.DUPLICATE_CODE:
            return f"mã {bad.code} trùng với dòng {bad.first_line}"
        case RowProblem.BAD_ENCODING if bad.line == 0:
            return f"tệp không ở dạng UTF-8 ({bad.detail}); hãy lưu lại tệp ở dạng CSV UTF-8"
        case RowProblem.BAD_ENCODING if bad.fatal:
            return "dòng tiêu đề có ký tự lỗi mã hoá; hãy lưu lại tệp ở dạng UTF-8"
        case RowProblem.BAD_ENCODING:
            return (
                f"lỗi mã hoá ký tự ở cột {_field_name(bad.field)} ({bad.detail}); "
                "hãy lưu tệp ở dạng UTF-8 và kiểm tra lại nội dung"
            )
        case RowProblem.BAD_VALUE:
            return f"giá trị ở cột {_field_name(bad.field)} không phải văn bản ({bad.detail})"
        case RowProblem.BAD_JSON:
            return f"không phải JSON hợp lệ ({bad.detail})"
        case RowProblem.NOT_AN_OBJECT:
            return "không phải một đối tượng JSON {…}"
        case RowProblem.BAD_CSV:
            return f"tệp CSV hỏng từ đây, không đọc tiếp được ({bad.detail})"
        case RowProblem.MISSING_COLUMN:
            return f"không tìm thấy cột {_field_name(bad.field)} trong dòng tiêu đề"
        case RowProblem.UNREADABLE_FILE:
            return f"không đọc được tệp ({bad.detail})"
    raise AssertionError(bad.problem)  # every problem has its text above


def describe_bad_row(bad: BadRow) -> str:
    """One line per bad row: "Dòng 12: thiếu mã thủ tục"."""
    where = f"Dòng {bad.line}" if bad.line > 0 else "Tệp"
    return f"{where}: {_problem(bad)}"


def describe_import(report: ImportReport) -> str:
    """A short summary of an import and whether anything was written."""
    bad = len(report.bad_rows)
    if not report.applied:
        if any(row.fatal for row in report.bad_rows):
            advice = "sửa tệp rồi chạy lại"
        else:
            advice = "sửa các dòng lỗi hoặc chạy lại với --skip-bad-rows"
        return f"Đã đọc {report.rows} dòng, {bad} lỗi. Không ghi gì vào cơ sở dữ liệu: {advice}."
    summary = (
        f"Đã đọc {report.rows} dòng: thêm mới {report.inserted}, cập nhật {report.updated}, "
        f"không đổi {report.unchanged}"
    )
    if bad:
        return f"{summary}, bỏ qua {bad} dòng lỗi. Đã ghi các dòng tốt vào cơ sở dữ liệu."
    if report.inserted or report.updated:
        return f"{summary}. Đã ghi vào cơ sở dữ liệu."
    return f"{summary}. Cơ sở dữ liệu đã đúng như tệp, không có gì thay đổi."


# --- admin: units, users, roles -----------------------------------------------------------

HELP_ADMIN = "quản lý đơn vị, người dùng (cán bộ) và quyền"
HELP_ADMIN_UNIT = "đơn vị: thêm, đặt thứ tự, xem cây đơn vị"
HELP_UNIT_ADD = "thêm một đơn vị"
HELP_UNIT_CODE = "mã đơn vị: chữ không dấu, số và . - _ (tối đa 64 ký tự), ví dụ UBND-XA"
HELP_UNIT_NAME = "tên đơn vị, ví dụ “Bộ phận một cửa”"
HELP_UNIT_PARENT = "mã đơn vị cấp trên (nơi phản ánh quá hạn được chuyển lên)"
HELP_UNIT_LIST = "xem các đơn vị dạng cây"
HELP_UNIT_ORDER = "thứ tự của đơn vị giữa các đơn vị cùng cấp, như báo cáo của cơ quan liệt kê (1, 2, 3…)"
HELP_UNIT_ORDER_COMMAND = "đặt thứ tự của đơn vị trong báo cáo ('none': bỏ, xếp theo mã)"
HELP_ADMIN_USER = "người dùng: thêm, đặt mật khẩu, liên kết Telegram và Zalo, cấp và thu hồi quyền, khoá"
HELP_USER_ADD = "thêm một người dùng (cán bộ)"
HELP_USERNAME = "tên đăng nhập: 2–64 ký tự, chữ thường không dấu, số và . - _"
HELP_DISPLAY_NAME = "họ tên hiển thị, ví dụ “Nguyễn Văn An”"
HELP_PASSWORD_STDIN = "đọc mật khẩu từ dòng đầu của đầu vào chuẩn (không bao giờ ghi mật khẩu trên dòng lệnh)"
HELP_NO_PASSWORD = "không đặt mật khẩu: người dùng chỉ làm việc qua Telegram"
HELP_USER_PASSWD = "đặt mật khẩu mới"
HELP_LINK_TELEGRAM = "liên kết tài khoản Telegram với người dùng"
HELP_TELEGRAM_ID = "số ID người dùng Telegram, ví dụ 123456789"
HELP_UNLINK_TELEGRAM = "bỏ liên kết Telegram"
HELP_GRANT = "cấp quyền"
HELP_REVOKE = "thu hồi quyền"
HELP_ROLE = "officer (cán bộ), unit_head (trưởng đơn vị, cả các đơn vị trực thuộc) hoặc admin (quản trị)"
HELP_ROLE_UNIT = "mã đơn vị: bắt buộc với officer và unit_head, bỏ trống với admin"
HELP_DEACTIVATE = "khoá người dùng: không đăng nhập, không xử lý được gì (giữ nguyên quyền để mở lại)"
HELP_ACTIVATE = "mở khoá người dùng"
HELP_USER_LIST = "xem danh sách người dùng và quyền"

PROMPT_PASSWORD = "Mật khẩu: "
PROMPT_PASSWORD_AGAIN = "Nhập lại mật khẩu: "

ROLE_NAMES = {"officer": "cán bộ", "unit_head": "trưởng đơn vị", "admin": "quản trị"}

UNIT_ADDED = "Đã thêm đơn vị {code} – {name}."
UNIT_ADDED_UNDER = "Đã thêm đơn vị {code} – {name}, trực thuộc {parent}."
UNIT_ORDER_SET = "Đơn vị {code} – {name} đứng thứ {position} trong các đơn vị cùng cấp."
UNIT_ORDER_CLEARED = "Đơn vị {code} – {name} không còn thứ tự riêng: xếp theo mã, sau các đơn vị có thứ tự."
UNIT_POSITION_SUFFIX = " (thứ tự {position})"
NO_UNITS = "Chưa có đơn vị nào. Thêm đơn vị: motcua admin unit add MÃ “Tên đơn vị” [--parent MÃ_CẤP_TRÊN]"
USER_ADDED = "Đã thêm người dùng {username} ({name})."
USER_ADDED_NO_PASSWORD = (
    "Đã thêm người dùng {username} ({name}), chưa có mật khẩu: chỉ làm việc được qua Telegram sau khi liên kết "
    "(motcua admin user link-telegram {username} ID_TELEGRAM)."
)
PASSWORD_SET = "Đã đặt mật khẩu mới cho {username}."
TELEGRAM_LINKED = "Đã liên kết Telegram {telegram_user_id} với {username}."
TELEGRAM_UNLINKED = "Đã bỏ liên kết Telegram của {username}."
TELEGRAM_NOT_LINKED = "{username} chưa liên kết Telegram, không có gì thay đổi."
GRANTED = "Đã cấp quyền {grant} cho {username}."
ALREADY_GRANTED = "{username} đã có quyền {grant}, không có gì thay đổi."
REVOKED = "Đã thu hồi quyền {grant} của {username}."
NOT_HELD = "{username} không có quyền {grant}, không có gì để thu hồi."
DEACTIVATED = "Đã khoá {username}: không đăng nhập, không xử lý được gì nữa."
ALREADY_INACTIVE = "{username} đã bị khoá từ trước, không có gì thay đổi."
ACTIVATED = "Đã mở khoá {username}."
ALREADY_ACTIVE = "{username} đang hoạt động, không có gì thay đổi."
NO_USERS = "Chưa có người dùng nào. Thêm người dùng: motcua admin user add TÊN_ĐĂNG_NHẬP --name “Họ tên”"
USER_LOCKED = "ĐÃ KHOÁ"
USER_NO_ROLES = "chưa có quyền"

ERR_INVALID_UNIT_CODE = "Mã đơn vị “{code}” không hợp lệ: chỉ dùng chữ không dấu, số và . - _ (tối đa 64 ký tự)."
ERR_INVALID_UNIT_NAME = "Tên đơn vị không được để trống."
ERR_UNKNOWN_UNIT = "Không có đơn vị mã {code}. Xem danh sách: motcua admin unit list"
ERR_DUPLICATE_UNIT = "Đã có đơn vị mã {code}; không thêm lại."
ERR_UNIT_CYCLE = "Các đơn vị cấp trên tạo thành vòng lặp: {codes}."
ERR_UNIT_ORDER = "Thứ tự “{value}” không hợp lệ: dùng số nguyên từ 1 đến {most}, hoặc none để bỏ."
ERR_INVALID_USERNAME = "Tên đăng nhập “{username}” không hợp lệ: 2–64 ký tự, chữ thường không dấu, số và . - _"
ERR_INVALID_DISPLAY_NAME = "Họ tên không được để trống."
ERR_UNKNOWN_OFFICER = "Không có người dùng {username}. Xem danh sách: motcua admin user list"
ERR_DUPLICATE_USERNAME = "Tên đăng nhập {username} đã có người dùng; chọn tên khác."
ERR_TELEGRAM_TAKEN = (
    "Tài khoản Telegram {telegram_user_id} đang liên kết với {username}; "
    "bỏ liên kết đó trước: motcua admin user unlink-telegram {username}"
)
ERR_INVALID_TELEGRAM_ID = "ID Telegram phải là một số nguyên dương, ví dụ 123456789."
ERR_UNKNOWN_ROLE = "không có quyền “{role}”: chọn officer, unit_head hoặc admin"
ERR_GRANT_NEEDS_UNIT = "Quyền {role} phải gắn với một đơn vị: thêm --unit MÃ_ĐƠN_VỊ."
ERR_GRANT_NO_UNIT = "Quyền admin áp dụng cho mọi đơn vị: bỏ --unit."
ERR_PASSWORD_TOO_SHORT = "Mật khẩu quá ngắn: cần ít nhất {min_length} ký tự. Không có gì thay đổi."
ERR_PASSWORD_TOO_LONG = "Mật khẩu quá dài: tối đa {max_length} ký tự. Không có gì thay đổi."
ERR_PASSWORD_IS_USERNAME = "Mật khẩu không được trùng tên đăng nhập. Không có gì thay đổi."
ERR_PASSWORDS_DIFFER = "Hai lần nhập mật khẩu không khớp. Không có gì thay đổi."
ERR_NO_PASSWORD_GIVEN = "Không có mật khẩu ở đầu vào chuẩn (dòng đầu trống). Không có gì thay đổi."
ERR_NO_TERMINAL = (
    "Không có cửa sổ dòng lệnh để gõ mật khẩu: dùng --password-stdin (mật khẩu ở dòng đầu của đầu vào chuẩn)"
    " hoặc --no-password."
)
ERR_CONCURRENT_CHANGE = "Dữ liệu vừa được thay đổi cùng lúc ở nơi khác; hãy chạy lại lệnh."
ERR_DATABASE = "Không làm việc được với cơ sở dữ liệu ({detail}). Không có gì thay đổi."

# --- motcua admin apikey (Open311) ----------------------------------------------------------

HELP_ADMIN_APIKEY = "khoá API cho ứng dụng gửi PAKN qua Open311 (ki-ốt, tổng đài, cổng của cơ quan khác)"
HELP_APIKEY_ADD = "cấp khoá mới cho một ứng dụng; khoá chỉ in ra một lần"
HELP_APIKEY_LIST = "xem các ứng dụng đã được cấp khoá"
HELP_APIKEY_REVOKE = "thu hồi khoá của một ứng dụng"
HELP_APIKEY_NAME = "tên ứng dụng: chữ thường không dấu, số, dấu chấm, gạch ngang, ví dụ kiosk-mot-cua"
APIKEY_ADDED = "Đã cấp khoá API cho {name}. Khoá dưới đây chỉ hiện một lần, hãy lưu lại ngay:"
NO_APIKEYS = "Chưa cấp khoá API nào."
APIKEY_ACTIVE = "{name} · cấp {issued} · đang dùng"
APIKEY_REVOKED_LINE = "{name} · cấp {issued} · đã thu hồi {revoked}"
APIKEY_REVOKED = "Đã thu hồi khoá API của {name}."
APIKEY_ALREADY_REVOKED = "Khoá API của {name} đã bị thu hồi từ trước."
ERR_INVALID_CLIENT_NAME = (
    "Tên ứng dụng «{name}» không hợp lệ: dùng chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới"
    " (tối đa 64 ký tự). Không có gì thay đổi."
)
ERR_DUPLICATE_CLIENT = "Đã có ứng dụng tên {name} (kể cả đã thu hồi). Không có gì thay đổi."
ERR_UNKNOWN_CLIENT = "Không có ứng dụng tên {name}."


def describe_grant(role: str, unit: str | None) -> str:
    """ "cán bộ MOT-CUA", "trưởng đơn vị UBND-XA", "quản trị"."""
    name = ROLE_NAMES.get(role, role)
    return f"{name} {unit}" if unit else name


# --- motcua report ----------------------------------------------------------------------------------------
HELP_REPORT = "báo cáo PAKN của một kỳ (XLSX, CSV, DOCX, JSON)"
HELP_REPORT_FROM = "ngày đầu kỳ: YYYY-MM-DD hoặc DD/MM/YYYY"
HELP_REPORT_TO = "ngày cuối kỳ: YYYY-MM-DD hoặc DD/MM/YYYY"
HELP_REPORT_UNIT = "mã đơn vị (mặc định: tất cả đơn vị)"
HELP_REPORT_NO_SUB_UNITS = "chỉ đơn vị đã chọn (--unit), không gồm các đơn vị trực thuộc"
HELP_REPORT_FORMAT = "định dạng: xlsx (mặc định), csv, docx hoặc json"
HELP_REPORT_OUTPUT = "tệp ghi báo cáo; '-' là đầu ra chuẩn (chỉ với csv, json)"
ERR_REPORT_DATE = "Ngày không hợp lệ: {value!r}. Dùng dạng YYYY-MM-DD hoặc DD/MM/YYYY, ví dụ 31/12/2026."
ERR_REPORT_PERIOD = "Kỳ báo cáo không hợp lệ: ngày đầu ({start}) sau ngày cuối ({end})."
ERR_REPORT_FUTURE = "Kỳ báo cáo bắt đầu ngày {start}, sau hôm nay ({today}): chưa có số liệu để báo cáo."
ERR_REPORT_NO_SUB_UNITS_WITHOUT_UNIT = (
    "--no-sub-units chỉ dùng cùng --unit MÃ: báo cáo tất cả đơn vị luôn gồm mọi đơn vị. Thêm --unit hoặc bỏ "
    "--no-sub-units."
)
WARN_REPORT_NOT_OVER = (
    "Lưu ý: kỳ báo cáo đến ngày {end} chưa kết thúc; số liệu tính đến hôm nay ({as_of}) và sẽ còn thay đổi."
)
ERR_REPORT_BINARY_STDOUT = "Định dạng {format} là tệp nhị phân, không in ra màn hình được: dùng --output TỆP."
ERR_REPORT_WRITE = "Không ghi được tệp {path} ({detail})."
REPORT_WRITTEN = "Đã ghi báo cáo vào {path}: {received} PAKN tiếp nhận từ {start} đến {end}."


# --- motcua admin zalo, motcua admin user link-zalo ----------------------------------------------------------

HELP_ADMIN_ZALO = "kết nối Zalo Official Account (OA): kết nối, xem trạng thái, ngắt kết nối"
HELP_ZALO_CONNECT = "in địa chỉ cấp quyền cho OA rồi nhận mã Zalo trả về (dán địa chỉ Zalo chuyển tới hoặc mã)"
HELP_ZALO_REDIRECT = "địa chỉ chuyển về (Official Account Callback URL đã lưu trong ứng dụng Zalo)"
HELP_ZALO_STATUS = "xem OA đã kết nối, hạn token, lần cuối nhận webhook (không bao giờ in token)"
HELP_ZALO_DISCONNECT = "ngắt kết nối: xoá token khỏi cơ sở dữ liệu"
HELP_LINK_ZALO = "liên kết tài khoản Zalo (ID người dùng theo OA) với người dùng"
HELP_ZALO_ID = "ID người dùng Zalo theo OA (dãy số), ví dụ 2468458835296117922"
HELP_UNLINK_ZALO = "bỏ liên kết Zalo"
ZALO_LINKED = "Đã liên kết Zalo {zalo_user_id} với {username}."
ZALO_UNLINKED = "Đã bỏ liên kết Zalo của {username}."
ZALO_NOT_LINKED = "{username} chưa liên kết Zalo, không có gì thay đổi."
ERR_ZALO_TAKEN = (
    "Tài khoản Zalo {zalo_user_id} đang liên kết với {username}; "
    "bỏ liên kết đó trước: motcua admin user unlink-zalo {username}"
)
ERR_INVALID_ZALO_ID = "ID Zalo phải là một dãy số (ID người dùng theo OA), ví dụ 2468458835296117922."

ZALO_OFF = (
    "Kênh Zalo OA chưa bật: đặt MOTCUA_ZALO_APP_ID, MOTCUA_ZALO_APP_SECRET và MOTCUA_ZALO_OA_SECRET_KEY "
    "(xem README, mục Zalo)"
)
ERR_ZALO_NOT_CONFIGURED = (
    "Chưa cấu hình Zalo: đặt MOTCUA_ZALO_APP_ID, MOTCUA_ZALO_APP_SECRET và MOTCUA_ZALO_OA_SECRET_KEY. "
    "Không có gì thay đổi."
)
ERR_ZALO_NO_REDIRECT = (
    "Thiếu địa chỉ chuyển về: đặt MOTCUA_ZALO_REDIRECT_URI hoặc dùng --redirect-uri, đúng như "
    "“Official Account Callback URL” trong trang ứng dụng Zalo. Không có gì thay đổi."
)
ZALO_CONNECT_STEPS = (
    "1. Mở địa chỉ dưới đây bằng trình duyệt, đăng nhập tài khoản Zalo quản trị OA và đồng ý cấp quyền:\n"
    "{url}\n"
    "2. Zalo chuyển tới {redirect_uri}?code=…; dán cả địa chỉ đó (hoặc chỉ mã code) vào đây rồi nhấn Enter"
    " (mã chỉ dùng được một lần, trong 10 phút):"
)
ERR_ZALO_NO_CODE = "Không nhận được mã từ Zalo (dòng trống). Không có gì thay đổi."
ERR_ZALO_STATE = (
    "Địa chỉ dán vào không phải của lần cấp quyền này (tham số state không khớp). Chạy lại lệnh. Không có gì thay đổi."
)
ERR_ZALO_DENIED = "Zalo từ chối cấp quyền ({detail}). Chạy lại lệnh. Không có gì thay đổi."
ERR_ZALO_EXCHANGE = "Zalo không đổi mã lấy token ({detail}). Chạy lại lệnh để lấy mã mới. Không có gì thay đổi."
ERR_ZALO_UNREACHABLE = "Không kết nối được tới Zalo ({detail}). Không có gì thay đổi."
ZALO_CONNECTED = "Đã kết nối OA {name} (ID {oa_id}). Token hết hạn lúc {expires}; hệ thống tự gia hạn trước đó."
ZALO_NOT_CONNECTED = "Chưa kết nối OA nào. Kết nối: motcua admin zalo connect"
ZALO_STATUS_OA = "OA: {name} (ID {oa_id}), kết nối lúc {connected}"
ZALO_STATUS_EXPIRES = "Token hết hạn lúc {expires}{late}"
ZALO_STATUS_EXPIRED = " (ĐÃ HẾT HẠN: cần kết nối lại)"
ZALO_STATUS_RENEWED = "Gia hạn lần cuối: {renewed}"
ZALO_STATUS_NEVER_RENEWED = "Chưa gia hạn lần nào kể từ khi kết nối"
ZALO_STATUS_FAILURES = "Gia hạn thất bại {count} lần liên tiếp: {error}"
ZALO_STATUS_WEBHOOK = "Webhook nhận lần cuối: {at}"
ZALO_STATUS_NO_WEBHOOK = "Chưa nhận webhook nào từ Zalo"
ZALO_DISCONNECTED = (
    "Đã xoá token của OA khỏi cơ sở dữ liệu; hệ thống không gửi được tin Zalo cho đến khi kết nối lại. "
    "Muốn thu hồi hẳn quyền của ứng dụng, gỡ ứng dụng trong trang quản trị OA."
)
ZALO_WAS_NOT_CONNECTED = "Chưa kết nối OA nào, không có gì thay đổi."

# --- motcua admin export-access-log ---
HELP_EXPORT_ACCESS_LOG = "xuất (CSV) nhật ký cán bộ đã xem thông tin liên hệ, tệp của người dân trong một khoảng ngày"
HELP_EXPORT_OUTPUT = "ghi vào tệp này thay vì ra màn hình"
ERR_BAD_DAY = "Ngày «{value}» không đúng dạng NĂM-THÁNG-NGÀY, ví dụ 2026-11-23."
ERR_DAYS_REVERSED = "Ngày --to phải từ ngày --from trở đi."
ACCESS_LOG_EXPORTED = "Đã ghi {count} lần xem vào {path}."
