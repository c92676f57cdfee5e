"""A small server-rendered SVG chart: received and answered per month as paired bars, and the overdue stock
at each month's end as a line. No JavaScript: the reports page embeds it as it is."""

from __future__ import annotations

from xml.sax.saxutils import escape

from feedback.domain.report_figures import Report
from reporting import texts

_WIDTH, _HEIGHT = 720, 320
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 16, 40, 56
_RECEIVED, _ANSWERED, _OVERDUE = "#4e79a7", "#59a14f", "#e15759"


def _nice_ceiling(value: int) -> int:
    """The axis top: the smallest of 1, 2, 5 × 10^k at or above `value`."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= value:
                return factor * step
        step *= 10


def _tick_step(top: int) -> int:
    """Whole-number gridlines at round values (the top is 1, 2 or 5 × 10^k): 0, 1, 2… 5, not 0, 1, 2, 4, 5."""
    for parts in (4, 2) if str(top).startswith("2") else (5, 2):
        if top % parts == 0:
            return top // parts
    return top


def monthly_chart(report: Report) -> str:
    points = report.months
    plot_width = _WIDTH - _LEFT - _RIGHT
    plot_height = _HEIGHT - _TOP - _BOTTOM
    peak = max((max(p.received, p.answered, p.overdue_at_end or 0) for p in points), default=0)
    top = _nice_ceiling(max(peak, 1))

    def y(value: int) -> float:
        return _TOP + plot_height * (1 - value / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(texts.CHART_TITLE)}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(texts.CHART_TITLE)}</title>",
        f'<text x="{_LEFT}" y="18" font-size="13" font-weight="bold">{escape(texts.CHART_TITLE)}</text>',
    ]
    for value in range(0, top + 1, _tick_step(top)):
        parts.append(
            f'<line x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#ddd"/>'
            f'<text x="{_LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{texts.number(value)}</text>'
        )
    if not points or peak == 0:
        parts.append(
            f'<text x="{_WIDTH / 2}" y="{_TOP + plot_height / 2}" text-anchor="middle">'
            f"{escape(texts.CHART_EMPTY)}</text>"
        )
    slot = plot_width / max(len(points), 1)
    bar = slot * 0.35
    overdue_path = []
    for index, point in enumerate(points):
        x = _LEFT + slot * index
        for offset, value, colour, label in (
            (slot * 0.12, point.received, _RECEIVED, texts.RECEIVED_SHORT),
            (slot * 0.12 + bar, point.answered, _ANSWERED, texts.ANSWERED_SHORT),
        ):
            parts.append(
                f'<rect x="{x + offset:.1f}" y="{y(value):.1f}" width="{bar:.1f}" '
                f'height="{_TOP + plot_height - y(value):.1f}" fill="{colour}">'
                f"<title>{escape(label)} {texts.month_label(point.month)}: {texts.number(value)}</title></rect>"
            )
        parts.append(
            f'<text x="{x + slot / 2:.1f}" y="{_HEIGHT - _BOTTOM + 16}" text-anchor="middle">'
            f"{texts.month_label(point.month)}</text>"
        )
        if point.overdue_at_end is not None:
            overdue_path.append((x + slot / 2, y(point.overdue_at_end), point))
    if overdue_path:
        coordinates = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in overdue_path)
        parts.append(f'<polyline points="{coordinates}" fill="none" stroke="{_OVERDUE}" stroke-width="2"/>')
        for px, py, point in overdue_path:
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{_OVERDUE}"><title>{escape(texts.OVERDUE_AT_END)} '
                f"{texts.month_label(point.month)}: {texts.number(point.overdue_at_end or 0)}</title></circle>"
            )
    legend_y = _HEIGHT - 14
    for index, (colour, label) in enumerate(
        ((_RECEIVED, texts.RECEIVED_SHORT), (_ANSWERED, texts.ANSWERED_SHORT), (_OVERDUE, texts.OVERDUE_AT_END))
    ):
        x = _LEFT + index * 170
        parts.append(
            f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{legend_y}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
