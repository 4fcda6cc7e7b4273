"""Import rows -> observation changes, every bad row reported with its line (or sheet and row).

A year or count that a spreadsheet wrote as `2024.0` is read as 2024; a value is written as its
cell shows it (a CSV's text as typed; an xlsx number in its shortest form).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from rarecli._suggest import nearest
from rarecli.errors import EDIT_PROBLEMS, Problem
from rarecli.ledger import values
from rarecli.ledger.plan import Change
from rarecli.ledger.scan import OBSERVATIONS
from rarecli.ledger.session import Request
from rarecli.ledger.tabular import EXTRA, Row, Table
from rarecli.loader import OBSERVATION
from rarecli.queries.observations import LONG_COLUMNS

REQUIRED = ("indicator_id", "year", "value", "source_id")
# column -> observation key; the other columns of the long table (indicator, category, unit,
# scope, source_type, known, early, current) describe a row and are not read
KEYS = {
    "year": "year",
    "months": "months",
    "value": "value",
    "status": "status",
    "source_id": "source",
    "quote": "quote",
    "note": "note",
    "published": "published",
}
_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?")


_YEAR_COLUMN = re.compile(r"\d{4}", re.ASCII)


def header_problems(table: Table) -> list[Problem]:
    """Unknown, repeated or missing columns (with the nearest known name); the wide table
    (`observations --wide`: a column per year) is one problem that says how to get the long."""
    place, line = table.header.place, table.header.line
    where = f"{place}, header" if place else "header"
    years = [c for c in table.columns if _YEAR_COLUMN.fullmatch(c)]
    if years and "year" not in table.columns and "value" not in table.columns:
        return [
            Problem(
                where,
                f"this is the wide table (a column per year: {years[0]}…{years[-1]}); import "
                "reads the long one, a row per figure",
                "write the long table with `rarecli observations -o FILE`, edit that and import it",
                line,
                code="wide-table",
            )
        ]
    problems = []
    seen: set[str] = set()
    for column in table.columns:
        if column in seen:
            problems.append(Problem(where, f"column {column!r} appears twice", None, line))
        seen.add(column)
        if column not in LONG_COLUMNS:
            guess = nearest(column, LONG_COLUMNS)
            hint = f"did you mean {guess!r}?" if guess else f"known: {', '.join(LONG_COLUMNS)}"
            problems.append(Problem(where, f"unknown column {column!r}", hint, line))
    missing = [c for c in REQUIRED if c not in seen]
    if missing and table.columns:
        problems.append(
            Problem(
                where,
                f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
                "the columns of `rarecli observations`",
                line,
            )
        )
    return problems


def _whole(cell: Any, column: str) -> int:
    if isinstance(cell, bool):
        raise values.BadValue(f"{column} {cell!r} is not a whole number")
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, str) and _WHOLE.fullmatch(cell.strip()):
        return int(float(cell.strip()))
    raise values.BadValue(f"{column} {cell!r} is not a whole number", "write e.g. 2024")


def _checked(key: str, py: Any) -> None:
    """The loader's own check of one key (its range, vocabulary, characters)."""
    try:
        OBSERVATION[key][0](py)
    except Exception as bad:  # the loader's private _Bad carries message and hint
        message = getattr(bad, "message", str(bad))
        raise values.BadValue(message, getattr(bad, "hint", None)) from None


class Known(NamedTuple):
    """The ids a row may name."""

    indicators: frozenset[str]
    sources: frozenset[str]


def known_ids(doc: dict[str, Any]) -> Known:
    def ids(table: str) -> frozenset[str]:
        rows = doc.get(table, [])
        return frozenset(
            r["id"] for r in rows if isinstance(r, dict) and isinstance(r.get("id"), str)
        )

    return Known(ids("indicators"), ids("sources"))


def row_change(
    row: Row, known: Known, columns: list[str], suggest: bool = True
) -> tuple[Change | None, list[Problem]]:
    """The change a row asks for, or the problems that stop it; `suggest`: name the nearest id
    to an unknown one (difflib, a fraction of a millisecond each)."""
    problems: list[Problem] = []

    def nearest_id(word: str, ids: frozenset[str]) -> str | None:
        return nearest(word, ids) if suggest else None

    def bad(column: str, message: str, hint: str | None = None) -> None:
        where = f"{row.place}, column {column}" if row.place else f"column {column}"
        problems.append(Problem(where, message, hint, row.line))

    extra = row.cells.get(EXTRA)
    if extra is not None:
        bad(columns[-1], f"the row has {extra} cells, the header {len(columns)}")
    indicators, sources = known
    fields: dict[str, values.Value | None] = {}
    indicator = row.cells.get("indicator_id")
    if indicator is None:
        bad("indicator_id", "empty: every row needs an indicator id")
    elif str(indicator) not in indicators:
        guess = nearest_id(str(indicator), indicators)
        bad(
            "indicator_id",
            f"unknown indicator id {indicator!r}",
            f"did you mean {guess!r}?" if guess else "add it first with `rarecli add indicator`",
        )
    for column, key in KEYS.items():
        if column not in row.cells:
            continue
        cell = row.cells[column]
        if cell is None:
            if column in REQUIRED:
                bad(column, f"empty: every row needs a {column}")
            fields[key] = None
            continue
        try:
            if key in ("year", "months"):
                number = _whole(cell, column)
                _checked(key, number)
                fields[key] = values.integer(number)
            elif key == "value":
                value = values.number(cell) if isinstance(cell, str) else values.from_python(cell)
                fields[key] = value
            else:
                text = cell if isinstance(cell, str) else _plain(cell)
                if isinstance(cell, dt.date):  # a spreadsheet's date cell (datetime included)
                    text = cell.isoformat()[:10]
                # a spreadsheet's line break inside a cell is CRLF; the ledger's is a newline
                text = text.replace("\r\n", "\n")
                if key == "source" and text not in sources:
                    guess = nearest_id(text, sources)
                    raise values.BadValue(
                        f"unknown source id {text!r}",
                        f"did you mean {guess!r}?" if guess else "add it with `rarecli add source`",
                    )
                _checked(key, text)
                fields[key] = values.date(text) if key == "published" else values.text(text)
        except values.BadValue as exc:
            bad(column, exc.message, exc.hint)
    if problems or indicator is None or fields.get("year") is None:
        return None, problems
    year = fields["year"].py  # type: ignore[union-attr]
    months_value = fields.get("months")
    months = months_value.py if months_value is not None else 12
    return Change(OBSERVATIONS, (str(indicator), year, months), fields), problems


def _py(change: Change, key: str) -> Any:
    value = change.fields.get(key)
    return None if value is None else str(value.py)


def _plain(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def import_request(table: Table, doc: dict[str, Any]) -> Request:
    """The changes that the rows of an import file ask of the parsed dataset `doc`: one per
    row, each bad row and each second row for the same indicator, year and months a problem
    naming its place (and the first row's)."""
    changes, problems, places = [], header_problems(table), []
    if any(p.code == "wide-table" for p in problems):
        return Request([], problems)  # its rows are not figures: one message, not one a row
    seen: dict[Any, int | str] = {}
    known = known_ids(doc)
    for row in table.rows:
        # Beyond the problems a message lists, none needs its nearest id (200,000 bad rows
        # would spend a minute on them).
        change, found = row_change(row, known, table.columns, len(problems) < EDIT_PROBLEMS)
        problems += found
        if change is None:
            continue
        # versions of one figure differ by source or publication date; the same known date
        # twice is found when the edited dataset is validated
        version = (change.ident, _py(change, "source"), _py(change, "published"))
        first = seen.get(version)
        if first is not None:
            where = f"{row.place}, " if row.place else ""
            problems.append(
                Problem(
                    f"{where}row",
                    "a second row for the same indicator, year and months",
                    f"first at {first}",
                    row.line,
                )
            )
            continue
        seen[version] = row.place or f"line {row.line}"
        changes.append(change)
        places.append((row.place or "", row.line))
    return Request(changes, problems, lambda k: places[k])
