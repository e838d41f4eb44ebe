"""Charts drawn on the server as SVG: no script, nothing from elsewhere, readable by screen readers.

Each chart is an ``<svg role="img">`` with a title and a description that says what it shows; the
template puts the same figures in a table beside it, for those who would rather read than look.
Colours are told apart by more than hue: each series is also labelled with its numbers.
"""

import unicodedata

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

ROW = 26
LABEL_WIDTH = 170
BAR_WIDTH = 360
COLOURS = {"fresh": "#1b7a4a", "stale": "#c27c0e", "missing": "#b8bcc4", "own": "#24527a", "network": "#7fa7c9",
           "lag": "#a33a3a"}  # fmt: skip


def text_width(text: str, font_size: int) -> int:
    """A generous guess of the width of ``text`` drawn at ``font_size`` (no font metrics on the server):
    0.62 em a character, 0.75 em a letter of the Indic scripts, nothing for their vowel signs drawn
    above or below a letter and 0.35 em for those drawn beside it."""
    widths = {"Mn": 0, "Mc": 0.35}
    em = sum(widths.get(unicodedata.category(char), 0.75) if "\u0900" <= char <= "\u0dff" else 0.62 for char in text)
    return round(em * font_size)


def _svg(chart_id: str, title: str, description: str, width: int, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<figure class="socle-figure"><figcaption aria-hidden="true">{title}</figcaption>'
        '<svg class="socle-chart" role="img" aria-labelledby="{id}-title {id}-desc" width="{w}" height="{h}"'
        ' viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>{body}</svg></figure>',
        id=chart_id, w=width, h=height, title=title, desc=description, body=body,
    )  # fmt: skip


def _legend(series: list[tuple[str, str]], y: int) -> SafeString:
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}" font-size="12">{}</text>',
        (
            (LABEL_WIDTH + index * 120, y, COLOURS[key], LABEL_WIDTH + index * 120 + 16, y + 11, label)
            for index, (key, label) in enumerate(series)
        ),
    )


def stacked_bars(chart_id: str, title: str, description: str, rows: list[tuple[str, dict[str, int]]],
                 series: list[tuple[str, str]]) -> SafeString:  # fmt: skip
    """One horizontal bar per row, split into the series (e.g. fresh, stale, missing), each with its count."""
    parts = []
    for index, (label, counts) in enumerate(rows):
        y = index * ROW
        total = sum(counts.get(key, 0) for key, _name in series) or 1
        x = LABEL_WIDTH
        parts.append(format_html('<text x="0" y="{}" font-size="12">{}</text>', y + 16, label))
        for key, name in series:
            value = counts.get(key, 0)
            width = round(BAR_WIDTH * value / total)
            if value:
                parts.append(format_html(
                    '<rect x="{}" y="{}" width="{}" height="18" fill="{}"><title>{}: {}</title></rect>',
                    x, y + 3, width, COLOURS[key], name, value,
                ))  # fmt: skip
                if width >= 24:
                    parts.append(format_html(
                        '<text x="{}" y="{}" font-size="11" fill="#fff">{}</text>', x + 4, y + 16, value
                    ))  # fmt: skip
            x += width
    height = len(rows) * ROW + 24
    body = format_html_join("", "{}", ((part,) for part in parts)) + _legend(series, height - 16)
    return _svg(chart_id, title, description, LABEL_WIDTH + BAR_WIDTH + 10, height, body)


def bars(chart_id: str, title: str, description: str, rows: list[tuple[str, int]], unit: str) -> SafeString:
    """One horizontal bar per row, its length the value, with the value written after it."""
    highest = max((value for _label, value in rows), default=0) or 1
    parts = []
    for index, (label, value) in enumerate(rows):
        y = index * ROW
        width = round(BAR_WIDTH * value / highest)
        parts.append(format_html(
            '<text x="0" y="{}" font-size="12">{}</text><rect x="{}" y="{}" width="{}" height="18" fill="{}"/>'
            '<text x="{}" y="{}" font-size="12">{} {}</text>',
            y + 16, label, LABEL_WIDTH, y + 3, width, COLOURS["lag"], LABEL_WIDTH + width + 6, y + 16, value, unit,
        ))  # fmt: skip
    body = format_html_join("", "{}", ((part,) for part in parts))
    return _svg(chart_id, title, description, LABEL_WIDTH + BAR_WIDTH + 80, max(len(rows), 1) * ROW, body)


def month_columns(chart_id: str, title: str, description: str, months: list[tuple[str, int, int]],
                  series: list[tuple[str, str]]) -> SafeString:  # fmt: skip
    """Two columns a month (own events, network events), each with its count above it.

    Each month has a slot as wide as its widest label needs ("May 2026", "ಮೇ 2026"), the columns at
    its centre under the label: a label wider than the columns is not cut at the chart's edge.
    """
    column, gap, height = 16, 14, 140
    highest = max((max(own, network) for _label, own, network in months), default=0) or 1
    slot = max([2 * column + gap, *(text_width(label, 10) + gap for label, _own, _network in months)])
    parts = []
    for index, (label, own, network) in enumerate(months):
        x = index * slot + (slot - 2 * column) / 2
        for offset, (key, value) in enumerate((("own", own), ("network", network))):
            bar = round((height - 30) * value / highest)
            left = x + offset * column
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>',
                left, height - bar, column - 2, bar, COLOURS[key], left + column / 2, height - bar - 3, value,
            ))  # fmt: skip
        parts.append(format_html(
            '<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>', x + column, height + 14, label
        ))  # fmt: skip
    # Each legend entry after the one before, as wide as its words (Kannada's are wider than English's).
    starts = [0]
    for _key, name in series:
        starts.append(starts[-1] + 16 + text_width(name, 12) + 24)
    width = max(len(months) * slot, starts[-1])
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}" font-size="12">{}</text>',
        ((start, height + 24, COLOURS[key], start + 16, height + 35, name)
         for start, (key, name) in zip(starts, series, strict=False)),
    )  # fmt: skip
    body = format_html_join("", "{}", ((part,) for part in parts)) + legend
    return _svg(chart_id, title, description, width, height + 44, body)


def mini_bar(counts: dict[str, int], label: str, width: int = 90) -> SafeString:
    """A small stacked bar (fresh, stale, missing) for a table cell; its label says the numbers."""
    total = sum(counts.values()) or 1
    x, parts = 0, []
    for key in ("fresh", "stale", "missing"):
        part = round(width * counts.get(key, 0) / total)
        if part:
            parts.append(format_html('<rect x="{}" y="0" width="{}" height="10" fill="{}"/>', x, part, COLOURS[key]))
        x += part
    body = format_html_join("", "{}", ((part,) for part in parts))
    return format_html(
        '<svg class="socle-mini" role="img" aria-label="{}" width="{}" height="10" viewBox="0 0 {} 10"'
        ' xmlns="http://www.w3.org/2000/svg">{}</svg>',
        label, width, width, body,
    )  # fmt: skip


def coverage_cell(code: str, counts: dict[str, int]) -> dict:
    """One language's translation coverage for a table cell: its bar, its share up to date, its words."""
    summary = _("%(language)s: %(fresh)s up to date, %(stale)s needing an update, %(missing)s not translated") % {
        "language": code, **counts
    }  # fmt: skip
    total = sum(counts.values())
    return {"code": code, **counts, "total": total, "percent": round(100 * counts["fresh"] / total) if total else 100,
            "bar": mini_bar(counts, summary), "summary": summary}  # fmt: skip
