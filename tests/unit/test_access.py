"""Who may do what: every role against its own unit, a sub-unit, the unit above, another unit, no unit."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.domain.access import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    MINIMUM_ROLE,
    InvalidDisplayName,
    InvalidGrant,
    InvalidUsername,
    NotPermitted,
    Officer,
    PasswordProblem,
    PasswordRejected,
    Role,
    can_act,
    check_new_password,
    covers,
    normalise_display_name,
    normalise_username,
    require,
    visible_units,
)
from feedback.domain.lifecycle import CITIZEN_ACTIONS, OFFICER_ACTIONS, Action
from feedback.domain.units import Unit, UnitTree

# UBND huyện above two communes; An Bình has a one-stop desk under it. The Sở stands on its own.
HUYEN, AN_BINH, MOT_CUA, HOA_LAC, SO = "UBND-HUYEN", "UBND-XA-AN-BINH", "MOT-CUA-AN-BINH", "UBND-XA-HOA-LAC", "SO-TNMT"
TREE = UnitTree(
    [
        Unit(HUYEN, "UBND huyện Cẩm Giang"),
        Unit(AN_BINH, "UBND xã An Bình", HUYEN),
        Unit(MOT_CUA, "Bộ phận một cửa xã An Bình", AN_BINH),
        Unit(HOA_LAC, "UBND xã Hòa Lạc", HUYEN),
        Unit(SO, "Sở Tài nguyên và Môi trường"),
    ]
)


def officer(*roles: tuple[Role, str | None], active: bool = True) -> Officer:
    return Officer(id=7, username="an.nguyen", display_name="Nguyễn Văn An", roles=frozenset(roles), active=active)


# Where the item is, seen from a role held on An Bình (a commune under the district, with a desk under it).
OWN, SUB_UNIT, UNIT_ABOVE, SIBLING, OTHER_TREE, UNROUTED, NOT_IN_TREE = (
    AN_BINH,
    MOT_CUA,
    HUYEN,
    HOA_LAC,
    SO,
    None,
    "PHONG-CU",
)
EXPECTED_ON_AN_BINH = {
    # item unit:   officer, unit head, admin
    OWN: (True, True, True),
    SUB_UNIT: (False, True, True),
    UNIT_ABOVE: (False, False, True),
    SIBLING: (False, False, True),
    OTHER_TREE: (False, False, True),
    UNROUTED: (False, False, True),  # An Bình is not a root: the district's reception routes new items
    NOT_IN_TREE: (False, False, True),
}


@pytest.mark.parametrize("action", sorted(OFFICER_ACTIONS), ids=str)
@pytest.mark.parametrize("item_unit", list(EXPECTED_ON_AN_BINH), ids=lambda unit: unit or "unrouted")
def test_each_role_on_a_commune_reaches_exactly_its_items(action: Action, item_unit: str | None) -> None:
    as_officer, as_head, as_admin = EXPECTED_ON_AN_BINH[item_unit]
    assert can_act(officer((Role.OFFICER, AN_BINH)), action, item_unit, TREE) is as_officer
    assert can_act(officer((Role.UNIT_HEAD, AN_BINH)), action, item_unit, TREE) is as_head
    assert can_act(officer((Role.ADMIN, None)), action, item_unit, TREE) is as_admin


@pytest.mark.parametrize("action", sorted(OFFICER_ACTIONS), ids=str)
def test_roles_on_a_root_unit_cover_the_items_no_one_has_routed_yet(action: Action) -> None:
    for role in (Role.OFFICER, Role.UNIT_HEAD):
        assert can_act(officer((role, HUYEN)), action, None, TREE)
        assert can_act(officer((role, SO)), action, None, TREE)
    assert not can_act(officer((Role.OFFICER, MOT_CUA)), action, None, TREE)


def test_a_head_of_the_district_reaches_every_level_below_but_not_the_other_tree() -> None:
    head = officer((Role.UNIT_HEAD, HUYEN))
    for unit in (HUYEN, AN_BINH, MOT_CUA, HOA_LAC):
        assert can_act(head, Action.ANSWER, unit, TREE)
    assert not can_act(head, Action.ANSWER, SO, TREE)
    # An officer of the district is not an officer of the communes.
    assert not can_act(officer((Role.OFFICER, HUYEN)), Action.ANSWER, AN_BINH, TREE)


@pytest.mark.parametrize("action", sorted(CITIZEN_ACTIONS - OFFICER_ACTIONS), ids=str)
def test_no_officer_takes_the_citizen_s_actions_whatever_the_role(action: Action) -> None:
    everything = officer((Role.ADMIN, None), (Role.UNIT_HEAD, HUYEN), (Role.OFFICER, AN_BINH))
    for item_unit in (AN_BINH, HUYEN, None):
        assert not can_act(everything, action, item_unit, TREE)


def test_refusing_extending_and_forwarding_need_the_officer_role_and_no_more() -> None:
    for action in (Action.REFUSE, Action.EXTEND, Action.FORWARD):
        assert MINIMUM_ROLE[action] == Role.OFFICER
        assert can_act(officer((Role.OFFICER, AN_BINH)), action, AN_BINH, TREE)
    assert set(MINIMUM_ROLE) == OFFICER_ACTIONS


def test_a_deactivated_officer_may_do_nothing_even_as_administrator() -> None:
    locked = officer((Role.ADMIN, None), (Role.OFFICER, AN_BINH), active=False)
    assert not any(can_act(locked, action, AN_BINH, TREE) for action in Action)
    assert visible_units(locked, TREE) == frozenset()


def test_an_officer_without_roles_may_do_nothing() -> None:
    assert not any(can_act(officer(), action, unit, TREE) for action in Action for unit in (AN_BINH, None))


def test_several_roles_add_up() -> None:
    both = officer((Role.OFFICER, SO), (Role.UNIT_HEAD, AN_BINH))
    assert {unit for unit in (HUYEN, AN_BINH, MOT_CUA, HOA_LAC, SO) if can_act(both, Action.ACCEPT, unit, TREE)} == {
        SO,
        AN_BINH,
        MOT_CUA,
    }


def test_a_role_on_a_code_missing_from_the_tree_covers_that_code_only() -> None:
    assert can_act(officer((Role.OFFICER, NOT_IN_TREE)), Action.ACCEPT, NOT_IN_TREE, TREE)
    head = officer((Role.UNIT_HEAD, NOT_IN_TREE))
    assert can_act(head, Action.ACCEPT, NOT_IN_TREE, TREE)
    assert not can_act(head, Action.ACCEPT, AN_BINH, TREE)
    assert not can_act(head, Action.ACCEPT, None, TREE)


def test_require_names_the_officer_the_action_and_the_unit_when_it_refuses() -> None:
    clerk = officer((Role.OFFICER, AN_BINH))
    require(clerk, Action.ANSWER, AN_BINH, TREE)  # allowed: returns quietly
    with pytest.raises(NotPermitted) as raised:
        require(clerk, Action.ANSWER, HOA_LAC, TREE)
    assert (raised.value.officer_id, raised.value.action, raised.value.unit) == (7, Action.ANSWER, HOA_LAC)


def test_covers_can_ask_for_a_higher_role_than_the_officer_s() -> None:
    assert covers(officer((Role.UNIT_HEAD, HUYEN)), MOT_CUA, TREE, Role.UNIT_HEAD)
    assert not covers(officer((Role.OFFICER, MOT_CUA)), MOT_CUA, TREE, Role.UNIT_HEAD)
    assert not covers(officer((Role.UNIT_HEAD, HUYEN)), MOT_CUA, TREE, Role.ADMIN)


def test_visible_units_are_what_a_queue_filter_needs() -> None:
    assert visible_units(officer((Role.ADMIN, None)), TREE) is None
    assert visible_units(officer((Role.UNIT_HEAD, AN_BINH), (Role.OFFICER, SO)), TREE) == {AN_BINH, MOT_CUA, SO}
    assert visible_units(officer((Role.OFFICER, HUYEN)), TREE) == {HUYEN}


@pytest.mark.parametrize(
    ("role", "unit"), [(Role.OFFICER, None), (Role.UNIT_HEAD, None), (Role.ADMIN, AN_BINH)], ids=str
)
def test_officers_and_heads_are_granted_on_a_unit_and_administrators_on_none(role: Role, unit: str | None) -> None:
    with pytest.raises(InvalidGrant):
        officer().granted(role, unit)


def test_granting_and_revoking_give_new_officers_with_the_role_set_changed() -> None:
    clerk = officer()
    promoted = clerk.granted(Role.UNIT_HEAD, AN_BINH).granted(Role.ADMIN, None)
    assert promoted.roles == {(Role.UNIT_HEAD, AN_BINH), (Role.ADMIN, None)} and promoted.is_admin
    assert clerk.roles == frozenset()
    assert promoted.revoked(Role.ADMIN, None).roles == {(Role.UNIT_HEAD, AN_BINH)}


# --- names and passwords ----------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "stored"), [(" An.Nguyen ", "an.nguyen"), ("canbo_01", "canbo_01"), ("ab", "ab")])
def test_usernames_are_stored_in_lower_case(typed: str, stored: str) -> None:
    assert normalise_username(typed) == stored


@pytest.mark.parametrize("bad", ["", "a", "nguyễn", "an nguyen", ".an", "a" * 65, "an@ubnd"])
def test_usernames_outside_the_rule_are_refused(bad: str) -> None:
    with pytest.raises(InvalidUsername):
        normalise_username(bad)


def test_display_names_are_composed_and_trimmed() -> None:
    assert normalise_display_name(unicodedata.normalize("NFD", " Nguyễn  Văn An ")) == "Nguyễn Văn An"
    with pytest.raises(InvalidDisplayName):
        normalise_display_name("  ")


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("x" * (MIN_PASSWORD_LENGTH - 1), PasswordProblem.TOO_SHORT),
        ("x" * (MAX_PASSWORD_LENGTH + 1), PasswordProblem.TOO_LONG),
        ("An.Nguyen", PasswordProblem.SAME_AS_USERNAME),
    ],
)
def test_new_passwords_are_checked_for_length_and_against_the_username(password: str, problem: PasswordProblem) -> None:
    with pytest.raises(PasswordRejected) as raised:
        check_new_password(password, "an.nguyen")
    assert raised.value.problem == problem


def test_a_password_typed_decomposed_is_stored_composed() -> None:
    composed = "mật khẩu của tôi"
    assert check_new_password(unicodedata.normalize("NFD", composed), "an.nguyen") == composed
    assert check_new_password("x" * MIN_PASSWORD_LENGTH, "an.nguyen") == "x" * MIN_PASSWORD_LENGTH


# --- any tree, any roles ----------------------------------------------------------------------

# The raw parent links, the officer's roles, and the item's unit.
Case = tuple[dict[str, str | None], list[tuple[Role, str | None]], str | None]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    size = draw(st.integers(min_value=1, max_value=12))
    codes = [f"U{index}" for index in range(size)]
    parent = {
        code: (draw(st.sampled_from([None, *codes[:index]])) if index else None) for index, code in enumerate(codes)
    }
    grant = st.one_of(
        st.just((Role.ADMIN, None)),
        st.tuples(st.sampled_from([Role.OFFICER, Role.UNIT_HEAD]), st.sampled_from([*codes, "GONE"])),
    )
    grants = draw(st.lists(grant, max_size=4))
    item_unit = draw(st.sampled_from([None, "GONE", *codes]))
    return parent, grants, item_unit


def _expected(parent: dict[str, str | None], role: Role, unit: str | None, item_unit: str | None) -> bool:
    """The rules of the module docstring, worked out on the raw parent links."""
    if role == Role.ADMIN:
        return True
    if item_unit is None:
        return unit in parent and parent[unit] is None
    if item_unit == unit:
        return True
    above = parent.get(item_unit)
    while above is not None:
        if above == unit:
            return role == Role.UNIT_HEAD
        above = parent[above]
    return False


@given(cases(), st.sampled_from(sorted(Action)))
def test_an_officer_may_act_exactly_where_one_of_their_roles_reaches(case: Case, action: Action) -> None:
    parent, grants, item_unit = case
    tree = UnitTree([Unit(code, code, above) for code, above in parent.items()])
    expected = action in OFFICER_ACTIONS and any(_expected(parent, role, unit, item_unit) for role, unit in grants)
    assert can_act(officer(*grants), action, item_unit, tree) is expected
    assert not can_act(officer(*grants, active=False), action, item_unit, tree)


@given(cases())
def test_a_head_reaches_at_least_what_an_officer_of_the_same_unit_reaches(case: Case) -> None:
    parent, grants, item_unit = case
    tree = UnitTree([Unit(code, code, above) for code, above in parent.items()])
    for role, unit in grants:
        if role == Role.OFFICER and can_act(officer((role, unit)), Action.ACCEPT, item_unit, tree):
            assert can_act(officer((Role.UNIT_HEAD, unit)), Action.ACCEPT, item_unit, tree)


@given(cases())
def test_visible_units_agree_with_can_act_on_every_unit(case: Case) -> None:
    parent, grants, _ = case
    tree = UnitTree([Unit(code, code, above) for code, above in parent.items()])
    someone = officer(*grants)
    visible = visible_units(someone, tree)
    for unit in [*parent, "GONE"]:
        allowed = can_act(someone, Action.ACCEPT, unit, tree)
        assert allowed == (visible is None or unit in visible)
