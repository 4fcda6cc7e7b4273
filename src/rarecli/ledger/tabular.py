"""Reading the rows of an import file: CSV (RFC 4180), rarecli's TSV, or an xlsx workbook, in
the long columns of `rarecli observations`. Each row keeps where it came from, for messages."""

from __future__ import annotations

import contextlib
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
    records = _csv(text, str(path)) if kind == "csv" else _tsv(text)
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
            while header and header[-1] == "":  # empty cells after the last column's name
                header.pop()
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


# A field may be as long as anything rarecli writes (a quote of 200,000 characters): the csv
# module's default limit is 131,072.
FIELD_SIZE_LIMIT = 2**31 - 1


def _csv(text: str, shown: str) -> Iterator[tuple[int, list[Any]]]:
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for record in reader:
            yield start, list(record)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DatasetFileError(
            f"{shown}:{start}",
            f"not valid CSV: {exc}",
            'check the quoting: a field that opens with " closes with one, and a " inside it '
            'is written ""',
        ) from None


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
    shown = str(path)
    try:
        with contextlib.ExitStack() as stack:
            # The files are opened here, so that they are closed whatever openpyxl meets.
            values, formulas = (
                _SheetRows(stack.enter_context(path.open("rb")), only, stack)
                for only in (True, False)
            )
            records = []
            for number, (cells, kinds) in enumerate(zip(values, formulas, strict=False), 1):
                for k, (cell, kind) in enumerate(zip(cells, kinds, strict=False)):
                    if cell.value is None and getattr(kind, "data_type", None) == "f":
                        raise DatasetFileError(
                            shown,
                            f"sheet {values.name}, row {number}, column {_column_name(k)}: a "
                            "formula without a saved value",
                            "open and save the workbook in a spreadsheet, or paste the values",
                        )
                records.append((number, [_cell(c.value) for c in cells]))
    except FileNotFoundError:
        raise DatasetFileError(shown, "no such file", "check the path") from None
    except IsADirectoryError:
        raise DatasetFileError(shown, "is a directory", "name an xlsx file") from None
    except PermissionError:
        raise DatasetFileError(shown, "permission denied", "make the file readable") from None
    except DatasetFileError:
        raise
    except Exception as exc:  # a damaged zip, XML or sheet raises many kinds, found as read
        raise DatasetFileError(
            shown,
            f"not a readable xlsx workbook ({_reason(exc)})",
            "save it again as .xlsx in a spreadsheet",
        ) from None
    return _table(
        iter(records), lambda n: (f"sheet {values.name}, row {n}", None), undo_guard=False
    )


HEADER_ROWS = 100  # rows searched for the header of a sheet


class _SheetRows:
    """The rows of a workbook's Observations sheet (else its first), as cells; `name` is the
    sheet's."""

    def __init__(self, handle: Any, data_only: bool, stack: contextlib.ExitStack) -> None:
        from openpyxl import load_workbook

        book = load_workbook(handle, read_only=True, data_only=data_only)
        stack.callback(book.close)
        names = book.sheetnames
        if not names:
            raise DatasetFileError(str(handle.name), "the workbook has no sheet")
        self.name = "Observations" if "Observations" in names else names[0]
        sheet = book[self.name]
        # The header's width and one more column (a cell beside the header is reported as an
        # extra cell): a stray cell far to the right (XFD1048576) would otherwise make every
        # row 16,384 cells wide and the read last minutes.
        top = sheet.iter_rows(max_row=HEADER_ROWS, values_only=True)  # the header may be lower
        header = next((r for r in top if any(v not in (None, "") for v in r)), ())
        width = max((k + 1 for k, v in enumerate(header) if v not in (None, "")), default=1)
        self._rows = sheet.iter_rows(max_col=width + 1)
        stack.callback(self._rows.close)  # a sheet left half read holds its part open

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)


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
