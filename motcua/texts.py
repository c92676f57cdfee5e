"""What the command line says to an administrator, in Vietnamese."""

from __future__ import annotations

from procedures_catalog.importing import BadRow, ImportReport, RowProblem

# --- the command itself ------------------------------------------------------------------

CLI_DESCRIPTION = "Một Cửa bot: tra cứu thủ tục hành chính, tiếp nhận và xử lý phản ánh, kiến nghị"
HELP_SERVE = "chạy bot Telegram và trang web (nâng cấp cơ sở dữ liệu, nhập danh mục lần đầu)"
HELP_CHAT = "thử bot ngay trong cửa sổ dòng lệnh, không cần token Telegram"
HELP_MIGRATE = "nâng cấp cơ sở dữ liệu lên phiên bản mới nhất"
MIGRATED = "Cơ sở dữ liệu đã ở phiên bản mới nhất."

# --- serve -------------------------------------------------------------------------------

NO_TOKEN = (
    "Chưa có token Telegram nên bot chưa chạy (trang web vẫn chạy): đặt biến môi trường "
    "MOTCUA_TELEGRAM_TOKEN=<token từ @BotFather> hoặc ghi vào tệp .env rồi chạy lại; "
    "muốn thử bot ngay thì chạy: motcua chat"
)
BOT_UNAVAILABLE = "Không kết nối được Telegram (token sai hoặc không có mạng); bot chưa chạy, trang web vẫn chạy"

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
