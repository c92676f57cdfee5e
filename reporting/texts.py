"""Vietnamese labels of the report exports, in the terms of the agencies' own reports."""

from __future__ import annotations

from datetime import date

from feedback.domain.report_figures import Line, Report
from vocabulary import labels

TITLE = "KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ"
PERIOD = "Tính từ ngày {start} đến ngày {end}"
AS_OF = "Số liệu tính đến ngày {as_of}"
UNIT_WITH_SUBS = "Đơn vị: {name} (gồm các đơn vị trực thuộc)"
UNIT_ALONE = "Đơn vị: {name} (không gồm các đơn vị trực thuộc)"
ALL_UNITS = "Tất cả đơn vị"
NOTHING_RECEIVED = "Trong kỳ không phát sinh phản ánh, kiến nghị."
NOTHING_IN_TABLE = "Không phát sinh"

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
WITHDRAWN = "Người gửi rút lại"
FORWARDED = "Đã chuyển cơ quan có thẩm quyền"
ON_TIME_RATE = "Tỷ lệ % trả lời trước hạn, đúng hạn"
RATE_OF_ANSWERED = "Trên số đã trả lời"
RATE_OF_DEADLINE_COME = "Trên số đến hạn"
# Under the per-unit table, in the columns' numbers: how the figures relate, and what each rate is divided by.
TABLE_NOTE = (
    "Ghi chú: {received} = {on_time} + {late} + {within} + {overdue} + {refused} + {withdrawn}. "
    "{rate} = {on_time} : [{on_time} + {late}] × 100 (trên số PAKN đã trả lời). "
    "{rate_of_due} = {on_time} : [{on_time} + {late} + {overdue}] × 100 (trên số PAKN đến hạn: đã trả lời "
    "hoặc đang xử lý quá hạn). {forwarded}: số lượt đơn vị chuyển PAKN đến cơ quan có thẩm quyền trong kỳ, "
    "tính ở đơn vị chuyển, không thuộc {received}; PAKN được tính ở đơn vị chịu trách nhiệm vào ngày số liệu."
)
AVERAGE_DAYS = "Số ngày làm việc trả lời bình quân"
SATISFACTION = "Mức độ hài lòng bình quân (từ 1 đến 5)"
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
ANSWERED_SHORT = "Lượt trả lời"
OVERDUE_AT_END = "Quá hạn cuối tháng"
# The monthly sheet's headings say what each column counts, so that it does not seem to contradict the table.
RECEIVED_IN_MONTH = "PAKN tiếp nhận trong tháng"
ANSWERED_IN_MONTH = "Lượt trả lời trong tháng (cả PAKN tiếp nhận trước đó)"
OVERDUE_AT_MONTH_END = "PAKN quá hạn cuối tháng (cả PAKN tiếp nhận trước kỳ)"

NO_UNIT = "Chưa phân đơn vị"
NO_FIELD = "Không gắn thủ tục, lĩnh vực"
NO_PROCEDURE = "Không gắn thủ tục"

CHART_TITLE = "PAKN tiếp nhận, đã trả lời theo tháng và số quá hạn cuối tháng"
CHART_EMPTY = "Không có số liệu trong kỳ"

SECTION_HEADING = "Tình hình tiếp nhận, xử lý phản ánh, kiến nghị"
# The seeds' sentence: "tiếp nhận 401 phản ánh, kiến nghị …: Số … đã xử lý và trả lời là 314; … đang xử lý là 87;
# không phát sinh phản ánh, kiến nghị quá hạn xử lý."
PROSE_OPENING = "Từ ngày {start} đến ngày {end}, {scope} đã tiếp nhận {received} phản ánh, kiến nghị (PAKN)"
PROSE_NOTHING = "Từ ngày {start} đến ngày {end}, {scope} không phát sinh phản ánh, kiến nghị"
PROSE_SCOPE_ALL = "các đơn vị"
PROSE_SCOPE_WITH_SUBS = "{name} và các đơn vị trực thuộc"
PROSE_ANSWERED = "đã xử lý và trả lời {answered} PAKN ({on_time} trước hạn, đúng hạn; {late} quá hạn)"
PROSE_RATE = "tỷ lệ trả lời trước hạn, đúng hạn đạt {rate}% trên số PAKN đã trả lời"
PROSE_RATE_OF_DUE = "{rate}% trên số PAKN đến hạn ({due} PAKN đã trả lời hoặc đang xử lý quá hạn)"
PROSE_IN_PROCESS = "đang xử lý {in_process} PAKN"
PROSE_OVERDUE = "trong đó {overdue} PAKN quá hạn xử lý"
PROSE_NO_OVERDUE = "không phát sinh PAKN quá hạn xử lý"
PROSE_CARRIED_OVER = "Ngoài ra, còn {overdue} PAKN tiếp nhận trước kỳ đang quá hạn xử lý (tính đến ngày {as_of})."
PROSE_REFUSED = "từ chối tiếp nhận {refused} PAKN"
PROSE_WITHDRAWN = "người gửi rút lại {withdrawn} PAKN"
PROSE_FORWARDED = "chuyển {forwarded} lượt PAKN đến cơ quan có thẩm quyền"
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


def caption(report: Report) -> str:
    """What a table is about, on one line: the unit (with its sub-units or not), the period, the day."""
    period = PERIOD.format(start=day(report.start), end=day(report.end)).lower()
    return f"{scope(report)}; {period}; {AS_OF.format(as_of=day(report.as_of)).lower()}"


def unit_label(line: Line) -> str:
    return line.name or line.key or NO_UNIT


def type_label(line: Line) -> str:
    return labels.type_label(line.key) if line.key else ""


def field_label(line: Line) -> str:
    return line.name or NO_FIELD


def procedure_label(line: Line) -> str:
    if line.key is None:
        return NO_PROCEDURE
    return f"{line.key} – {line.name}" if line.name else line.key


def month_label(month: date) -> str:
    return MONTH_LABEL.format(month=month.month, year=month.year)
