"""Which reports each role may read: its own unit, the sub-units under it, every unit, and nothing else."""

from __future__ import annotations

import pytest

from feedback.domain.access import Officer, Role
from feedback.domain.report_access import ReportScope, default_scope, may_read, reportable_units
from feedback.domain.units import Unit, UnitTree

# UBND huyện above a commune with a one-stop desk under it; the Sở stands on its own.
TREE = UnitTree(
    [
        Unit("HUYEN", "UBND huyện Cẩm Giang"),
        Unit("XA", "UBND xã An Bình", "HUYEN"),
        Unit("MOT-CUA", "Bộ phận một cửa", "XA"),
        Unit("SO", "Sở Tài nguyên và Môi trường"),
    ]
)
DESK_OFFICER = Officer(1, "an", "An", frozenset({(Role.OFFICER, "MOT-CUA")}))
COMMUNE_OFFICER = Officer(2, "binh", "Bình", frozenset({(Role.OFFICER, "XA")}))
COMMUNE_HEAD = Officer(3, "chi", "Chí", frozenset({(Role.UNIT_HEAD, "XA")}))
ADMIN = Officer(4, "quantri", "Quản trị", frozenset({(Role.ADMIN, None)}))
NOBODY = Officer(5, "giang", "Giang")


def scope(unit: str | None, sub: bool = True) -> ReportScope:
    return ReportScope(unit, include_sub_units=sub)


@pytest.mark.parametrize(
    ("officer", "readable"),
    [
        (DESK_OFFICER, {scope("MOT-CUA"), scope("MOT-CUA", False)}),
        (COMMUNE_OFFICER, {scope("XA", False)}),
        (COMMUNE_HEAD, {scope("XA"), scope("XA", False), scope("MOT-CUA"), scope("MOT-CUA", False)}),
        (NOBODY, set()),
    ],
)
def test_each_role_reads_its_own_reports_and_no_other(officer: Officer, readable: set[ReportScope]) -> None:
    every = {scope(code, sub) for code in (None, "HUYEN", "XA", "MOT-CUA", "SO", "KHONG-CO") for sub in (True, False)}
    assert {wanted for wanted in every if may_read(officer, TREE, wanted)} == readable


def test_an_administrator_reads_every_report_including_all_units() -> None:
    assert may_read(ADMIN, TREE, scope(None))
    assert may_read(ADMIN, TREE, scope("SO", False))
    assert [unit.code for unit in reportable_units(ADMIN, TREE)] == ["HUYEN", "XA", "MOT-CUA", "SO"]


def test_a_deactivated_head_reads_nothing() -> None:
    locked = Officer(3, "chi", "Chí", COMMUNE_HEAD.roles, active=False)
    assert not may_read(locked, TREE, scope("XA"))
    assert default_scope(locked, TREE) is None


@pytest.mark.parametrize(
    ("officer", "first"),
    [
        (ADMIN, scope(None)),
        (COMMUNE_HEAD, scope("XA")),
        (COMMUNE_OFFICER, scope("XA", False)),  # the commune's sub-units are not theirs to read
        (DESK_OFFICER, scope("MOT-CUA")),
        (NOBODY, None),
    ],
)
def test_the_page_first_shows_the_officers_own_unit(officer: Officer, first: ReportScope | None) -> None:
    assert default_scope(officer, TREE) == first
