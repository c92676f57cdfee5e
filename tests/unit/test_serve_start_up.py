"""`motcua serve` once started: what start-up built is out of the garbage collector's walks."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from motcua.serve import freeze_start_up


@pytest.fixture
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the test process goes on collecting as before


def walked(thing: object) -> bool:
    return any(tracked is thing for tracked in gc.get_objects())


def test_objects_built_at_start_up_are_not_walked_by_collections_and_later_ones_are(unfrozen: None) -> None:
    built_at_start_up = {"index": ["sổ đỏ"]}
    cycle: list[object] = []
    cycle.append(cycle)  # start-up garbage: collected, not kept for good
    garbage_collected = False

    def collected(phase: str, info: dict[str, int]) -> None:
        nonlocal garbage_collected
        garbage_collected = garbage_collected or (phase == "stop" and info["collected"] > 0)

    del cycle
    gc.callbacks.append(collected)
    try:
        freeze_start_up()
    finally:
        gc.callbacks.remove(collected)
    made_by_a_request = {"page": ["thủ tục"]}
    assert not walked(built_at_start_up)
    assert walked(made_by_a_request)
    assert garbage_collected
