"""The terminal's status colours (vocabulary.STATUS_LABELS, Rich styles) as web colours, so
that a chart and the report colour each status as the terminal table does."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from rich.style import Style

from rarecli.vocabulary import STATUS_LABELS

DIM = "#6b6b6b"  # what a terminal's dim text looks like on white
INK = "#1a1a1a"
WHITE_LUMINANCE = 1.0
READABLE = 4.5  # WCAG AA contrast for body text


class Swatch(NamedTuple):
    """A style's colour for marks (`fill`), and for text on white (`ink`, readable)."""

    fill: str
    ink: str
    bold: bool


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(hex_colour: str) -> float:
    return (WHITE_LUMINANCE + 0.05) / (_luminance(hex_colour) + 0.05)


def _darken(hex_colour: str, minimum: float = READABLE) -> str:
    """The colour, darkened towards black just enough to be read on white."""
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    colour = hex_colour
    for step in range(1, 11):
        if _contrast(colour) >= minimum:
            break
        colour = "#" + "".join(f"{round(c * (1 - step / 10)):02x}" for c in rgb)
    return colour


@cache
def swatch(style: str) -> Swatch:
    """A Rich style's colour as web colours: its colour in Rich's default terminal theme, grey
    for dim or no colour."""
    parsed = Style.parse(style)
    fill = parsed.color.get_truecolor().hex if parsed.color is not None else DIM
    if parsed.dim:
        fill = DIM
    return Swatch(fill, _darken(fill), bool(parsed.bold))


def status_swatch(status: str) -> Swatch:
    """The colours of a target status, as the terminal shows it."""
    return swatch(STATUS_LABELS.get(status, (status, ""))[1])
