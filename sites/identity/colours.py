"""Colours a visitor reads: a hex colour, and contrast enough for text on it and for it as link text.

The page's background and card colours (``--paper``, ``--card`` in ``static/css/socle.css``) are
fixed; the accent colour is a space's (else the network's). WCAG 2 AA asks 4.5:1 for body text
(1.4.3), which covers links on the page and the text of buttons drawn in the accent colour; a
focus ring needs 3:1 against what surrounds it (1.4.11).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
PAPER, CARD = "#fbfaf7", "#ffffff"  # the page's background and its cards', as socle.css draws them
INK, WHITE = "#1c1b1a", "#ffffff"  # the two colours text on the accent may take
TEXT_CONTRAST, NON_TEXT_CONTRAST = 4.5, 3.0


def validate_hex(value: str) -> None:
    if not HEX.match(value or ""):
        raise ValidationError(
            _("“%(value)s” is not a colour: write it as # followed by six hexadecimal digits, for example #0b5d52."),
            code="not_a_hex_colour",
            params={"value": value},
        )


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(colour: str) -> str:
    """White or ink, whichever reads better on ``colour``."""
    return WHITE if contrast(WHITE, colour) >= contrast(INK, colour) else INK


def ratio(value: float) -> str:
    # Rounded down: a ratio shown as 4.5:1 must really be 4.5:1 at least.
    return f"{int(value * 100) / 100:.2f}"


def validate_accent(value: str) -> None:
    """A valid hex colour that text reads on at 4.5:1 at least, and that reads as link text on the page."""
    validate_hex(value)
    problems = []
    on_it = contrast(text_on(value), value)
    if on_it < TEXT_CONTRAST:
        problems.append(ValidationError(
            _(
                "Text on %(value)s has a contrast of %(found)s:1 at best; at least %(needed)s:1 is needed"
                " (WCAG AA). Choose a darker or a lighter colour."
            ),
            code="low_text_contrast",
            params={"value": value, "found": ratio(on_it), "needed": TEXT_CONTRAST},
        ))  # fmt: skip
    as_link = min(contrast(value, PAPER), contrast(value, CARD))
    if as_link < TEXT_CONTRAST:
        problems.append(ValidationError(
            _(
                "%(value)s as link text on the page's background (%(paper)s) has a contrast of %(found)s:1;"
                " at least %(needed)s:1 is needed (WCAG AA). Choose a darker colour."
            ),
            code="low_link_contrast",
            params={"value": value, "paper": PAPER, "found": ratio(as_link), "needed": TEXT_CONTRAST},
        ))  # fmt: skip
    if problems:
        raise ValidationError(problems)


def validate_focus(value: str) -> None:
    """A valid hex colour that a focus ring shows in at 3:1 at least against the page."""
    validate_hex(value)
    found = min(contrast(value, PAPER), contrast(value, CARD))
    if found < NON_TEXT_CONTRAST:
        raise ValidationError(
            _(
                "%(value)s as the focus outline on the page's background (%(paper)s) has a contrast of"
                " %(found)s:1; at least %(needed)s:1 is needed (WCAG AA). Choose a darker colour."
            ),
            code="low_focus_contrast",
            params={"value": value, "paper": PAPER, "found": ratio(found), "needed": NON_TEXT_CONTRAST},
        )
