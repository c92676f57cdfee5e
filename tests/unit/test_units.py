"""The unit tree: who sits above and under whom, the escalation order, and the trees that are refused."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.domain.units import (
    DuplicateUnit,
    InvalidUnitCode,
    InvalidUnitName,
    Unit,
    UnitCycle,
    UnitTree,
    UnknownParent,
    UnknownUnit,
    normalise_unit_code,
    normalise_unit_name,
)

# A district with two communes, one of which has its own one-stop desk, and a department on its own.
DISTRICT = [
    Unit("UBND-XA-AN-BINH", "UBND xã An Bình", "UBND-HUYEN"),
    Unit("MOT-CUA-AN-BINH", "Bộ phận một cửa xã An Bình", "UBND-XA-AN-BINH"),
    Unit("UBND-HUYEN", "UBND huyện Cẩm Giang", None),
    Unit("UBND-XA-HOA-LAC", "UBND xã Hòa Lạc", "UBND-HUYEN"),
    Unit("SO-TNMT", "Sở Tài nguyên và Môi trường", None),
]


@pytest.fixture
def tree() -> UnitTree:
    return UnitTree(DISTRICT)


def test_ancestors_go_from_the_nearest_up_to_the_root(tree: UnitTree) -> None:
    assert tree.ancestors("MOT-CUA-AN-BINH") == ("UBND-XA-AN-BINH", "UBND-HUYEN")
    assert tree.ancestors("UBND-HUYEN") == ()


def test_descendants_include_the_unit_itself_and_every_level_below(tree: UnitTree) -> None:
    assert tree.descendants("UBND-HUYEN") == {"UBND-HUYEN", "UBND-XA-AN-BINH", "MOT-CUA-AN-BINH", "UBND-XA-HOA-LAC"}
    assert tree.descendants("UBND-XA-HOA-LAC") == {"UBND-XA-HOA-LAC"}
    assert tree.descendants("SO-TNMT") == {"SO-TNMT"}


def test_an_overdue_item_escalates_from_its_own_unit_up_to_the_root(tree: UnitTree) -> None:
    assert tree.escalation_chain("MOT-CUA-AN-BINH") == ("MOT-CUA-AN-BINH", "UBND-XA-AN-BINH", "UBND-HUYEN")
    assert tree.escalation_chain("SO-TNMT") == ("SO-TNMT",)


def test_the_tree_reads_depth_first_with_children_in_code_order(tree: UnitTree) -> None:
    assert [(depth, unit.code) for depth, unit in tree.walk()] == [
        (0, "SO-TNMT"),
        (0, "UBND-HUYEN"),
        (1, "UBND-XA-AN-BINH"),
        (2, "MOT-CUA-AN-BINH"),
        (1, "UBND-XA-HOA-LAC"),
    ]
    assert [unit.code for unit in tree.roots()] == ["SO-TNMT", "UBND-HUYEN"]
    assert [unit.code for unit in tree.children("UBND-HUYEN")] == ["UBND-XA-AN-BINH", "UBND-XA-HOA-LAC"]
    assert len(tree) == 5 and "SO-TNMT" in tree and "SO-GTVT" not in tree


def test_asking_about_a_unit_that_is_not_there_names_it(tree: UnitTree) -> None:
    for question in (tree.get, tree.ancestors, tree.descendants, tree.escalation_chain, tree.children):
        with pytest.raises(UnknownUnit) as raised:
            question("SO-GTVT")
        assert raised.value.code == "SO-GTVT"


def test_a_parent_that_does_not_exist_is_refused_and_named() -> None:
    with pytest.raises(UnknownParent) as raised:
        UnitTree([Unit("MOT-CUA", "Bộ phận một cửa", "UBND-XA")])
    assert (raised.value.unit, raised.value.code) == ("MOT-CUA", "UBND-XA")


def test_two_units_with_one_code_are_refused() -> None:
    with pytest.raises(DuplicateUnit) as raised:
        UnitTree([Unit("VP", "Văn phòng"), Unit("VP", "Văn phòng HĐND-UBND")])
    assert raised.value.code == "VP"


def test_a_unit_that_is_its_own_parent_is_a_cycle() -> None:
    with pytest.raises(UnitCycle) as raised:
        UnitTree([Unit("VP", "Văn phòng", "VP")])
    assert raised.value.codes == ("VP",)


def test_a_longer_cycle_is_refused_and_listed_in_parent_order() -> None:
    units = [Unit("A", "A", "B"), Unit("B", "B", "C"), Unit("C", "C", "A"), Unit("D", "D", "A")]
    with pytest.raises(UnitCycle) as raised:
        UnitTree(units)
    codes = raised.value.codes
    assert set(codes) == {"A", "B", "C"}
    parent = {unit.code: unit.parent for unit in units}
    assert all(parent[code] == codes[(index + 1) % len(codes)] for index, code in enumerate(codes))


def test_adding_a_unit_gives_a_new_tree_and_leaves_the_old_one(tree: UnitTree) -> None:
    bigger = tree.with_unit(Unit("DIA-CHINH-AN-BINH", "Công chức địa chính", "UBND-XA-AN-BINH"))
    assert "DIA-CHINH-AN-BINH" in bigger and "DIA-CHINH-AN-BINH" not in tree
    assert bigger.ancestors("DIA-CHINH-AN-BINH") == ("UBND-XA-AN-BINH", "UBND-HUYEN")
    with pytest.raises(DuplicateUnit):
        tree.with_unit(Unit("SO-TNMT", "Sở khác"))
    with pytest.raises(UnknownParent):
        tree.with_unit(Unit("X", "X", "NOWHERE"))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("vp-ubnd", "VP-UBND"), ("  UBND-XA ", "UBND-XA"), ("000.00.31.h56", "000.00.31.H56"), ("so_tnmt", "SO_TNMT")],
)
def test_codes_are_kept_in_upper_case(typed: str, stored: str) -> None:
    assert normalise_unit_code(typed) == stored


@pytest.mark.parametrize("bad", ["", "   ", "UBND XA", "ủy-ban", "-VP", "VP/1", "A" * 65])
def test_codes_that_are_not_identifiers_are_refused(bad: str) -> None:
    with pytest.raises(InvalidUnitCode):
        normalise_unit_code(bad)


def test_names_are_trimmed_and_composed_so_the_same_name_compares_equal() -> None:
    decomposed = unicodedata.normalize("NFD", "Bộ phận  một cửa ")
    assert normalise_unit_name(decomposed) == "Bộ phận một cửa"
    with pytest.raises(InvalidUnitName):
        normalise_unit_name(" \t ")


# --- any tree ---------------------------------------------------------------------------------


@st.composite
def forests(draw: st.DrawFn) -> list[Unit]:
    """Units whose parent is always an earlier unit or none: a valid forest, then shuffled."""
    size = draw(st.integers(min_value=1, max_value=25))
    codes = [f"U{index}" for index in range(size)]
    units = [
        Unit(code, code, draw(st.sampled_from([None, *codes[:index]])) if index else None)
        for index, code in enumerate(codes)
    ]
    return draw(st.permutations(units))


def _climb(parent: dict[str, str | None], code: str) -> list[str]:
    """The parents of `code`, walked on the raw links rather than through the tree."""
    found = []
    above = parent[code]
    while above is not None:
        found.append(above)
        above = parent[above]
    return found


@given(forests())
def test_descendants_and_ancestors_are_the_same_relation_seen_from_both_ends(units: list[Unit]) -> None:
    tree = UnitTree(units)
    parent = {unit.code: unit.parent for unit in units}
    for upper in parent:
        for lower in parent:
            assert (lower in tree.descendants(upper)) == (lower == upper or upper in _climb(parent, lower))


@given(forests())
def test_every_escalation_chain_is_the_parent_walk_and_ends_at_a_root(units: list[Unit]) -> None:
    tree = UnitTree(units)
    parent = {unit.code: unit.parent for unit in units}
    for code in parent:
        chain = tree.escalation_chain(code)
        assert list(chain) == [code, *_climb(parent, code)]
        assert parent[chain[-1]] is None


@given(forests())
def test_the_walk_shows_every_unit_once_and_each_after_its_parent(units: list[Unit]) -> None:
    order = [unit.code for _, unit in UnitTree(units).walk()]
    assert sorted(order) == sorted(unit.code for unit in units)
    position = {code: index for index, code in enumerate(order)}
    assert all(unit.parent is None or position[unit.parent] < position[unit.code] for unit in units)


@given(st.lists(st.integers(min_value=-1, max_value=7), min_size=1, max_size=8))
def test_a_tree_is_refused_exactly_when_some_unit_is_its_own_ancestor(parents: list[int]) -> None:
    """Parent links drawn at random (-1: none; an index past the end: none either), cycles allowed."""
    codes = [f"U{index}" for index in range(len(parents))]
    parent = {code: codes[p] if 0 <= p < len(codes) else None for code, p in zip(codes, parents, strict=True)}

    def loops(start: str) -> bool:
        seen, code = set(), start
        while code is not None:
            if code in seen:
                return True
            seen.add(code)
            code = parent[code]
        return False

    units = [Unit(code, code, parent[code]) for code in codes]
    if any(loops(code) for code in codes):
        with pytest.raises(UnitCycle) as raised:
            UnitTree(units)
        cycle = raised.value.codes
        assert all(parent[code] == cycle[(index + 1) % len(cycle)] for index, code in enumerate(cycle))
    else:
        assert len(UnitTree(units)) == len(codes)
