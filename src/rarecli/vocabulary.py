"""The words shared by every output: status labels and their colours, the footnote of each flag
and bound, the method sentence. No Rich, no pandas: the terminal tables, the xlsx Notes sheet,
charts and the report all say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rarecli.errors import UsageError
from rarecli.model import RATE_UNIT

if TYPE_CHECKING:
    from rarecli.model import Dataset

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS = tuple(name[:3] for name in MONTH_NAMES)


def period(year: int, months: int = 12) -> str:
    """'2024' for a full year; 'Jan–May 2025' for a January-to-May figure; 'Jan 2025'."""
    if months >= 12:
        return str(year)
    if months == 1:
        return f"Jan {year}"
    return f"Jan–{_MONTHS[months - 1]} {year}"


def check_months(months: int) -> int:
    """`months` if it is 1..12 (the last month of a January-to-month period), else UsageError."""
    if not 1 <= months <= 12:
        raise UsageError(
            f"{months} is not a number of months from 1 to 12",
            "give the last month of the January-to-month period, e.g. 5 for January to May",
            "months",
        )
    return months


def check_span(start: int | None, end: int | None) -> None:
    """A UsageError about `start` when it is later than `end`."""
    if start is not None and end is not None and start > end:
        raise UsageError(f"{start} is later than the end year {end}", "swap the two years", "start")


def months_span(months: int) -> str:
    """'January to May' for 5; 'January' for 1."""
    return "January" if months == 1 else f"January to {MONTH_NAMES[months - 1]}"


# growth --sort: the row orders.
SORT_KEYS = ("dataset", "indicator", "change", "change_pct", "cagr_pct")

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

TARGET_STATUSES = tuple(STATUS_LABELS)
DEADLINE_PASSED_LABEL = "deadline passed; outcome not in the data"

# The footnote of each flag a figure can carry, in the order footnotes list them.
FLAG_NOTES = {
    "derived": "derived: computed from the source's own figures (see the note)",
    "estimated": "estimated: the source's forecast, not an outcome",
    "lower_bound": "lower_bound: the true value is at least this figure",
    "assumed_year": "assumed_year: the source gives no year; the year is inferred",
    "early": "early: published before the period ended: a forecast, not an outcome",
    "secondary": "secondary: from a secondary source only; the original was not found",
    "deadline_passed": "deadline_passed: the deadline has passed; the outcome is not in the data",
    "newer_partial": "newer_partial: a year-to-date figure is newer than the latest full-year "
    "one (shown beside the status)",
    "old_evidence": "old_evidence: the latest full-year figure is 3 or more years older than the "
    "day the table stands on",
}

LOWER_BOUND = "lower_bound"  # the status of a figure that the true value is at least


def bound_mark(status: object) -> str:
    """'≥ ' before a figure whose status is lower_bound (the truth is at least this), else ''."""
    return "≥ " if status == LOWER_BOUND else ""


def direction_sign(direction: object) -> str:
    """The sign of a target's goal: '≤' for at_most, else '≥'."""
    return "≤" if direction == "at_most" else "≥"


def unit_suffix(unit: str) -> str:
    """How a unit follows a figure: '%' right after a rate, ' CNY bn' after a space otherwise."""
    return "%" if unit == RATE_UNIT else f" {unit}"


def goal_text(direction: object, value: float, deadline: int | None, unit: str | None) -> str:
    """A target's goal: '≥ 100 CNY bn by 2025', '≥ 90% by 2025' for a rate, '≥ 2 bases (no
    deadline)'; without a unit (None) '≥ 100 by 2025'."""
    from rarecli.render.cells import number

    shown = "" if unit is None else unit_suffix(unit)
    when = f"by {deadline}" if deadline is not None else "(no deadline)"
    return f"{direction_sign(direction)} {number(value)}{shown} {when}"


# growth's `bound` word -> the sign a table writes before a bounded change.
BOUND_SIGNS = {"at_least": "≥", "at_most": "≤", "unknown": "?"}

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


def split_ids(joined: Iterable[Any]) -> list[str]:
    """The ids of cells that each hold a ';'-joined list of ids (missing cells give none)."""
    return [i for cell in joined if isinstance(cell, str) and cell for i in cell.split(";")]


def in_dataset_order(ds: Dataset, ids: Iterable[Any]) -> tuple[str, ...]:
    """The source ids among `ids`, once each, in the order of the dataset's sources."""
    wanted = {i for i in ids if isinstance(i, str)}
    return tuple(s.id for s in ds.sources if s.id in wanted)


def source_caption(ds: Dataset, source_ids: Iterable[Any], label: str = "Sources") -> str:
    """'Sources: id (publisher, date); ...' for the given ids, in dataset order."""
    wanted = {s for s in source_ids if isinstance(s, str)}
    cited = [s for s in ds.sources if s.id in wanted]
    if not cited:
        return ""
    parts = [f"{s.id} ({s.publisher}{', ' + s.published if s.published else ''})" for s in cited]
    return f"{label}: " + "; ".join(parts)
