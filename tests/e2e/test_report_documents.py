"""The DOCX and XLSX as an office prints them: converted to PDF by LibreOffice, then read back with poppler.

Two reports: the hand-built April–May 2026 (tests/report_spring.py) from a real database, and a district's
whole table (the seeds' 002: twelve departments, three units under the district, eleven communes, figures
in the thousands) that runs over two landscape pages. Each PDF is checked for its page size and orientation,
its fonts (Times New Roman, or Liberation Serif, its metric twin, where LibreOffice stands it in), that no
word of the table is broken across two lines (every word the PDF holds is one of the document's own words),
and that the table's header is on every page it covers. The pages are rendered to PNG in artifacts/reports/
(git-ignored) for a person to look at.

LibreOffice is Debian's (`soffice`), pdftotext and pdftoppm poppler-utils': without them the tests skip,
saying so, except under CI, which installs them (.ci/run) and fails instead.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from feedback.domain.report_figures import Figures, Line, MonthPoint, Report
from reporting.docx_export import report_to_docx
from reporting.table import numbers_row
from reporting.xlsx_export import report_to_xlsx
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.report_spring import SPRING, build_spring

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "reports"
TOOLS = ("soffice", "pdftotext", "pdftoppm", "pdfinfo", "pdffonts")
A4_PORTRAIT, A4_LANDSCAPE = (595, 842), (842, 595)
TIMES = re.compile(r"\+(TimesNewRoman|LiberationSerif)")
FIRST_COLUMN, LAST_COLUMN = numbers_row()[0], numbers_row()[-1]  # (1) and (14): the header's last row


def tools_or_skip() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    reason = (
        f"{', '.join(missing)} not installed (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui, poppler-utils)"
    )
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must convert the documents")
    pytest.skip(reason)


def to_pdf(document: Path, workdir: Path) -> Path:
    """LibreOffice's PDF of `document`, with a profile of this run's own (another soffice may be running)."""
    profile = (workdir / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return workdir / f"{document.stem}.pdf"


def page_sizes(pdf: Path) -> list[tuple[int, int]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True, capture_output=True, text=True)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    return [(round(float(width)), round(float(height))) for width, height in sizes]


def fonts(pdf: Path) -> list[str]:
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in listing.splitlines()[2:] if line.strip()]


def page_words(pdf: Path, page: int) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split()


def render(pdf: Path, name: str) -> list[Path]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(ARTIFACTS / name)], check=True, timeout=120)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


def docx_words(content: bytes) -> set[str]:
    document = docx.Document(io.BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for cell in table._cells]
    return {word for text in texts for word in text.split()}


def _shown(value: object, number_format: str) -> str:
    """A cell as LibreOffice shows it in its default (English) locale."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if number_format == "0.00%":
        return f"{value * 100:.2f}%"
    if number_format == "0.0":
        return f"{value:.1f}"
    if number_format == "0.00":
        return f"{value:.2f}"
    return f"{value:,.0f}"


def xlsx_words(content: bytes) -> set[str]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    cells = [
        cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None
    ]
    return {word for cell in cells for word in _shown(cell.value, cell.number_format).split()}


def broken_words(pdf: Path, pages: Iterator[int] | range, vocabulary: set[str]) -> list[str]:
    """Words in the PDF that the document does not hold: pieces of a word broken across two lines."""
    return [word for page in pages for word in page_words(pdf, page) if word not in vocabulary]


# --- the reports ---------------------------------------------------------------------------------------


async def _spring_report(directory: Path) -> Report:
    engine = create_engine(f"sqlite+aiosqlite:///{directory}/spring.db")
    try:
        await upgrade(engine)
        session_factory = create_session_factory(engine)
        spring = await build_spring(lambda: SqlUnitOfWork(session_factory), Clock())
        return await spring.reports.build(*SPRING)
    finally:
        await engine.dispose()


@pytest.fixture(scope="module")
def spring_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return asyncio.run(_spring_report(tmp_path_factory.mktemp("spring")))


# The seeds' 002 (Trần Đề): its departments and units, in its own order, and its communes.
DEPARTMENTS = (
    "Văn phòng HĐND và UBND",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Lao động – Thương binh và Xã hội",
    "Thanh tra",
    "Phòng Kinh tế và Hạ tầng",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Văn hóa và Thông tin",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Dân tộc",
)
UNDER_THE_DISTRICT = (
    "Sự nghiệp Giáo dục và Đào tạo",
    "Trung tâm Văn hóa – Thể thao - Truyền thanh",
    "Trung tâm GDNN - GDTX",
)
COMMUNES = (
    "Thị trấn Trần Đề",
    "Thị trấn Lịch Hội Thượng",
    "Xã Lịch Hội Thượng",
    "Xã Liêu Tú",
    "Xã Tài Văn",
    "Xã Viên An",
    "Xã Viên Bình",
    "Xã Thạnh Thới An",
    "Xã Thạnh Thới Thuận",
    "Xã Đại Ân 2",
    "Xã Trung Bình",
)


def _figures(n: int) -> Figures:
    received = 1000 + 137 * n
    on_time, late, overdue, refused = received - 300 - n, 120 + n, 3 * (n % 4), 17
    return Figures(
        received=received,
        answered_on_time=on_time,
        answered_late=late,
        refused=refused,
        in_process_overdue=overdue,
        in_process_within=received - on_time - late - overdue - refused,
        forwarded=n % 5,
        answer_working_days=on_time * 7 + late * 14,
        rating_sum=4 * (received // 3),
        rating_count=received // 3,
    )


def district_report() -> Report:
    lines: list[Line] = []
    groups = (
        ("PHONG", "Phòng, ban chuyên môn", DEPARTMENTS),
        ("TRUC-THUOC", "Đơn vị trực thuộc", UNDER_THE_DISTRICT),
        ("XA", "UBND các xã, thị trấn", COMMUNES),
    )
    total = Figures()
    for group, name, members in groups:
        member_lines = [
            Line(f"{group}-{i}", member, _figures(i + len(lines)), 1, group) for i, member in enumerate(members)
        ]
        summed = sum((line.figures for line in member_lines), Figures())
        lines += [Line(group, name, summed), *member_lines]
        total += summed
    return Report(
        start=date(2022, 12, 15),
        end=date(2023, 12, 13),
        as_of=date(2023, 12, 13),
        unit="HUYEN",
        unit_name="UBND huyện Trần Đề",
        include_sub_units=True,
        total=total,
        by_unit=tuple(lines),
        by_type=(Line("phan_anh", None, total),),
        by_field=(),
        by_procedure=(),
        months=(MonthPoint(date(2022, 12, 1), 900, 850, 3),),
    )


# --- the tests -----------------------------------------------------------------------------------------


def test_the_docx_prints_its_text_on_a4_and_its_table_on_landscape_a4_breaking_no_word(
    spring_report: Report, tmp_path: Path
) -> None:
    tools_or_skip()
    content = report_to_docx(spring_report)
    (tmp_path / "spring.docx").write_bytes(content)
    pdf = to_pdf(tmp_path / "spring.docx", tmp_path)
    assert page_sizes(pdf) == [A4_PORTRAIT, A4_LANDSCAPE]
    assert fonts(pdf) and all(TIMES.search(font) for font in fonts(pdf)), fonts(pdf)
    assert broken_words(pdf, range(1, 3), docx_words(content)) == []
    table_page = page_words(pdf, 2)
    assert LAST_COLUMN in table_page and "Tổng" in table_page
    render(pdf, "bao-cao-docx")


def test_a_long_docx_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    tools_or_skip()
    content = report_to_docx(district_report())
    (tmp_path / "district.docx").write_bytes(content)
    pdf = to_pdf(tmp_path / "district.docx", tmp_path)
    sizes = page_sizes(pdf)
    assert sizes[0] == A4_PORTRAIT and len(sizes) >= 3 and set(sizes[1:]) == {A4_LANDSCAPE}
    assert broken_words(pdf, range(1, len(sizes) + 1), docx_words(content)) == []
    for page in range(2, len(sizes) + 1):
        words = page_words(pdf, page)
        assert FIRST_COLUMN in words and LAST_COLUMN in words, f"page {page} has no header"
    # The total row is whole on the last page: its label and its first figures together.
    last = page_words(pdf, len(sizes))
    assert "cộng" in last and f"{district_report().total.received:,}".replace(",", ".") in last
    render(pdf, "bao-cao-docx-huyen")


def test_the_xlsx_prints_each_sheet_one_landscape_a4_wide_breaking_no_word(
    spring_report: Report, tmp_path: Path
) -> None:
    tools_or_skip()
    content = report_to_xlsx(spring_report)
    (tmp_path / "spring.xlsx").write_bytes(content)
    pdf = to_pdf(tmp_path / "spring.xlsx", tmp_path)
    sizes = page_sizes(pdf)
    assert sizes == [A4_LANDSCAPE] * 5  # one page a sheet: each fits the page's width
    assert all(TIMES.search(font) for font in fonts(pdf)), fonts(pdf)
    assert broken_words(pdf, range(1, 6), xlsx_words(content)) == []
    title = page_words(pdf, 1)
    assert "TIẾP" in title and "NHẬN," in title
    render(pdf, "bao-cao-xlsx")


def test_a_long_xlsx_table_prints_its_header_rows_on_every_page(tmp_path: Path) -> None:
    tools_or_skip()
    report = district_report()
    many = dataclasses.replace(report, by_unit=report.by_unit * 3)  # long enough for two pages
    content = report_to_xlsx(many)
    (tmp_path / "district.xlsx").write_bytes(content)
    pdf = to_pdf(tmp_path / "district.xlsx", tmp_path)
    sizes = page_sizes(pdf)
    assert set(sizes) == {A4_LANDSCAPE}
    by_type = next(page for page in range(1, len(sizes) + 1) if "LOẠI" in page_words(pdf, page))
    unit_pages = range(1, by_type)  # the first sheet's, up to the next sheet's title
    assert len(unit_pages) >= 2
    assert all({FIRST_COLUMN, LAST_COLUMN} <= set(page_words(pdf, page)) for page in unit_pages)
    assert broken_words(pdf, range(1, len(sizes) + 1), xlsx_words(content)) == []
