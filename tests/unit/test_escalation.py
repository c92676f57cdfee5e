"""Escalation along the unit chain: which step an overdue item has reached, and who is told at each."""

from __future__ import annotations

import pytest

from feedback.domain.access import Officer, Role
from feedback.domain.escalation import EscalationPolicy, heads, level_reached, pending_steps
from feedback.domain.units import Unit, UnitTree

# A district, a commune under it, and the commune's one-stop desk under that.
TREE = UnitTree(
    [
        Unit("UBND-HUYEN", "UBND huyện Cẩm Giang"),
        Unit("UBND-XA", "UBND xã An Bình", "UBND-HUYEN"),
        Unit("MOT-CUA", "Bộ phận một cửa xã An Bình", "UBND-XA"),
        Unit("SO-TNMT", "Sở Tài nguyên và Môi trường"),
    ]
)
DESK_HEAD = Officer(1, "binh", "Trần Văn Bình", frozenset({(Role.UNIT_HEAD, "MOT-CUA")}), telegram_user_id=501)
COMMUNE_HEAD = Officer(2, "chi", "Lê Thị Chi", frozenset({(Role.UNIT_HEAD, "UBND-XA")}), telegram_user_id=502)
DISTRICT_HEAD = Officer(3, "dung", "Phạm Dũng", frozenset({(Role.UNIT_HEAD, "UBND-HUYEN")}))
DESK_OFFICER = Officer(4, "an", "Nguyễn An", frozenset({(Role.OFFICER, "MOT-CUA")}), telegram_user_id=504)
ADMIN = Officer(5, "admin", "Quản trị", frozenset({(Role.ADMIN, None)}), telegram_user_id=505)
EVERYONE = [DESK_HEAD, COMMUNE_HEAD, DISTRICT_HEAD, DESK_OFFICER, ADMIN]


@pytest.mark.parametrize(
    ("overdue_days", "level"), [(-3, 0), (0, 0), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3), (40, 3)]
)
def test_each_step_comes_after_two_more_working_days_overdue_and_stops_at_the_root(
    overdue_days: int, level: int
) -> None:
    assert level_reached(overdue_days, 3, EscalationPolicy()) == level


def test_the_step_length_is_a_setting() -> None:
    assert [level_reached(days, 3, EscalationPolicy(step_days=1)) for days in (1, 2, 3, 4)] == [1, 2, 3, 3]
    with pytest.raises(ValueError):
        EscalationPolicy(step_days=0)


def test_steps_not_taken_yet_are_all_returned_lowest_first_and_taken_ones_never_again() -> None:
    policy = EscalationPolicy()
    assert pending_steps(TREE, "MOT-CUA", 5, 0, policy) == [(1, "MOT-CUA"), (2, "UBND-XA"), (3, "UBND-HUYEN")]
    assert pending_steps(TREE, "MOT-CUA", 5, 2, policy) == [(3, "UBND-HUYEN")]
    assert pending_steps(TREE, "MOT-CUA", 5, 3, policy) == []
    assert pending_steps(TREE, "MOT-CUA", 0, 0, policy) == []


def test_unrouted_items_and_units_outside_the_tree_have_a_single_step() -> None:
    assert pending_steps(TREE, None, 9, 0, EscalationPolicy()) == [(1, None)]
    assert pending_steps(TREE, "OLD-CODE", 9, 0, EscalationPolicy()) == [(1, "OLD-CODE")]


def test_each_step_tells_the_heads_of_that_very_unit_not_those_above_or_the_officers() -> None:
    assert heads(EVERYONE, TREE, "MOT-CUA") == [DESK_HEAD]
    assert heads(EVERYONE, TREE, "UBND-XA") == [COMMUNE_HEAD]
    assert heads(EVERYONE, TREE, "UBND-HUYEN") == [DISTRICT_HEAD]


def test_a_unit_without_a_head_passes_to_the_nearest_head_above_then_to_administrators() -> None:
    assert heads([COMMUNE_HEAD, DISTRICT_HEAD, ADMIN], TREE, "MOT-CUA") == [COMMUNE_HEAD]
    assert heads([DESK_OFFICER, ADMIN], TREE, "MOT-CUA") == [ADMIN]
    assert heads(EVERYONE, TREE, "SO-TNMT") == [ADMIN]
    assert heads(EVERYONE, TREE, "OLD-CODE") == [ADMIN]


def test_unrouted_items_go_to_the_heads_of_the_root_units_and_deactivated_heads_are_skipped() -> None:
    assert heads(EVERYONE, TREE, None) == [DISTRICT_HEAD]
    retired = Officer(1, "binh", "Trần Văn Bình", DESK_HEAD.roles, telegram_user_id=501, active=False)
    assert heads([retired, COMMUNE_HEAD], TREE, "MOT-CUA") == [COMMUNE_HEAD]
