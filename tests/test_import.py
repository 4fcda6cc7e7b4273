"""`rarecli import`: CSV, TSV and xlsx round trips, every bad row located, all or nothing."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from helpers import run
from rarecli.loader import default_data_path, load_dataset
from rarecli.model import Dataset
from rarecli.queries.observations import LONG_COLUMNS


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _guard(text: str | None) -> str:
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text or ""


def long_rows(ds: Dataset) -> list[list[object]]:
    """The rows `rarecli observations` writes (the long columns)."""
    types = {s.id: s.type or "" for s in ds.sources}
    return [
        [
            i.id,
            i.name,
            i.category,
            i.unit,
            i.scope or "",
            o.year,
            o.months,
            _number(o.value),
            o.status,
            o.source,
            types[o.source],
            o.quote or "",
            o.note or "",
        ]
        for i in ds.indicators
        for o in i.observations
    ]


def write_csv(path: Path, rows: list[list[object]], columns: tuple[str, ...] = ()) -> None:
    columns = columns or tuple(LONG_COLUMNS)
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180, CRLF line ends
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_guard(c) if isinstance(c, str) else c for c in row])
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def write_xlsx(path: Path, rows: list[list[object]], first_sheet: str = "Notes") -> None:
    book = Workbook()
    book.active.title = first_sheet  # type: ignore[union-attr]
    sheet = book.create_sheet("Observations")
    sheet.append(list(LONG_COLUMNS))
    for row in rows:
        sheet.append([None if c == "" else c for c in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, as XlsxWriter writes it, not a formula
    book.save(path)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.toml"
    shutil.copyfile(default_data_path(), path)
    return path


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b)
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return [x for x, _ in pairs], [y for _, y in pairs]


def test_unchanged_csv_changes_nothing(ledger: Path, tmp_path: Path) -> None:
    ds = load_dataset(ledger)
    path = tmp_path / "o.csv"
    write_csv(path, long_rows(ds))
    before, mtime = digest(ledger), ledger.stat().st_mtime_ns
    for extra in ([], ["--replace"]):
        code, out, err = run("import", str(path), *extra, data=ledger)
        assert (code, err) == (0, "")
        assert f"added 0, replaced 0, unchanged {ds.observation_count}" in out
    assert digest(ledger) == before
    assert ledger.stat().st_mtime_ns == mtime


def test_one_edited_csv_cell_changes_exactly_its_line(ledger: Path, tmp_path: Path) -> None:
    ds = load_dataset(ledger)
    rows = long_rows(ds)
    k = next(n for n, r in enumerate(rows) if r[0] == "rare_earth_enterprises" and r[5] == 2024)
    rows[k][7] = 210
    path = tmp_path / "o.csv"
    write_csv(path, rows)
    before = ledger.read_text(encoding="utf-8")
    code, out, err = run("import", str(path), "--replace", data=ledger)
    assert code == 2  # the quote in the row backs 209, not 210
    assert "backs the old value 209, not 210" in err
    assert ledger.read_text(encoding="utf-8") == before
    code, out, _ = run("import", str(path), "--replace", "--keep-quote", data=ledger)
    assert code == 0
    assert "added 0, replaced 1" in out
    old, new = changed_lines(before, ledger.read_text(encoding="utf-8"))
    assert (old, new) == (["  value = 209"], ["  value = 210"])


def test_one_edited_xlsx_cell_changes_exactly_its_line(ledger: Path, tmp_path: Path) -> None:
    ds = load_dataset(ledger)
    rows = long_rows(ds)
    k = next(n for n, r in enumerate(rows) if r[0] == "rare_earth_enterprises" and r[5] == 2016)
    rows[k][11] = "=106 rare earth enterprises"  # text that starts with "=" stays text in xlsx
    path = tmp_path / "o.xlsx"
    write_xlsx(path, rows)
    before = ledger.read_text(encoding="utf-8")
    code, out, err = run("import", str(path), "--replace", data=ledger)
    assert (code, err) == (0, "")
    assert "replaced 1" in out
    old, new = changed_lines(before, ledger.read_text(encoding="utf-8"))
    assert old == ['  quote = "现有106家稀土企业"']
    assert new == ['  quote = "=106 rare earth enterprises"']


def test_unchanged_xlsx_changes_nothing(ledger: Path, tmp_path: Path) -> None:
    path = tmp_path / "o.xlsx"
    write_xlsx(path, long_rows(load_dataset(ledger)), first_sheet="Cover")
    before = digest(ledger)
    code, out, _ = run("import", str(path), "--replace", data=ledger)
    assert code == 0
    assert "added 0, replaced 0" in out
    assert digest(ledger) == before


def test_xlsx_first_sheet_when_no_observations_sheet(ledger: Path, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Mine"
    sheet.append(["indicator_id", "year", "value", "source_id"])
    sheet.append(["magnet_output", 2030.0, 1.5, "gim_2024_10_09"])  # a float year, as Excel
    sheet.append(["magnet_outpt", 2031, 2, "gim_2024_10_09"])
    path = tmp_path / "m.xlsx"
    book.save(path)
    before = digest(ledger)
    code, _, err = run("import", str(path), data=ledger)
    assert code == 2
    assert "sheet Mine, row 3, column indicator_id: unknown indicator id 'magnet_outpt'" in err
    assert "did you mean 'magnet_output'?" in err
    assert digest(ledger) == before


def test_bad_rows_are_all_reported_by_the_line_where_they_start(
    ledger: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "indicator_id,year,value,source_id,quote\r\n"
        'magnet_output,2030,5,gim_2024_10_09,"two\r\nlines"\r\n'  # lines 2-3
        "magnet_output,20x0,5,gim_2024_10_09,\r\n"  # line 4: bad year
        "magnet_output,2031,5,gim_2024_10_9,\r\n"  # line 5: a typo in the source
        "industry_output_valu,2031,5,gim_2024_10_09,\r\n",  # line 6
        encoding="utf-8",
        newline="",
    )
    before = digest(ledger)
    code, out, err = run("import", str(path), data=ledger)
    assert code == 2
    assert out == ""
    assert f"{path}: 3 problems; nothing was changed" in err
    assert f"{path}:4: column year: year '20x0' is not a whole number" in err
    assert f"{path}:5: column source_id: unknown source id 'gim_2024_10_9'" in err
    assert "did you mean 'gim_2024_10_09'?" in err
    assert f"{path}:6: column indicator_id: unknown indicator id 'industry_output_valu'" in err
    assert "did you mean 'industry_output_value'?" in err
    assert digest(ledger) == before


def test_year_written_as_a_float_is_an_integer(ledger: Path, tmp_path: Path) -> None:
    path = tmp_path / "new.csv"
    path.write_text(
        "indicator_id,year,months,value,source_id,status\n"
        "magnet_output,2024.0,5.0,1234.5,gim_2024_10_09,reported\n",
        encoding="utf-8",
    )
    code, out, _ = run("import", str(path), data=ledger)
    assert code == 0
    assert "added 1" in out
    text = ledger.read_text(encoding="utf-8")
    assert "  year = 2024\n  months = 5\n  value = 1234.5\n" in text
    assert 'status = "reported"' not in text.split("value = 1234.5")[1].split("[[")[0]
    ds = load_dataset(ledger)
    obs = {
        (o.year, o.months): o
        for i in ds.indicators
        if i.id == "magnet_output"
        for o in i.observations
    }
    assert obs[(2024, 5)].value == 1234.5


def test_empty_file_and_header_only(ledger: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    before = digest(ledger)
    code, _, err = run("import", str(empty), data=ledger)
    assert code == 2
    assert "the file is empty" in err
    header = tmp_path / "header.csv"
    header.write_text(",".join(LONG_COLUMNS) + "\r\n", encoding="utf-8")
    code, out, _ = run("import", str(header), data=ledger)
    assert code == 0
    assert "added 0, replaced 0, unchanged 0" in out
    assert digest(ledger) == before


def test_missing_required_column(ledger: Path, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text("indicator_id,year,value\nmagnet_output,2030,1\n", encoding="utf-8")
    before = digest(ledger)
    code, _, err = run("import", str(path), data=ledger)
    assert code == 2
    assert "missing required column source_id" in err
    assert digest(ledger) == before


def test_unknown_column_with_did_you_mean(ledger: Path, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text("indicator_id,year,vaule,value,source_id\n", encoding="utf-8")
    code, _, err = run("import", str(path), data=ledger)
    assert code == 2
    assert f"{path}:1: header: unknown column 'vaule' (did you mean 'value'?)" in err


def test_formula_guard_is_undone_in_csv(ledger: Path, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    write_csv(
        path,
        [["magnet_output", 2030, 7, "gim_2024_10_09", "=SUM(A1)", "-5 t, +3"]],
        ["indicator_id", "year", "value", "source_id", "quote", "note"],
    )
    assert "'=SUM(A1)" in path.read_text(encoding="utf-8")
    assert run("import", str(path), data=ledger)[0] == 0
    ds = load_dataset(ledger)
    obs = [o for i in ds.indicators if i.id == "magnet_output" for o in i.observations]
    assert obs[-1].quote == "=SUM(A1)"
    assert obs[-1].note == "-5 t, +3"


def test_tsv_escapes_are_undone(ledger: Path, tmp_path: Path) -> None:
    path = tmp_path / "o.tsv"
    path.write_bytes(
        b"indicator_id\tyear\tvalue\tsource_id\tquote\n"
        b"magnet_output\t2030\t7\tgim_2024_10_09\tone\\ttab\\nnew line \\\\ back\n"
    )
    assert run("import", str(path), data=ledger)[0] == 0
    ds = load_dataset(ledger)
    obs = [o for i in ds.indicators if i.id == "magnet_output" for o in i.observations]
    assert obs[-1].quote == "one\ttab\nnew line \\ back"


def test_replace_with_an_empty_cell_removes_the_key(ledger: Path, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        "indicator_id,year,value,source_id,note\nrare_earth_enterprises,2022,179,gim_2024_10_09,\n",
        encoding="utf-8",
    )
    before = ledger.read_text(encoding="utf-8")
    code, _, _ = run("import", str(path), data=ledger)
    assert code == 2  # without --replace, a different row is a duplicate
    assert ledger.read_text(encoding="utf-8") == before
    code, _, _ = run("import", str(path), "--replace", data=ledger)
    assert code == 0
    after = ledger.read_text(encoding="utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert removed == ['  note = "209 - 30: the article gives the increase since 2022."']
    assert len(after.splitlines()) == len(before.splitlines()) - 1


def test_dry_run_lists_what_would_change(ledger: Path, tmp_path: Path) -> None:
    rows = long_rows(load_dataset(ledger))
    rows[0][7] = 107
    rows.append(
        ["magnet_output", "", "", "", "", 2030, 12, 9, "estimated", "gim_2024_10_09", "", "", ""]
    )
    path = tmp_path / "o.csv"
    write_csv(path, rows)
    before = digest(ledger)
    code, out, _ = run("import", str(path), "--replace", "--keep-quote", "--dry-run", data=ledger)
    assert code == 0
    assert digest(ledger) == before
    assert f"would replace observation {rows[0][0]} {rows[0][5]}" in out
    assert "would add observation magnet_output 2030" in out
    assert f"would add 1, would replace 1, unchanged {len(rows) - 2}" in out
    assert "+  value = 107" in out
    assert '+  status = "estimated"' in out


def test_duplicate_rows_in_one_file(ledger: Path, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        "indicator_id,year,value,source_id\n"
        "magnet_output,2030,1,gim_2024_10_09\n"
        "magnet_output,2030,2,gim_2024_10_09\n",
        encoding="utf-8",
    )
    code, _, err = run("import", str(path), data=ledger)
    assert code == 2
    assert f"{path}:3: row: a second row for the same indicator" in err


def test_missing_import_file_is_exit_1(ledger: Path, tmp_path: Path) -> None:
    code, _, err = run("import", str(tmp_path / "nope.csv"), data=ledger)
    assert code == 1
    assert "no such file" in err
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    assert run("import", str(broken), data=ledger)[0] == 1


def test_unknown_suffix_is_a_usage_error(ledger: Path, tmp_path: Path) -> None:
    path = tmp_path / "o.json"
    path.write_text("[]", encoding="utf-8")
    code, _, err = run("import", str(path), data=ledger)
    assert code == 2
    assert ".csv" in err
