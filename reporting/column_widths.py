"""Column widths for a printed table that break no word: each column at least as wide as its longest word.

What is left of the page goes first to the name column, up to the width its longest name takes on one line
(a unit's name broken over lines is harder to find) but not beyond a quarter of the table, then to the columns
whose headings would otherwise stack word over word (up to a comfortable width), and what is still left to
the name column again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

NAME_SHARE = 0.25


@dataclass(frozen=True)
class ColumnNeed:
    least: float  # the longest word and the cell's padding: narrower breaks a word
    comfortable: float  # the width the column reads well at (a heading on few lines, a name on one)


def fitted_widths(
    needs: Sequence[ColumnNeed], available: float, *, name_column: int, fill: bool = True
) -> list[float] | None:
    """Widths summing to `available` (at most, unless `fill`), each at least its `least`; None when even those
    do not fit."""
    widths = [need.least for need in needs]
    spare = available - sum(widths)
    if spare < 0:
        return None
    name_wants = min(needs[name_column].comfortable, available * NAME_SHARE) - widths[name_column]
    name_gets = min(spare, max(0.0, name_wants))
    widths[name_column] += name_gets
    spare -= name_gets
    others = [index for index in range(len(needs)) if index != name_column]
    wanted = {index: max(0.0, needs[index].comfortable - widths[index]) for index in others}
    total_wanted = sum(wanted.values())
    if total_wanted:
        share = min(1.0, spare / total_wanted)
        for index in others:
            widths[index] += wanted[index] * share
        spare -= total_wanted * share
    if fill:
        widths[name_column] += spare
    return widths
