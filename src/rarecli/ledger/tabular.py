"""Reading the rows of an import file: CSV (RFC 4180), rarecli's TSV, or an xlsx workbook, in
the long columns of `rarecli observations`. Each row keeps where it came from, for messages."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from rarecli.errors import DatasetFileError, UsageError
from rarecli.render.delimited import tsv_unescape, unguard

EXTRA = "\0extra"  # the cell count of a row longer than the header
SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".xlsx": "xlsx"}


class Row(NamedTuple):
    place: str  # how a message names the row: "" for CSV/TSV, "sheet NAME, row N" for xlsx
    line: int | None  # CSV/TSV: the line where the record starts
    cells: dict[str, Any]  # column -> str, int, float or None (empty)


class Table(NamedTuple):
    columns: list[str]
    header: Row  # where the header is, for messages about a column
    rows: list[Row]


def read_table(path: Path) -> Table:
    """The header and rows of an import file; UsageError for an unknown suffix, DatasetFileError
    (exit 1) for a file that cannot be read."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UsageError(
            f"{path}: cannot tell the format from the suffix {path.suffix!r}",
            f"name it {', '.join(SUFFIXES)}",
        )
    from rarecli.loader import read_bytes, refuse_special

    if kind == "xlsx":
        refuse_special(path, str(path), "name an xlsx file")
        return _xlsx(path)
    raw = read_bytes(path, str(path), "a CSV, TSV or xlsx file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DatasetFileError(
            f"{path}:{line}", "not UTF-8 text", "save it as UTF-8 (CSV UTF-8 in a spreadsheet)"
        ) from None
    records = _csv(text) if kind == "csv" else _tsv(text)
    return _table(records, lambda line: ("", line), undo_guard=True)


def _table(records: Iterator[tuple[int, list[Any]]], place: Any, undo_guard: bool) -> Table:
    header: list[str] | None = None
    header_row = Row("", None, {})
    rows: list[Row] = []
    for number, cells in records:
        if header is None:
            if all(c is None or str(c).strip() == "" for c in cells):
                continue
            header = [str(c).strip() if c is not None else "" for c in cells]
            where, line = place(number)
            header_row = Row(where, line, {})
            continue
        if all(c is None or (isinstance(c, str) and c == "") for c in cells):
            continue  # a blank line or an empty spreadsheet row
        values = {}
        for k, column in enumerate(header):
            cell = cells[k] if k < len(cells) else None
            if isinstance(cell, str):
                if undo_guard:
                    cell = unguard(cell)
                if cell == "":
                    cell = None
            values[column] = cell
        if len(cells) > len(header) and any(c not in (None, "") for c in cells[len(header) :]):
            values[EXTRA] = len(cells)
        where, line = place(number)
        rows.append(Row(where, line, values))
    return Table(header or [], header_row, rows)


def _csv(text: str) -> Iterator[tuple[int, list[Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for record in reader:
            yield start, list(record)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UsageError(f"line {start}: not valid CSV: {exc}", "check the quoting") from None


def _tsv(text: str) -> Iterator[tuple[int, list[Any]]]:
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if line == "":
            continue
        yield number, [tsv_unescape(cell) for cell in line.split("\t")]


def _xlsx(path: Path) -> Table:
    """The rows of the Observations sheet (else the first). Each cell is read twice, for its
    saved value and for whether it is a formula: a formula with a saved value gives that value;
    one without (a workbook written by a script) is refused, never read as an empty cell, which
    would remove a key on --replace."""
    from openpyxl import load_workbook

    shown = str(path)
    unreadable = "not a readable xlsx workbook"
    fix = "save it again as .xlsx in a spreadsheet"
    try:
        books = [load_workbook(path, read_only=True, data_only=only) for only in (True, False)]
    except FileNotFoundError:
        raise DatasetFileError(shown, "no such file", "check the path") from None
    except IsADirectoryError:
        raise DatasetFileError(shown, "is a directory", "name an xlsx file") from None
    except PermissionError:
        raise DatasetFileError(shown, "permission denied", "make the file readable") from None
    except Exception as exc:
        raise DatasetFileError(shown, f"{unreadable} ({_reason(exc)})", fix) from None
    rows: list[Any] = []
    try:
        names = books[0].sheetnames
        if not names:
            raise DatasetFileError(shown, "the workbook has no sheet")
        name = "Observations" if "Observations" in names else names[0]
        values, formulas = rows = [book[name].iter_rows() for book in books]
        records = []
        for number, (cells, kinds) in enumerate(zip(values, formulas, strict=False), 1):
            for k, (cell, kind) in enumerate(zip(cells, kinds, strict=False)):
                if cell.value is None and getattr(kind, "data_type", None) == "f":
                    raise DatasetFileError(
                        shown,
                        f"sheet {name}, row {number}, column {_column_name(k)}: a formula "
                        "without a saved value",
                        "open and save the workbook in a spreadsheet, or paste the values",
                    )
            records.append((number, [_cell(c.value) for c in cells]))
    except DatasetFileError:
        raise
    except Exception as exc:
        raise DatasetFileError(shown, f"{unreadable} ({_reason(exc)})", fix) from None
    finally:
        for each in rows:
            each.close()  # a sheet left half read holds its file open
        for book in books:
            book.close()
    return _table(iter(records), lambda n: (f"sheet {name}, row {n}", None), undo_guard=False)


def _column_name(k: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(k + 1)


def _reason(exc: Exception) -> str:
    """A library's error in a few words: its message, cut, else its kind."""
    text = " ".join(str(exc).split())
    return (text[:80] + "…" if len(text) > 80 else text) or type(exc).__name__


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.strip() == "":
        return None
    return value
