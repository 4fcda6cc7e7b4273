"""xlsx workbooks read back with openpyxl: the same values and types as JSON and CSV, text that
stays text, number formats, the Notes and Sources sheets, comments, and where xlsx may go."""

from __future__ import annotations

import csv
import io
import json
import stat
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from helpers import run, run_bytes, write
from rarecli.errors import OutputError, UsageError
from rarecli.listings.observations import observations_listing
from rarecli.loader import load_dataset
from rarecli.queries.observations import observation_detail
from rarecli.render.formats import Format
from rarecli.render.write import write_atomic
from rarecli.render.xlsx import MAX_WIDTH, sheet_name

LISTINGS = [
    ["growth"],
    ["targets"],
    ["indicators"],
    ["show", "industry_output_value"],
    ["enterprises"],
    ["sources"],
    ["observations"],
    ["observations", "--wide"],
]
HOSTILE = {
    "name": '=HYPERLINK("http://x","y")',
    "quote": "+SUM(1,2)",
    "note": "\t@cmd",
    "unit": "-1+2",
    "publisher": "@cmd",
}
HOSTILE_DATA = f"""
[[indicators]]
id = "h"
name = {json.dumps(HOSTILE["name"])}
unit = {json.dumps(HOSTILE["unit"])}
category = "things"
  [[indicators.observations]]
  year = 2023
  value = 1.5
  source = "evil"
  quote = {json.dumps(HOSTILE["quote"])}
  note = {json.dumps(HOSTILE["note"])}
  status = "estimated"

[[sources]]
id = "evil"
title = "=1+1"
publisher = {json.dumps(HOSTILE["publisher"])}
url = "https://example.org/a?b=1&c=2"
"""


def workbook(path_or_bytes: Path | bytes) -> openpyxl.Workbook:
    if isinstance(path_or_bytes, bytes):
        return openpyxl.load_workbook(io.BytesIO(path_or_bytes))
    return openpyxl.load_workbook(path_or_bytes)


def cells(sheet: Worksheet) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows()]


def same_number(cell: Any, csv_text: str) -> bool:
    return float(csv_text) == cell.value and not isinstance(cell.value, bool)


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_first_sheet_equals_json_and_csv(tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "out.xlsx"
    code, out, err = run_bytes(*args, "-o", str(target))
    assert (code, out, err) == (0, b"", "")
    _, json_out, _ = run_bytes(*args, "-f", "json")
    _, csv_out, _ = run_bytes(*args, "-f", "csv")
    records = json.loads(json_out)
    csv_rows = list(csv.reader(io.StringIO(csv_out.decode())))
    sheet = workbook(target).worksheets[0]
    rows = cells(sheet)
    assert [c.value for c in rows[0]] == csv_rows[0]
    assert len(rows) == len(records) + 1 == len(csv_rows)
    for record, row, csv_row in zip(records, rows[1:], csv_rows[1:], strict=True):
        for (key, value), cell, text in zip(record.items(), row, csv_row, strict=True):
            if value is None or value == []:
                assert cell.value is None, key
                assert text == ""
            elif isinstance(value, list):  # a JSON array is one ';'-joined text, as in the CSV
                assert cell.data_type == "s", key
                assert cell.value == text == ";".join(value)
            elif isinstance(value, str):
                assert cell.data_type == "s", key
                assert cell.value == value
                assert text in (value, "'" + value)  # the CSV guard, which xlsx needs not
            elif isinstance(value, bool):  # a boolean cell; true/false in the CSV
                assert cell.data_type == "b", key
                assert cell.value is value
                assert text == ("true" if value else "false")
            else:
                assert cell.data_type == "n", key
                assert type(cell.value) is type(value), key  # 209 is an int, 67.75 a float
                assert cell.value == value
                assert same_number(cell, text)


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    data = write(tmp_path, HOSTILE_DATA)
    target = tmp_path / "o.xlsx"
    code, _, err = run_bytes("observations", "--data", str(data), "-o", str(target))
    assert (code, err) == (0, "")
    book = workbook(target)
    row = {
        h.value: c
        for h, c in zip(cells(book.worksheets[0])[0], cells(book.worksheets[0])[1], strict=True)
    }
    for column, key in (
        ("indicator", "name"),
        ("quote", "quote"),
        ("note", "note"),
        ("unit", "unit"),
    ):
        assert row[column].value == HOSTILE[key]
        assert row[column].data_type == "s"
    sources = {h.value: c for h, c in zip(*cells(book["Sources"])[:2], strict=True)}
    assert sources["title"].value == "=1+1"
    assert sources["title"].data_type == "s"
    assert sources["publisher"].value == "@cmd"
    # No formula anywhere in the file: no <f> element in any sheet.
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name)
    # The CSV of the same rows carries the guard instead.
    _, csv_out, _ = run_bytes("observations", "--data", str(data), "-f", "csv")
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in csv_out.decode()


def test_number_formats_header_filter_and_widths(tmp_path: Path) -> None:
    target = tmp_path / "g.xlsx"
    assert run_bytes("growth", "-o", str(target))[0] == 0
    sheet = workbook(target).worksheets[0]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    by_name = {name: i for i, name in enumerate(header)}
    second = cells(sheet)[1]
    assert second[by_name["from_year"]].number_format == "0"
    assert second[by_name["from_year"]].value == 2022
    assert second[by_name["change_pct"]].number_format == "0.00"
    assert second[by_name["change_pct"]].value == 16.76  # 100 * 30 / 179, rounded as in the CSV
    assert second[by_name["cagr_pct"]].value == 8.06  # 100 * ((209 / 179) ** 0.5 - 1)
    assert second[by_name["from_value"]].number_format == "General"
    assert all(c.font.b for c in cells(sheet)[0])
    assert sheet.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(header))
    assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
    for i in range(1, len(header) + 1):
        width = sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
        assert 6 <= width <= MAX_WIDTH + 1  # openpyxl reads the width back with padding


def test_targets_ratio_has_three_decimals(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    assert run_bytes("targets", "-o", str(target))[0] == 0
    sheet = workbook(target).worksheets[0]
    header = [c.value for c in cells(sheet)[0]]
    column = header.index("ratio")
    formats = {
        row[column].number_format for row in cells(sheet)[1:] if row[column].value is not None
    }
    assert formats == {"0.000"}


def test_wide_series_comments_on_flagged_figures(tmp_path: Path) -> None:
    from test_observations import OBSERVED, SOURCES

    data = write(tmp_path, SOURCES, OBSERVED)
    target = tmp_path / "s.xlsx"
    result = run("observations", "--wide", "--data", data, "-o", target)
    assert result.code == 0
    sheet = workbook(target).worksheets[0]
    rows = cells(sheet)
    header = [c.value for c in rows[0]]
    assert header == [
        "indicator_id",
        "indicator",
        "category",
        "unit",
        "2019",
        "2020",
        "2021",
        "flags",
    ]
    lower = rows[1][header.index("2021")]
    assert lower.value == 110.5
    assert lower.comment is not None
    assert lower.comment.text.splitlines()[0] == "Status: lower_bound"
    assert "Source: src: A source (A publisher)" in lower.comment.text
    assert "Quote: “over 110.5 t”" in lower.comment.text
    secondary = rows[2][header.index("2019")]
    assert secondary.comment is not None
    assert secondary.comment.text.startswith("Status: derived\nSecondary:")
    assert "Note: 9 - 2" in secondary.comment.text
    reported = rows[1][header.index("2020")]
    assert reported.value == 100
    assert reported.comment is None


def test_notes_and_sources_sheets(tmp_path: Path) -> None:
    from test_observations import OBSERVED, SOURCES

    data = write(
        tmp_path, SOURCES, OBSERVED, '[[sources]]\nid = "unused"\ntitle = "T"\npublisher = "P"\n'
    )
    target = tmp_path / "o.xlsx"
    result = run("observations", "--data", data, "-o", target)
    assert result.code == 0
    book = workbook(target)
    assert book.sheetnames == ["Observations", "Notes", "Sources"]
    report = observations_listing(load_dataset(data), observation_detail(load_dataset(data)))
    notes = [row[0].value for row in cells(book["Notes"]) if row[0].value is not None]
    assert notes == [report.title, report.caption, *report.notes]
    assert notes[0] == "Observations: Test industry"
    assert "secondary: from a secondary source only; the original was not found" in notes
    sources = cells(book["Sources"])
    # cited as source (src, blog) or corroboration (paper), in dataset order; "unused" is not
    assert [r[0].value for r in sources[1:]] == ["src", "blog", "paper"]
    header = [c.value for c in sources[0]]
    url = sources[2][header.index("url")]
    assert url.value == "https://blog.example/post"
    assert url.hyperlink is not None
    assert url.hyperlink.target == "https://blog.example/post"
    assert sources[1][header.index("observations")].value == 3


def test_sources_listing_needs_no_second_sources_sheet(tmp_path: Path) -> None:
    target = tmp_path / "s.xlsx"
    assert run_bytes("sources", "-o", str(target))[0] == 0
    book = workbook(target)
    assert len(book.sheetnames) == 2
    assert book.sheetnames[1] == "Notes"


def test_xlsx_to_a_pipe() -> None:
    code, out, err = run_bytes("growth", "-f", "xlsx")
    assert (code, err) == (0, "")
    assert out.startswith(b"PK\x03\x04")  # a zip archive
    assert workbook(out).worksheets[0]["A1"].value == "indicator_id"


def test_xlsx_is_never_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from rarecli.commands.output import destination

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(UsageError) as caught:
        destination("xlsx", None, False)  # checked before any dataset is read
    assert caught.value.message == "xlsx is a binary format and is not written to a terminal"
    assert caught.value.hint == "write it to a file: -o NAME.xlsx (or redirect: > NAME.xlsx)"
    assert destination("xlsx", Path("x.xlsx"), False).fmt is Format.xlsx  # a file is fine


@pytest.mark.parametrize("args", [["-f", "xlsx", "--bom"], ["--bom", "-o", "x.xlsx"]])
def test_bom_with_xlsx_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_bytes("growth", *args)
    assert (code, out) == (2, b"")
    assert "--bom goes with csv or tsv, not xlsx" in err
    assert not (tmp_path / "x.xlsx").exists()


def test_write_atomic_takes_bytes_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"PK\x03\x04new")
    assert path.read_bytes() == b"PK\x03\x04new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    with pytest.raises(OutputError):
        write_atomic(path, b"x", protect=path)
    assert path.read_bytes() == b"PK\x03\x04new"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Growth 2022 → 2024: Baotou", "Growth 2022 → 2024"),
        ("Targets due 2024: a/b [x]", "Targets due 2024"),
        ("What? A:B", "What A"),
        ("", "Table"),
        ("x" * 40, "x" * 31),
    ],
)
def test_sheet_name(title: str, name: str) -> None:
    assert sheet_name(title) == name


def test_a_sheet_too_long_is_refused_not_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("rarecli.render.xlsx.MAX_ROWS", 3)  # a header and two rows
    target = tmp_path / "o.xlsx"
    code, out, err = run_bytes("observations", "-o", str(target))
    assert (code, out) == (2, b"")
    assert err.splitlines()[0].startswith("rarecli: error: xlsx: the Observations sheet would need")
    assert not target.exists()
    assert (
        run_bytes("observations", "-i", "national_high_tech_enterprises", "-o", str(target))[0] == 0
    )


def test_a_text_too_long_for_a_cell_is_refused(tmp_path: Path) -> None:
    from helpers import indicator

    data = write(
        tmp_path,
        indicator("a", {2020: 1.0}).replace(
            'source = "src"', 'source = "src"\n  quote = "' + "x" * 32_768 + '"'
        ),
    )
    code, _, err = run_bytes("observations", "--data", str(data), "-f", "xlsx")
    assert code == 2
    assert "a text in column 'quote' is longer than the 32,767 characters" in err


def test_cells_by_kind_lists_noise_and_missing() -> None:
    import pandas as pd

    from rarecli.render.listing import Listing
    from rarecli.render.xlsx import workbook as to_xlsx

    frame = pd.DataFrame(
        {
            "ids": [("a", "b"), (), None],
            "figure": [0.1 + 0.2, float("nan"), 1e15],
            "share": [16.7599, float("inf"), -0.004],
            "count": pd.array([3, None, 2024], dtype="Int64"),
        }
    )
    report = Listing(
        frame, lambda: "", {"ids": "list", "figure": "number", "share": "pct", "count": "int"}
    )
    rows = list(workbook(to_xlsx(report)).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert rows == [
        ("a;b", 0.3, 16.76, 3),  # joined as the CSV joins; binary noise dropped; 2 decimals
        (None, None, None, None),  # an empty list, NaN, infinity and <NA> are empty cells
        (None, 1e15, 0, 2024),  # -0.004 rounds to 0, as in the CSV
    ]


# --- the sheet's row file (a faster stand-in for XlsxWriter's own) ------------------------------


def test_row_data_reads_back_what_was_written(tmp_path: Path) -> None:
    from rarecli.render.xlsx import _RowData

    path = tmp_path / "rows"
    path.write_bytes(b"")
    rows = _RowData(str(path))
    text = "a" * 65535 + "稀土" + "b" * 10  # a three-byte character across the 64 KiB read
    rows.write(text[:40000])
    rows.flush_rows()
    rows.write(text[40000:])  # still pending when the sheet is read back
    rows.seek(0)
    parts = []
    while part := rows.read(65536):
        parts.append(part)
    rows.close()
    assert "".join(parts) == text
    assert [len(p) for p in parts] == [65535, 12]


def test_a_sheet_of_many_rows_round_trips_through_the_row_file(tmp_path: Path) -> None:
    import pandas as pd

    from rarecli.render.listing import Listing
    from rarecli.render.xlsx import ROWS_PER_FLUSH, Book, _RowData

    n = 3 * ROWS_PER_FLUSH + 7  # rows flushed in several batches, the last one at close
    frame = pd.DataFrame(
        {
            "text": [f"稀土 {k} <&>" for k in range(n)],
            "value": [k / 4 for k in range(n)],
            "flag": [k % 2 == 0 for k in range(n)],
        }
    )
    listing = Listing(frame, lambda: "", {"text": "text", "value": "number", "flag": "bool"})
    book = Book()
    book.table("Rows", listing)
    assert isinstance(book._book.worksheets()[0].row_data_fh, _RowData)  # the fast path is on
    out = tmp_path / "rows.xlsx"
    out.write_bytes(book.close())
    got = list(openpyxl.load_workbook(out)["Rows"].iter_rows(values_only=True))
    assert got[0] == ("text", "value", "flag")
    assert got[1:] == [(f"稀土 {k} <&>", k / 4, k % 2 == 0) for k in range(n)]


def _sheet_xml(listing: object) -> bytes:
    from rarecli.render.xlsx import Book

    book = Book()
    book.table("Rows", listing)  # type: ignore[arg-type]
    with zipfile.ZipFile(io.BytesIO(book.close())) as package:
        return package.read("xl/worksheets/sheet1.xml")


def test_rows_written_as_xml_match_xlsxwriters_own_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast row writer writes byte for byte the sheet XlsxWriter writes cell by cell: texts
    with control characters, escapes, spaces at either end and CJK; numbers, booleans and
    missing cells in every column; a row with no cell at all; a comment."""
    import pandas as pd

    from rarecli.render import xlsx
    from rarecli.render.listing import Listing

    frame = pd.DataFrame(
        {
            "text": ['稀土 <&> "q"', " lead", "trail ", "a\x01b _x0041_", "", None, "x\ty"],
            "value": [47.6, -0.004, 1e15, None, 12345678.9, None, 3],
            "count": pd.array([3, None, 2024, 0, -7, None, 1], dtype="Int64"),
            "share": [16.7599, 0.1 + 0.2, None, 100.0, 5e-05, None, 2.5],
            "flag": [True, False, None, True, False, None, True],
            "ids": [("a", "b"), (), None, ("c",), None, None, ("d", "e")],
        }
    )
    kinds = {
        "text": "text",
        "value": "number",
        "count": "int",
        "share": "pct",
        "flag": "bool",
        "ids": "list",
    }
    listing = Listing(frame, lambda: "", kinds, comments={(3, "value"): "a note"})
    taken: list[bool] = []
    write_rows = xlsx._write_rows
    monkeypatch.setattr(xlsx, "_write_rows", lambda *a: taken.append(write_rows(*a)) or taken[-1])
    fast = _sheet_xml(listing)
    assert taken == [True]  # the fast writer wrote these rows
    monkeypatch.setattr(xlsx, "_write_rows", lambda *args: False)
    assert fast == _sheet_xml(listing)
    assert b'<row r="7">' not in fast  # the row with no cell is not written
    assert fast.count(b"<row ") == 7


def test_a_text_that_looks_like_markup_stays_text(tmp_path: Path) -> None:
    import pandas as pd

    from rarecli.render.listing import Listing
    from rarecli.render.xlsx import workbook as to_xlsx

    frame = pd.DataFrame({"quote": ["<r><t>bold</t></r>", "<r>&</r>"]})
    out = tmp_path / "markup.xlsx"
    out.write_bytes(to_xlsx(Listing(frame, lambda: "", {"quote": "text"})))
    got = [r[0] for r in openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True)]
    assert got == ["quote", "<r><t>bold</t></r>", "<r>&</r>"]
