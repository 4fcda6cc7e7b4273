"""xlsx workbooks: typed cells, a number format per column kind, and never a formula.

XlsxWriter's generic `write()` turns a text that starts with "=" into a formula (and others into
numbers or links); every cell here is written with `write_string`, `write_number` or
`write_url`, and the workbook options that guess are off, so a text stays text without the
CSV's `'` guard. Cells hold the same rounded numbers as the CSV (`plain_column`).
"""

from __future__ import annotations

import codecs
import functools
import io
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter
from xlsxwriter import xmlwriter
from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name

from rarecli.columns import ColumnKind
from rarecli.errors import UsageError
from rarecli.render.cells import is_missing, plain_column
from rarecli.render.listing import Listing

if TYPE_CHECKING:
    import pandas as pd
    from xlsxwriter.format import Format as CellFormat
    from xlsxwriter.worksheet import Worksheet

OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    # Rows stream to a temporary file as they are written: 100,000 rows need no more memory
    # than ten. Strings are then stored inline, which Excel and LibreOffice read the same.
    "constant_memory": True,
}
TEXT_KINDS = ("text", "list")
# Display formats; the cell holds the number itself (47.6 for 47.6 %, as in the CSV).
NUMBER_FORMATS: dict[ColumnKind, str] = {
    "int": "0",  # counts and years alike: a year must not read "2,024"
    "number": "General",  # a figure from the dataset, with exactly its own decimals
    "pct": "0.00",
    "derived": "0.00",
    "ratio": "0.000",
}
MAX_WIDTH = 60  # characters; longer text (quotes) is cut off on screen, never in the cell
MIN_WIDTH = 6
NOTES_WIDTH = 110
MAX_URLS = 65_530  # Excel's limit of hyperlinks per sheet; beyond it, URLs are plain text
MAX_URL_LENGTH = 2_079  # Excel's limit of a hyperlink's length
COMMENT_SIZE = {"x_scale": 3, "y_scale": 2}
MAX_ROWS = 1_048_576  # Excel's rows per sheet, the header included
MAX_TEXT = 32_767  # Excel's UTF-16 code units per cell
NOTES_SHEET = "Notes"
SOURCES_SHEET = "Sources"
_BAD_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def sheet_name(title: str, fallback: str = "Table") -> str:
    """A sheet name from a listing title: the part before ":", without the characters Excel
    forbids, at most 31 characters."""
    name = " ".join(title.split(":", 1)[0].translate(_BAD_SHEET_CHARS).split())[:31].strip()
    return name.strip("'") or fallback


def display_width(text: str) -> int:
    """Columns a text takes on screen: East Asian wide characters count two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _linkable(url: str) -> bool:
    """A web address Excel can link: http(s), within its length limit. Anything else (a URL
    without a scheme, which a dataset may hold) stays text."""
    return url.lower().startswith(("http://", "https://")) and len(url) <= MAX_URL_LENGTH


def _text_cells(values: pd.Series, kind: ColumnKind) -> list[str | None]:
    """A text or list column as strings (lists ';'-joined, as in the CSV); None when missing."""
    return [v if type(v) is str else None if v is None else _text_cell(v) for v in values.tolist()]


def _text_cell(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value) if value else None
    return None if is_missing(value) else str(value)


def _utf16_units(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _utf16_prefix(text: str, units: int) -> str:
    """The longest start of `text` within `units` UTF-16 code units (Excel's measure)."""
    if _utf16_units(text) <= units:
        return text
    return text.encode("utf-16-le")[: 2 * units].decode("utf-16-le", errors="ignore")


def _comment_text(note: str) -> str:
    """A cell comment within Excel's limit: a longer one (a quote of 40,000 characters) is
    cut, and says so and where the whole text is, rather than be dropped in silence."""
    if _utf16_units(note) <= MAX_TEXT:
        return note
    tail = (
        f" […cut: the comment holds {MAX_TEXT:,} of the text's {len(note):,} characters; "
        "the whole text is in the dataset and in -f csv]"
    )
    return _utf16_prefix(note, MAX_TEXT - len(tail)) + tail


def _cell_pieces(line: str) -> list[str]:
    """A line of the Notes sheet as the cells it needs, each within Excel's limit, cut at a
    space where one is near the limit; none for an empty line."""
    pieces = []
    while _utf16_units(line) > MAX_TEXT:
        head = _utf16_prefix(line, MAX_TEXT)
        space = head.rfind(" ", len(head) - 200)
        head = head[: space + 1] if space > 0 else head
        pieces.append(head)
        line = line[len(head) :]
    return [*pieces, line] if line else pieces


def _check_fits(name: str, frame_rows: int, names: list[str], columns: list[Sequence[Any]]) -> None:
    """Refuse what a sheet cannot hold, rather than let a row or a text be cut in silence.
    `names` and `columns`: the text columns (a number is never too long)."""
    if frame_rows + 1 > MAX_ROWS:
        raise UsageError(
            f"xlsx: the {name} sheet would need {frame_rows + 1:,} rows; a sheet holds "
            f"{MAX_ROWS:,}",
            "write csv instead (-f csv), or select fewer rows",
        )
    for header, cells in zip(names, columns, strict=True):
        long = [c for c in cells if isinstance(c, str) and len(c) > MAX_TEXT // 2]
        if any(len(c.encode("utf-16-le")) // 2 > MAX_TEXT for c in long):
            raise UsageError(
                f"xlsx: a text in column {header!r} is longer than the {MAX_TEXT:,} characters "
                "a cell holds",
                "write csv or json instead",
            )


def _width(header: str, cells: Sequence[Any]) -> int:
    """Characters of the widest cell (or the header), capped at MAX_WIDTH.

    Cheap on 100,000 rows: lengths are taken in C, and the East Asian width is measured only
    for non-ASCII text, cut at the cap.
    """
    present = [c for c in cells if c is not None]
    texts = present if present and isinstance(present[0], str) else [f"{c:,}" for c in present]
    widest = max(display_width(header), max(map(len, texts), default=0))
    if widest < MAX_WIDTH:
        wide = (display_width(t[: MAX_WIDTH + 1]) for t in texts if not t.isascii())
        widest = max(widest, max(wide, default=0))
    return max(MIN_WIDTH, min(MAX_WIDTH, widest + 2))


ESCAPES_KEPT = 1 << 16  # distinct short texts whose XML escape is remembered, within a sheet
REMEMBERED_LENGTH = 200  # characters: longer texts are escaped anew
ROWS_PER_FLUSH = 1024  # rows of XML a sheet holds in memory before they go to its row file


class _RowData:
    """The temporary file XlsxWriter streams a sheet's rows to (constant_memory), faster than
    the read-and-write text file it opens, which resets its decoder on every write. Writes are
    kept in a list (`write` is the list's own append, no Python call a cell) until
    `flush_rows`, which the row writers call every ROWS_PER_FLUSH rows, encodes them to a binary
    file; reading back decodes, a character split across two reads included."""

    def __init__(self, path: str) -> None:
        self._file = Path(path).open("w+b")  # noqa: SIM115 (XlsxWriter closes it)
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._pending: list[str] = []
        self.write = self._pending.append

    def flush_rows(self) -> None:
        if self._pending:
            self._file.write("".join(self._pending).encode("utf-8"))
            self._pending.clear()

    def seek(self, offset: int) -> int:
        self.flush_rows()
        self._decoder.reset()
        return self._file.seek(offset)

    def read(self, size: int = -1) -> str:
        data = self._file.read(size)
        return self._decoder.decode(data, final=not data)

    def close(self) -> None:
        self.flush_rows()
        self._file.close()


def _binary_row_data(sheet: Worksheet) -> None:
    """Give the sheet a _RowData for its row file, where XlsxWriter keeps one as this version
    does (a file it writes rows to, reads back once and closes); else leave it as it is."""
    old = getattr(sheet, "row_data_fh", None)
    close, path = getattr(old, "close", None), getattr(sheet, "row_data_filename", None)
    if close is None or not isinstance(path, str) or getattr(sheet, "fh", None) is not old:
        return
    close()  # the file is empty: no cell is written before the sheet is returned
    sheet.row_data_fh = sheet.fh = _RowData(path)


def _style(sheet: Worksheet, col: int, cell_format: CellFormat | None) -> str:
    """A cell's style attribute as XlsxWriter writes it: the cell's format, else its column's."""
    info = sheet.col_info.get(col)
    chosen = cell_format or (info.column_format if info is not None else None)
    return f' s="{chosen._get_xf_index()}"' if chosen else ""


def _inline_text(text: str) -> str:
    """`_escaped_text`, remembered for a short text (ids, names, units, statuses and dates
    repeat on every row); a long one (a quote) is escaped each time, so that the memory held
    stays small whatever the texts."""
    return _remembered(text) if len(text) <= REMEMBERED_LENGTH else _escaped_text(text)


def _escaped_text(text: str) -> str:
    """The <t> element of an inline string, escaped as XlsxWriter escapes it (control
    characters as _xHHHH_, then &, < and >), keeping leading and trailing spaces. Unlike
    XlsxWriter, a text that looks like rich-text XML ("<r>...</r>") is escaped too: a dataset's
    text is never markup."""
    escaped = xmlwriter.XMLwriter._escape_control_characters(text)
    space = ' xml:space="preserve"' if _preserve_whitespace(escaped) else ""
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<t{space}>{escaped}</t>"


_remembered = functools.lru_cache(maxsize=ESCAPES_KEPT)(_escaped_text)


def _write_rows(
    sheet: Worksheet,
    columns: list[Sequence[Any]],
    kinds: list[ColumnKind],
    formats: list[CellFormat | None],
    comments: dict[int, list[tuple[int, str]]],
) -> bool:
    """Write the rows below the header as sheet XML, straight to the sheet's row file, in the
    form XlsxWriter's constant_memory mode writes them (`<row r=..>`, inline strings, numbers
    as %.16G, booleans as 0/1), without its per-cell objects, dictionaries and checks: less
    than half the time of a 100,000-row sheet (SPEC: Speed). False, writing nothing, where the
    sheet is not as this expects (no _RowData, row options set); then the caller writes cell
    by cell."""
    rows = sheet.fh
    if not isinstance(rows, _RowData) or sheet.row_info or sheet.excel_version == 2010:
        return False
    sheet._write_single_row(1)  # the header row goes out first
    styles = [_style(sheet, col, f) for col, f in enumerate(formats)]
    letters = [f'<c r="{xl_col_to_name(col)}' for col in range(len(kinds))]
    shapes = ["text" if k in TEXT_KINDS else "bool" if k == "bool" else "number" for k in kinds]
    cells_of = list(zip(letters, styles, shapes, strict=True))
    last = 0
    for row, values in enumerate(zip(*columns, strict=True), start=1):
        if row % ROWS_PER_FLUSH == 0:
            rows.flush_rows()
        r = str(row + 1)
        xml = [f'<row r="{r}">']
        for (letter, style, shape), value in zip(cells_of, values, strict=True):
            if value is None:
                continue
            if shape == "text":
                xml.append(f'{letter}{r}"{style} t="inlineStr"><is>{_inline_text(value)}</is></c>')
            elif shape == "number":
                xml.append(f'{letter}{r}"{style}><v>{value:.16G}</v></c>')
            else:
                xml.append(f'{letter}{r}"{style} t="b"><v>{1 if value else 0}</v></c>')
        if len(xml) > 1:
            xml.append("</row>")
            rows.write("".join(xml))
            last = row
        for col, note in comments.get(row, ()):
            sheet.write_comment(row, col, note, COMMENT_SIZE)
    if last:
        sheet._check_dimensions(last, 0)
    sheet.previous_row = len(columns[0]) + 1 if columns else 1  # nothing left to flush at close
    _remembered.cache_clear()
    return True


class Book:
    """One workbook being written to memory; `close()` gives its bytes."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._book = xlsxwriter.Workbook(self._buffer, OPTIONS)
        self._names: set[str] = set()
        self._header = self._book.add_format({"bold": True})
        self._heading = self._book.add_format({"bold": True, "font_size": 12})
        self._wrap = self._book.add_format({"text_wrap": True, "valign": "top"})
        self._link = self._book.add_format({"font_color": "blue", "underline": 1})
        self._numbers: dict[str, CellFormat] = {
            kind: self._book.add_format({"num_format": fmt}) for kind, fmt in NUMBER_FORMATS.items()
        }

    def _sheet(self, name: str) -> Worksheet:
        unique, n = name, 2
        while unique.casefold() in self._names:
            suffix = f" ({n})"
            unique, n = name[: 31 - len(suffix)] + suffix, n + 1
        self._names.add(unique.casefold())
        sheet = self._book.add_worksheet(unique)
        _binary_row_data(sheet)
        return sheet

    def table(self, name: str, listing: Listing, urls: bool = True) -> str:
        """A sheet of the listing's frame, columns by kind; returns the sheet's name.

        A column named `url` holds hyperlinks when `urls`. `listing.comments` become cell
        comments.
        """
        frame = listing.frame
        names = [str(c) for c in frame.columns]
        kinds: list[ColumnKind] = [listing.kinds.get(c, "text") for c in frame.columns]
        columns: list[Sequence[Any]] = [
            _text_cells(frame[c], k) if k in TEXT_KINDS else plain_column(frame[c], k)
            for c, k in zip(frame.columns, kinds, strict=True)
        ]
        texts = [(n, c) for n, k, c in zip(names, kinds, columns, strict=True) if k in TEXT_KINDS]
        _check_fits(name, len(frame), [n for n, _ in texts], [c for _, c in texts])
        sheet = self._sheet(name)
        for col, (header, kind, cells) in enumerate(zip(names, kinds, columns, strict=True)):
            sheet.set_column(col, col, _width(header, cells), self._numbers.get(kind))
        for col, header in enumerate(names):
            sheet.write_string(0, col, header, self._header)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(frame), max(len(names) - 1, 0))

        # In constant_memory mode a row is flushed once the next one starts: a comment is
        # written with its row, never after.
        positions = {c: i for i, c in enumerate(names)}
        comments: dict[int, list[tuple[int, str]]] = {}
        for (at, column), note in listing.comments.items():
            if column in positions:
                comments.setdefault(at + 1, []).append((positions[column], _comment_text(note)))
        formats = [self._numbers.get(k) for k in kinds]
        links = urls and "url" in names
        if links or not _write_rows(sheet, columns, kinds, formats, comments):
            self._write_cells(sheet, names, kinds, formats, columns, comments, links)
        return str(sheet.name)

    def _write_cells(
        self,
        sheet: Worksheet,
        names: list[str],
        kinds: list[ColumnKind],
        formats: list[CellFormat | None],
        columns: list[Sequence[Any]],
        comments: dict[int, list[tuple[int, str]]],
        links: bool,
    ) -> None:
        """The rows cell by cell through XlsxWriter's writers: for a sheet of links (the
        Sources sheet), or where its internals are not as `_write_rows` expects."""
        # The undecorated writers: the public ones only add a check for "A1" cell names.
        write_string = getattr(sheet, "_write_string", sheet.write_string)
        write_number = getattr(sheet, "_write_number", sheet.write_number)
        write_boolean = getattr(sheet, "_write_boolean", sheet.write_boolean)
        written = 0

        def write_link(row: int, col: int, url: str, cell_format: CellFormat | None) -> None:
            nonlocal written
            if written < MAX_URLS and _linkable(url):
                sheet.write_url(row, col, url, self._link, string=url)
                written += 1
            else:
                write_string(row, col, url)

        writers = [
            (write_link if links and name == "url" else write_string)
            if kind in TEXT_KINDS
            else write_boolean
            if kind == "bool"
            else write_number
            for name, kind in zip(names, kinds, strict=True)
        ]
        places = range(len(names))
        flush_rows = getattr(sheet.fh, "flush_rows", None)
        for row, cells in enumerate(zip(*columns, strict=True), start=1):
            if flush_rows is not None and row % ROWS_PER_FLUSH == 0:
                flush_rows()
            for col, write, cell_format, value in zip(places, writers, formats, cells, strict=True):
                if value is not None:
                    write(row, col, value, cell_format)
            if comments and row in comments:
                for col, note in comments[row]:
                    sheet.write_comment(row, col, note, COMMENT_SIZE)

    def notes(self, sections: Iterable[tuple[str, Listing]]) -> None:
        """The Notes sheet: for each (heading, listing), its title, caption and footnotes."""
        sheet = self._sheet(NOTES_SHEET)
        sheet.set_column(0, 0, NOTES_WIDTH, self._wrap)
        row = 0
        for heading, listing in sections:
            if heading:
                sheet.write_string(row, 0, heading, self._heading)
                row += 1
            for line, style in (
                (listing.title, self._header),
                (listing.caption, None),
                *((n, None) for n in listing.notes),
            ):
                for piece in _cell_pieces(line):  # a caption citing hundreds of sources
                    sheet.write_string(row, 0, piece, style)
                    row += 1
            row += 1

    def close(self) -> bytes:
        self._book.close()
        return self._buffer.getvalue()


def workbook(listing: Listing, sources: Listing | None = None) -> bytes:
    """The listing as a workbook: its table, a Notes sheet and, unless None, a Sources sheet of
    `sources` (the rows of `rarecli sources` that the listing cites)."""
    book = Book()
    book.table(sheet_name(listing.title), listing)
    book.notes([("", listing)])
    if sources is not None:
        book.table(SOURCES_SHEET, sources)
    return book.close()
