"""The words shared by every output: status labels and their colours, the footnote of each flag
and bound, the method sentence. No Rich, no pandas: the terminal tables, the xlsx Notes sheet,
charts and the report all say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable

# A target's status: (label, Rich style), in order of precedence.
STATUS_LABELS = {
    "no_data": ("No data", "dim"),
    "achieved": ("Achieved", "bold green"),
    "missed": ("Missed", "bold red"),
    "pending": ("Pending, no deadline", "blue"),
    "insufficient_data": ("Insufficient data", "dim"),
    "on_track": ("On track", "green"),
    "needs_acceleration": ("Needs acceleration", "yellow"),
    "limited_progress": ("Limited progress", "dark_orange"),
    "deteriorating": ("Deteriorating", "red"),
}

METHOD_NOTE = (
    "Method: UN Statistics Division SDG Progress Chart, as implemented in Open SDG (Statistics "
    "Canada): ratio of the observed to the required annual growth rate; ≥ 0.95 on track, "
    "≥ 0.6 needs acceleration, ≥ 0 limited progress, < 0 deteriorating."
)

# The footnote of each flag a figure can carry, in the order footnotes list them.
FLAG_NOTES = {
    "derived": "derived: computed from the source's own figures (see the note)",
    "estimated": "estimated: the source's forecast, not an outcome",
    "lower_bound": "lower_bound: the true value is at least this figure",
    "assumed_year": "assumed_year: the source gives no year; the year is inferred",
    "secondary": "secondary: from a secondary source only; the original was not found",
    "deadline_passed": "deadline_passed: the deadline has passed; the outcome is not in the data",
}

# growth: what ≥, ≤ and ? before a change say.
BOUND_NOTES = {
    "≥": "≥: the end value is a lower bound, so the change is at least this.",
    "≤": "≤: the start value is a lower bound, so the change is at most this.",
    "?": "?: both values are lower bounds; the direction of the change is unknown.",
}


def flag_notes(flags: Iterable[object]) -> list[str]:
    """Footnotes explaining each flag that occurs in `flags` (';'-joined strings)."""
    seen = {f for cell in flags if isinstance(cell, str) for f in cell.split(";")}
    return [FLAG_NOTES[f] for f in FLAG_NOTES if f in seen]
