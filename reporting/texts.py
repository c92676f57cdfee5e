"""Vietnamese labels of the report exports, in the terms of the agencies' own reports."""

from __future__ import annotations

from datetime import date

from feedback.report_figures import Line, Report

TITLE = "KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ"
PERIOD = "Tính từ ngày {start} đến ngày {end}"
AS_OF = "Số liệu đang xử lý tính đến ngày {as_of}"
UNIT_WITH_SUBS = "Đơn vị: {name} (gồm các đơn vị trực thuộc)"
UNIT_ALONE = "Đơn vị: {name}"
ALL_UNITS = "Tất cả đơn vị"

NUMBER = "STT"
UNIT = "Tên đơn vị"
RECEIVED = "Tổng số PAKN đã tiếp nhận"
ANSWERED = "Số PAKN đã xử lý, trả lời"
ON_TIME = "Trước hạn, đúng hạn"
LATE = "Quá hạn"
IN_PROCESS = "Số PAKN đang xử lý"
WITHIN = "Trong hạn"
OVERDUE = "Quá hạn"
REFUSED = "Từ chối tiếp nhận"
FORWARDED = "Đã chuyển cơ quan có thẩm quyền"
ON_TIME_RATE = "Tỷ lệ % trả lời trước hạn, đúng hạn"
AVERAGE_DAYS = "Số ngày làm việc trả lời bình quân"
SATISFACTION = "Mức độ hài lòng bình quân (1–5)"
TOTAL = "Tổng cộng"

BY_UNIT = "Theo đơn vị"
BY_TYPE = "Theo loại"
BY_FIELD = "Theo lĩnh vực"
BY_PROCEDURE = "Theo thủ tục hành chính"
MONTHS = "Theo tháng"
FIELD = "Lĩnh vực"
PROCEDURE = "Thủ tục hành chính"
TYPE = "Loại"
MONTH = "Tháng"
MONTH_LABEL = "{month:02d}/{year}"
RECEIVED_SHORT = "Tiếp nhận"
ANSWERED_SHORT = "Đã trả lời"
OVERDUE_AT_END = "Quá hạn cuối tháng"

TYPE_LABELS = {"phan_anh": "Phản ánh", "kien_nghi": "Kiến nghị"}
NO_UNIT = "Chưa phân đơn vị"
NO_FIELD = "Không gắn thủ tục, lĩnh vực"
NO_PROCEDURE = "Không gắn thủ tục"

CHART_TITLE = "PAKN tiếp nhận, đã trả lời theo tháng và số quá hạn cuối tháng"
CHART_EMPTY = "Không có số liệu trong kỳ"

SECTION_HEADING = "Tình hình tiếp nhận, xử lý phản ánh, kiến nghị"
# The seeds' sentence: "tiếp nhận 401 phản ánh, kiến nghị …: Số … đã xử lý và trả lời là 314; … đang xử lý là 87;
# không phát sinh phản ánh, kiến nghị quá hạn xử lý."
PROSE_OPENING = "Từ ngày {start} đến ngày {end}, {scope} đã tiếp nhận {received} phản ánh, kiến nghị (PAKN)"
PROSE_SCOPE_ALL = "các đơn vị"
PROSE_ANSWERED = "đã xử lý và trả lời {answered} PAKN ({on_time} trước hạn, đúng hạn; {late} quá hạn)"
PROSE_RATE = "tỷ lệ trả lời trước hạn, đúng hạn đạt {rate}%"
PROSE_IN_PROCESS = "đang xử lý {in_process} PAKN"
PROSE_OVERDUE = "trong đó {overdue} PAKN quá hạn xử lý"
PROSE_NO_OVERDUE = "không có PAKN quá hạn xử lý"
PROSE_REFUSED = "từ chối tiếp nhận {refused} PAKN"
PROSE_FORWARDED = "chuyển cơ quan có thẩm quyền {forwarded} PAKN"
PROSE_DAYS = "Thời gian trả lời bình quân {days} ngày làm việc"
PROSE_SATISFACTION = "mức độ hài lòng bình quân của người dân {score}/5"


def day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


def number(value: int) -> str:
    """Vietnamese thousands: 14.083."""
    return f"{value:,}".replace(",", ".")


def decimal(value: float | None, places: int = 2) -> str:
    """Vietnamese decimals: 97,55; an empty figure (nothing to average) as a dash."""
    if value is None:
        return "–"
    return f"{value:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def scope(report: Report) -> str:
    if report.unit is None:
        return ALL_UNITS
    name = report.unit_name or report.unit
    return (UNIT_WITH_SUBS if report.include_sub_units else UNIT_ALONE).format(name=name)


def unit_label(line: Line) -> str:
    return line.name or line.key or NO_UNIT


def type_label(line: Line) -> str:
    return TYPE_LABELS.get(line.key or "", line.key or "")


def field_label(line: Line) -> str:
    return line.name or NO_FIELD


def procedure_label(line: Line) -> str:
    if line.key is None:
        return NO_PROCEDURE
    return f"{line.key} – {line.name}" if line.name else line.key


def month_label(month: date) -> str:
    return MONTH_LABEL.format(month=month.month, year=month.year)
