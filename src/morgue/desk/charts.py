"""Bar charts as server-rendered SVG: no script, no CDN; every bar a link to the list behind it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value and the page that lists what it counts."""

    label: str
    value: int
    href: str = ""


def bar_chart(title: str, bars: list[Bar], *, width: int = 640, row: int = 22, label_width: int = 190) -> SafeString:
    """Return a horizontal bar chart as an accessible inline SVG (a title, and one labelled link per bar)."""
    height = max(1, len(bars)) * row + 8
    top = max((b.value for b in bars), default=0) or 1
    room = width - label_width - 70
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
    ]
    if not bars:
        parts.append(f'<text x="4" y="{row - 6}" fill="#555">Nothing to show yet.</text>')
    for i, bar in enumerate(bars):
        y = 4 + i * row
        length = max(1, round(room * bar.value / top)) if bar.value else 0
        label = bar.label if len(bar.label) <= 28 else bar.label[:27] + "…"
        inner = (
            f"<title>{escape(bar.label)}: {bar.value:,}</title>"
            f'<text x="{label_width - 6}" y="{y + row - 8}" text-anchor="end" fill="#1a1a1a">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 2}" width="{length}" height="{row - 6}" fill="#0b4f8a"/>'
            f'<text x="{label_width + length + 5}" y="{y + row - 8}" fill="#333">{bar.value:,}</text>'
        )
        if bar.href:
            parts.append(f'<a href="{escape(bar.href)}" aria-label="{escape(bar.label)}: {bar.value:,}">{inner}</a>')
        else:
            parts.append(f"<g>{inner}</g>")
    parts.append("</svg>")
    # Labels and links are escaped above; the rest is markup we wrote.
    return mark_safe("".join(parts))
