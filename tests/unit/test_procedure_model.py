import pytest

from procedures_catalog.model import Level, parse_levels, parse_working_days
from procedures_catalog.procedure_code import short_code


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("5 ngày làm việc", 5),
        ("05 (năm) ngày làm việc kể từ ngày nhận đủ hồ sơ", 5),
        ("Trong thời hạn 15 ngày làm việc", 15),
        ("30 ngày", None),  # calendar days are not working days
        ("1 giờ", None),
        ("20", None),  # a bare number (a known defect of the source) says nothing
        (None, None),
        ("", None),
    ],
)
def test_working_days_are_read_only_when_the_text_says_working_days(text: str | None, days: int | None) -> None:
    assert parse_working_days(text) == days


def test_levels_are_read_from_the_published_text() -> None:
    assert parse_levels("Cấp Bộ, Cấp tỉnh, Cấp xã") == {Level.CENTRAL, Level.PROVINCE, Level.COMMUNE}
    assert parse_levels("Cấp huyện") == {Level.DISTRICT}
    assert parse_levels("Cơ quan khác") == {Level.OTHER}
    assert parse_levels(None) == frozenset()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1.001193", "1.001193"),
        (" 2.000815 ", "2.000815"),
        ("1.001193.000.00.00.H12", "1.001193"),
        ("1.00119", None),
        ("đăng ký 1.001193", None),
        ("11.001193", None),
    ],
)
def test_short_code_reads_national_and_local_forms(text: str, code: str | None) -> None:
    assert short_code(text) == code
