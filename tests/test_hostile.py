"""The hostile battery's findings (two rounds): each case fails before its fix and passes after.
Datasets and files are built in tmp_path; processes are real where the case is about the
process (a closed or full standard output, a signal)."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from helpers import indicator, run, target, write
from rarecli.loader import default_data_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.toml"
    shutil.copyfile(default_data_path(), path)
    return path


# --- import: workbooks written by scripts, damaged workbooks ----------------------------------


def _one_row_workbook(path: Path, quote: str) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Observations"
    sheet.append(["indicator_id", "year", "value", "source_id", "quote"])
    sheet.append(["rare_earth_enterprises", 2016, 106, "xinhua_2024_10_29", quote])
    book.save(path)


def test_a_formula_without_a_saved_value_is_refused_not_read_as_empty(
    ledger: Path, tmp_path: Path
) -> None:
    path = tmp_path / "script.xlsx"
    _one_row_workbook(path, '=CONCAT("a","b")')  # openpyxl saves the formula, no value
    before = digest(ledger)
    code, out, err = run("import", str(path), "--replace", data=ledger)
    assert (code, out) == (1, "")
    assert f"{path}: sheet Observations, row 2, column E: a formula without a saved value" in err
    assert "paste the values" in err
    assert digest(ledger) == before  # the quote is still there


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_workbook_with_a_damaged_sheet_is_named_not_an_internal_error(
    ledger: Path, tmp_path: Path, damage: str
) -> None:
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    _one_row_workbook(good, "现有106家稀土企业")
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2] if damage == "truncated" else b"\x00<<not xml"
            out.writestr(item, data)
    before = digest(ledger)
    code, _, err = run("import", str(bad), "--replace", data=ledger)
    assert code == 1
    assert err.startswith(f"rarecli: error: {bad}: not a readable xlsx workbook (")
    assert "internal error" not in err
    assert digest(ledger) == before


# --- datasets: numbers beyond float range ------------------------------------------------------


@pytest.mark.parametrize("where", ["observation", "target"])
def test_an_integer_beyond_float_range_is_a_located_problem(tmp_path: Path, where: str) -> None:
    huge = "1" + "0" * 400
    if where == "observation":
        text = indicator("a", {2020: 1}).replace("value = 1", f"value = -{huge}")
        key = "indicators[0].observations[0].value"
    else:
        text = indicator("a", {2020: 1}) + target("t", "a", 1, deadline=2025).replace(
            "value = 1", f"value = {huge}"
        )
        key = "targets[0].value"
    data = write(tmp_path, text)
    for command in ("growth", "targets", "validate"):
        code, out, err = run(command, data=data)
        assert (code, out) == (1, "")
        assert f": {key}: an integer of 401 digits is too large for a number" in err
        assert huge not in err  # the number is described, not echoed


# --- files that are not plain readable files ---------------------------------------------------


def _as_non_root(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """What a user other than root meets on a file of mode 000 (tests may run as root)."""
    import os

    access, read_bytes = os.access, Path.read_bytes

    def no_access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        return False if Path(str(path)) == locked else access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    def no_read(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(os, "access", no_access)
    monkeypatch.setattr(Path, "read_bytes", no_read)


@pytest.mark.parametrize("how", ["--data", "validate", "import"])
def test_a_file_the_user_may_not_read_is_exit_1_permission_denied(
    ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    locked = tmp_path / ("o.csv" if how == "import" else "locked.toml")
    shutil.copyfile(ledger, locked) if how != "import" else locked.write_text("indicator_id\n")
    _as_non_root(monkeypatch, locked)
    args = {
        "--data": ["--data", str(locked), "growth"],
        "validate": ["validate", str(locked)],
        "import": ["--data", str(ledger), "import", str(locked)],
    }[how]
    code, out, err = run(*args)
    assert (code, out) == (1, "")
    assert err.startswith(f"rarecli: error: {locked}: permission denied")
    assert "make the file readable" in err


@pytest.mark.parametrize("special", ["fifo", "device"])
def test_a_pipe_or_a_device_as_the_dataset_is_refused_before_it_is_opened(
    tmp_path: Path, ledger: Path, special: str
) -> None:
    import os

    if special == "fifo":
        path = tmp_path / "pipe.toml"
        os.mkfifo(path)  # opening it would wait for a writer forever
        kind = "a named pipe"
    else:
        path, kind = Path("/dev/zero"), "a device"  # reading it would never end
    for args in (["--data", str(path), "growth"], ["validate", str(path)]):
        code, out, err = run(*args)
        assert (code, out) == (1, "")
        assert err.startswith(f"rarecli: error: {path}: is {kind}, not a regular file")
    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    code, _, err = run("import", str(fifo), data=ledger)
    assert code == 1
    assert f"{fifo}: is a named pipe, not a regular file" in err


# --- standard output that takes nothing: full, closed, a pipe named /dev/stdout ---------------


def _rarecli(
    *args: str | Path, stdout: object = None, close_stdout: bool = False
) -> tuple[int, str]:
    """A real process (the case is about its standard output): exit code and stderr."""
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "rarecli", *map(str, args)],
        stdout=stdout if stdout is not None else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
        timeout=120,
    )
    return done.returncode, done.stderr


FULL = Path("/dev/full")
needs_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")


@needs_full
@pytest.mark.parametrize(
    "args",
    [["observations"], ["observations", "-f", "json"], ["growth", "-f", "table"], ["validate"]],
)
def test_a_full_output_is_one_line_not_an_internal_error(args: list[str]) -> None:
    with FULL.open("w") as full:
        code, err = _rarecli(*args, stdout=full)
    assert (code, err) == (1, "rarecli: error: no space left on the output\n")


@needs_full
def test_an_edit_whose_confirmation_cannot_be_printed_says_it_was_written(ledger: Path) -> None:
    add = ["--data", ledger, "add", "observation", "rare_earth_enterprises", "--year", "2031"]
    add += ["--value", "5", "--source", "gim_2024_10_09"]
    with FULL.open("w") as full:
        code, err = _rarecli(*add, "--dry-run", stdout=full)
        assert (code, err) == (
            1,
            "rarecli: error: no space left on the output; nothing was changed\n",
        )
        code, err = _rarecli(*add, stdout=full)
    assert code == 1
    assert err == f"rarecli: error: no space left on the output; the edit was written to {ledger}\n"
    assert "year = 2031" in ledger.read_text(encoding="utf-8")


def test_a_closed_standard_output_is_one_line() -> None:
    assert _rarecli("growth", close_stdout=True) == (
        1,
        "rarecli: error: standard output is closed\n",
    )


def test_dev_stdout_as_the_output_works_when_standard_output_is_a_pipe() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "rarecli", "growth", "-f", "csv", "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("indicator_id,indicator,")


# --- Markdown listings: dataset text never becomes live HTML or Markdown ----------------------

HOSTILE_TEXT = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [a](javascript:alert(3)) "
    "![x](https://example.org/t.png) a|b *c* `d` &amp;"
)
LIVE = ("<script", "<img", "[a](javascript", "[x](", "&amp;", "*c*", "`d`")


def _hostile_dataset(tmp_path: Path) -> Path:
    text = json_string = '"' + HOSTILE_TEXT.replace('"', '\\"') + '"'
    body = (
        indicator("a", {2020: 1, 2022: 2})
        .replace('name = "A"', f"name = {json_string}")
        .replace('unit = "units"', 'unit = "u|v"')
        .replace("  year = 2022", f'  quote = {text}\n  note = "line\\u2028two"\n  year = 2022')
        + target("t", "a", 3, deadline=2025, quote=HOSTILE_TEXT)
        + '[[enterprises]]\nid = "e"\nkind = "company"\n'
        + f"name = {json_string}\ndistinction = {json_string}\n"
    )
    data = write(tmp_path, body)
    data.write_text(
        data.read_text(encoding="utf-8").replace('title = "A source"', f"title = {json_string}"),
        encoding="utf-8",
    )
    return data


@pytest.mark.parametrize(
    "command",
    ["observations", "indicators", "sources", "enterprises", "targets", "growth", "show a"],
)
def test_markdown_listings_escape_every_dataset_cell(tmp_path: Path, command: str) -> None:
    data = _hostile_dataset(tmp_path)
    code, out, err = run(*command.split(), "-f", "md", data=data)
    assert (code, err) == (0, "")
    import re

    for live in LIVE:  # each would be markup unless its first character is escaped
        assert not re.search(r"(?<!\\)" + re.escape(live), out), live
    lines = out.splitlines()
    assert len(lines) >= 3
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in lines}
    assert len(widths) == 1  # a "|" or a line break inside a cell does not break the table


# --- xlsx: nothing cut or dropped without a word ----------------------------------------------


def test_a_flagged_cells_comment_longer_than_excel_allows_is_cut_and_says_so(
    tmp_path: Path,
) -> None:
    import openpyxl

    quote = "稀" * 40_000
    data = write(
        tmp_path,
        indicator("a", {2020: (5, "estimated")}).replace(
            '  status = "estimated"', f'  status = "estimated"\n  quote = "{quote}"'
        ),
    )
    out = tmp_path / "wide.xlsx"
    code, _, err = run("observations", "--wide", "-o", str(out), data=data)
    assert (code, err) == (0, "")
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("2020") + 1)
    assert cell.comment is not None  # no longer dropped
    text = cell.comment.text
    assert len(text) <= 32_767
    assert "稀" * 1000 in text
    assert text.endswith("the whole text is in the dataset and in -f csv]")
    assert "40,0" in text  # how long the whole text is


def test_a_notes_line_longer_than_a_cell_is_split_over_rows_not_cut() -> None:
    import io

    import openpyxl
    import pandas as pd

    from rarecli.render.listing import Listing
    from rarecli.render.xlsx import workbook

    caption = " ".join(f"[{k}] Source number {k}, a publisher, 2024-01-01" for k in range(1, 801))
    assert len(caption) > 32_767
    listing = Listing(pd.DataFrame({"a": [1]}), lambda: "", {"a": "int"}, caption=caption)
    notes = openpyxl.load_workbook(io.BytesIO(workbook(listing)))["Notes"]
    cells = [c.value for c in notes["A"] if c.value]
    assert all(len(c) <= 32_767 for c in cells)
    assert "".join(cells) == caption  # every character kept, in order
    assert len(cells) == 2


# --- what rarecli writes, it reads back ---------------------------------------------------------


def _one_quote_dataset(tmp_path: Path, quote: str) -> Path:
    text = indicator("a", {2020: 1, 2022: 2}).replace(
        "  year = 2022", f"  quote = {_toml_string(quote)}\n  year = 2022"
    )
    return write(tmp_path, text)


def _toml_string(text: str) -> str:
    import json

    return json.dumps(text)  # a JSON string is a TOML basic string for these characters


@pytest.mark.parametrize(
    ("fmt", "quote"), [("csv", "长" * 200_000), ("tsv", "a\u2028b\u2029c\\u2028")]
)
def test_a_long_or_line_separated_quote_round_trips(tmp_path: Path, fmt: str, quote: str) -> None:
    data = _one_quote_dataset(tmp_path, quote)
    before = digest(data)
    out = tmp_path / f"o.{fmt}"
    assert run("observations", "-o", str(out), data=data).code == 0
    text = out.read_text(encoding="utf-8")
    assert len(text.splitlines()) == 3  # a header and two records, whoever splits the lines
    code, result, err = run("import", str(out), "--replace", data=data)
    assert (code, err) == (0, "")
    assert "added 0, replaced 0, unchanged 2" in result
    assert digest(data) == before
    from rarecli.loader import load_dataset

    assert load_dataset(data).indicators[0].observations[1].quote == quote


# --- invisible characters that reorder or hide text ----------------------------------------


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u2067", "RIGHT-TO-LEFT ISOLATE"),
        ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
    ],
)
@pytest.mark.parametrize("where", ["name", "quote"])
def test_bidirectional_and_zero_width_characters_are_refused(
    tmp_path: Path, char: str, name: str, where: str
) -> None:
    text = indicator("a", {2020: 1})
    if where == "name":
        text = text.replace('name = "A"', f'name = "Total {char}gnitsil"')
        key = "indicators[0].name"
    else:
        text = text.replace('  status = "reported"', f'  status = "reported"\n  quote = "x{char}y"')
        key = "indicators[0].observations[0].quote"
    data = write(tmp_path, text)
    code, out, err = run("growth", data=data)
    assert (code, out) == (1, "")
    assert f": {key}: contains an invisible character (U+{ord(char):04X} {name})" in err
    assert char not in err  # the message names it; it does not print it


# --- charts: Chinese units, and no warning a reader cannot act on -----------------------------


def test_a_chinese_unit_is_drawn_in_glyphs_the_machine_has_and_nothing_warns(
    tmp_path: Path,
) -> None:
    from rarecli.chart.image import drawable

    data = write(tmp_path, indicator("a", {2020: 1, 2022: 2}, unit="亿元"))
    svg = tmp_path / "a.svg"
    # A real process: pytest would catch the warnings before they reached stderr.
    assert _rarecli("--data", data, "chart", "a", "-o", svg) == (0, "")  # no glyph warning
    text = svg.read_text(encoding="utf-8")
    assert ("亿元" if drawable("亿元") else "100 million CNY") in text
    assert _rarecli("--data", data, "report", "-o", tmp_path / "r.html") == (0, "")


# --- Ctrl-C: one line, exit 130, and an edit says whether it happened ---------------------------


def _large(tmp_path: Path, indicators: int = 800) -> Path:
    body = "".join(
        indicator(f"i{k}", {year: k + year for year in range(2000, 2020)})
        for k in range(indicators)
    )
    return write(tmp_path, body, name="large.toml")


def _interrupt(args: list[str | Path], after: float) -> tuple[int, str]:
    import signal
    import subprocess
    import sys
    import time

    script = Path(sys.executable).with_name("rarecli")  # the installed command, as users run it
    child = subprocess.Popen(
        [str(script), *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(after)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=120)
    return child.returncode, err


@pytest.mark.parametrize("after", [0.1, 0.2, 0.6])
def test_ctrl_c_at_any_moment_is_one_line_and_exit_130(tmp_path: Path, after: float) -> None:
    """From the first line of rarecli on (the interpreter's own start-up, some 30 ms, comes
    before any code of rarecli runs): during the imports, the load and the work."""
    code, err = _interrupt(["--data", _large(tmp_path), "growth"], after)
    if code == 0:
        pytest.skip("the command finished before the signal")  # a very fast machine
    assert (code, err) == (130, "rarecli: interrupted\n")


@pytest.mark.parametrize("after", [0.1, 0.3, 0.5, 0.9, 1.3])
def test_an_interrupted_edit_says_whether_the_file_changed(tmp_path: Path, after: float) -> None:
    data = _large(tmp_path)
    before = data.read_bytes()
    add = ["--data", data, "add", "observation", "i0", "--year", "2031", "--value", "5"]
    code, err = _interrupt([*add, "--source", "src"], after)
    now = data.read_bytes()
    assert {p.name for p in tmp_path.iterdir()} <= {"large.toml", ".large.toml.lock"}  # no temp
    if code == 0:
        assert now != before
        return
    assert code == 130
    if now == before:
        assert err == "rarecli: interrupted; nothing was changed\n"
    else:
        assert b"year = 2031" in now
        assert err == f"rarecli: interrupted; the edit was written to {data}\n"


# --- smaller ones ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [[], ["add"]])
def test_a_bare_command_prints_its_help_and_exits_0(args: list[str]) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "rarecli", *args], capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert f"Usage: rarecli {' '.join(args)}".rstrip() in done.stdout


@pytest.mark.parametrize("months", ["0", "13", "-1"])
def test_months_out_of_range_names_the_option(ledger: Path, months: str) -> None:
    before = digest(ledger)
    code, _, err = run(
        "add observation rare_earth_enterprises --year 2024 --value 5 "
        f"--source gim_2024_10_09 --months {months}",
        data=ledger,
    )
    assert code == 2
    assert err.startswith(f"rarecli: error: --months: {months} is not a number of months 1..12")
    assert digest(ledger) == before


def test_an_import_csv_with_an_unbalanced_quote_names_the_file_and_line(
    ledger: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        'indicator_id,year,value,source_id,quote\nrare_earth_enterprises,2024,1,gim_2024_10_09,"abc\n',
        encoding="utf-8",
    )
    code, _, err = run("import", str(path), data=ledger)
    assert code == 1
    assert err.startswith(f"rarecli: error: {path}:2: not valid CSV: ")


@pytest.mark.parametrize("value", ["20250101", "2025-W01-1", "2025-01-01 ", "٢٠٢٥-٠١-٠١"])
def test_rarecli_today_takes_exactly_yyyy_mm_dd_on_every_python(value: str) -> None:
    code, _, err = run("targets", env={"RARECLI_TODAY": value})
    assert code == 2
    assert err.startswith(f"rarecli: error: RARECLI_TODAY={value!r} is not a date")
    assert run("targets", env={"RARECLI_TODAY": "2025-01-01"}).code == 0


@pytest.mark.parametrize(
    ("encoding", "mark", "named"),
    [
        ("utf-32-le", b"\xff\xfe\x00\x00", "UTF-32"),
        ("utf-32-be", b"\x00\x00\xfe\xff", "UTF-32"),
        ("utf-16-le", b"\xff\xfe", "UTF-16"),
        ("utf-16-be", b"\xfe\xff", "UTF-16"),
    ],
)
def test_a_dataset_in_a_wide_encoding_is_named_for_its_encoding(
    tmp_path: Path, encoding: str, mark: bytes, named: str
) -> None:
    path = tmp_path / "wide.toml"
    path.write_bytes(mark + default_data_path().read_text(encoding="utf-8").encode(encoding))
    code, _, err = run("growth", data=path)
    assert code == 1
    assert err.startswith(f"rarecli: error: {path}: the file holds {named} text, not UTF-8 TOML")


# --- messages of a sensible size -----------------------------------------------------------------


def test_a_huge_bad_value_is_echoed_cut_with_its_length(tmp_path: Path) -> None:
    data = write(
        tmp_path, indicator("a", {2020: 1}).replace('id = "a"', f'id = "{"X" * 1_000_000}"')
    )
    code, _, err = run("growth", data=data)
    assert code == 1
    assert len(err) < 1000
    assert f"indicators[0].id: '{'X' * 80}…' (1,000,000 characters) is not a snake_case id" in err


def test_thousands_of_bad_import_rows_list_a_hundred_and_count_the_rest(
    ledger: Path, tmp_path: Path
) -> None:
    path = tmp_path / "many.csv"
    rows = [f"nope_{k},2024,1,gim_2024_10_09" for k in range(20_000)]
    path.write_text(
        "indicator_id,year,value,source_id\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    before = digest(ledger)
    code, _, err = run("import", str(path), data=ledger)
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == f"rarecli: error: {path}: 20,000 problems; nothing was changed"
    assert sum(": unknown indicator id 'nope_" in line for line in lines) == 100
    assert "  … and 19,900 more problems" in lines
    assert len(err) < 20_000
    assert digest(ledger) == before


# --- long file names, and a report that refuses leaves nothing behind -------------------------


@pytest.mark.parametrize("length", [246, 250, 255])
def test_names_of_up_to_255_bytes_can_be_written_and_edited(tmp_path: Path, length: int) -> None:
    dataset = tmp_path / ("d" * (length - len(".toml")) + ".toml")
    shutil.copyfile(default_data_path(), dataset)
    code, _, err = run(
        "add observation rare_earth_enterprises --year 2031 --value 5 --source gim_2024_10_09",
        data=dataset,
    )
    assert (code, err) == (0, "")
    assert "year = 2031" in dataset.read_text(encoding="utf-8")
    for suffix in (".csv", ".xlsx", ".md"):
        output = tmp_path / ("o" * (length - len(suffix)) + suffix)
        command = "report" if suffix == ".md" else "growth"
        code, _, err = run(command, "-o", str(output), data=dataset)
        assert (code, err) == (0, ""), suffix
        assert output.stat().st_size > 0
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_report_that_refuses_to_write_leaves_no_chart_behind(tmp_path: Path) -> None:
    dataset = tmp_path / "brief.md"  # a dataset with the name of the page asked for
    shutil.copyfile(default_data_path(), dataset)
    code, _, err = run("report", "-o", str(dataset), data=dataset)
    assert code == 1
    assert "refusing to overwrite the dataset being read" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]


def test_a_report_whose_page_fails_takes_its_new_charts_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rarecli.render.write as write_module

    real = write_module.write_atomic

    def page_fails(path: Path, data: bytes, protect: Path | None = None) -> None:
        if path.suffix == ".md":
            raise OSError(28, "No space left on device")
        real(path, data, protect)

    monkeypatch.setattr(write_module, "write_atomic", page_fails)
    code, _, err = run("report", "-o", str(tmp_path / "brief.md"))
    assert (code, err) == (1, "rarecli: error: no space left on the output\n")
    assert list(tmp_path.iterdir()) == []


# --- terminals narrower than anything usable ----------------------------------------------------


@pytest.mark.parametrize("columns", ["0", "5"])
@pytest.mark.parametrize(
    "command", ["growth -f table", "targets -f table", "chart industry_output_value"]
)
def test_a_terminal_too_narrow_gets_the_rows_at_the_minimum_and_a_note(
    columns: str, command: str
) -> None:
    code, out, err = run(command, env={"COLUMNS": columns})
    assert code == 0
    assert err == (
        f"rarecli: note: the terminal is {columns} columns wide, too narrow for a table; "
        "the rows are written 20 columns wide\n"
    )
    assert out.strip()
    assert max(len(line) for line in out.splitlines()) <= 20
    wide = run(command, env={"COLUMNS": "20"})
    assert (wide.out, wide.err) == (out, "")  # the same rows as at the minimum, no note


def test_help_at_columns_0_is_printed_at_the_minimum() -> None:
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "rarecli", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "0"},
        timeout=120,
    )
    assert done.returncode == 0
    assert "Usage: rarecli" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 20


# --- edits keep the evidence honest (issue 21) ------------------------------------------------

OUTPUT_2022 = "2022年,包头市稀土行业实现产值677.5亿元,达到历史新高"


def test_a_new_value_without_a_new_quote_is_refused(ledger: Path) -> None:
    base = "add observation industry_output_value --year 2022 --source gim_2024_10_09 --replace"
    before = digest(ledger)
    code, out, err = run(f"{base} --value 72", data=ledger)
    assert (code, out) == (2, "")
    assert f"the quote '{OUTPUT_2022}' backs the old value 67.75, not 72" in err
    assert "give --quote or, in an import, the quote column; --keep-quote keeps it" in err
    code, _, err = run(f"{base} --value 72 --quote '{OUTPUT_2022}'", data=ledger)
    assert code == 2  # the same quote again is not a new one
    assert digest(ledger) == before
    assert run(f"{base} --value 67.75", data=ledger).code == 0  # the same value: no question
    assert run(f"{base} --value 72 --keep-quote", data=ledger).code == 0
    assert f'quote = "{OUTPUT_2022}"' in ledger.read_text(encoding="utf-8")
    assert run(f"{base} --value 73 --quote 产值730亿元", data=ledger).code == 0
    text = ledger.read_text(encoding="utf-8")
    assert 'quote = "产值730亿元"' in text
    assert OUTPUT_2022 not in text.split("industry_output_value")[1].split("[[indicators]]")[0]


# --- validate for machines (issue 21) -----------------------------------------------------------


def test_validate_json_lists_coded_problems_in_line_order(tmp_path: Path) -> None:
    import json

    body = (
        indicator("a", {2020: 1, 2022: 2})
        + indicator("a", {2021: 1})  # a duplicate id
        + target("t", "nobody", 3, deadline=2025)  # an unknown indicator
        + '[[indicators]]\nid = "b"\nname = "B"\nunit = 5\ncategory = "c"\ncolour = "x"\n'
    )
    data = write(tmp_path, body)
    code, out, err = run("validate", str(data), "-f", "json")
    assert (code, err) == (1, "")
    entries = json.loads(out)
    assert [set(e) for e in entries] == [
        {"code", "path", "line", "column", "message", "hint"}
    ] * len(entries)
    lines = [e["line"] for e in entries]
    assert lines == sorted(lines)
    codes = {e["code"] for e in entries}
    assert {"duplicate-id", "unknown-reference", "bad-type", "unknown-key"} <= codes
    text = run("validate", str(data))
    located = [line for line in text.err.splitlines()[1:] if line.startswith(f"  {data}:")]
    numbers = [int(line.split(":")[1]) for line in located]
    assert numbers == sorted(numbers)  # the text form in line order too
    assert len(numbers) == len(entries)


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        (b"schema_version = 1\n[dataset\n", "toml-syntax", 2),
        (b"", "empty-file", None),
        (b"\xff\xfe\x00\x00", "not-utf8", None),
        (None, "unreadable-file", None),
    ],
)
def test_validate_json_names_a_file_it_cannot_read(
    tmp_path: Path, content: bytes | None, code: str, line: int | None
) -> None:
    import json

    path = tmp_path / "d.toml"
    if content is not None:
        path.write_bytes(content)
    result = run("validate", str(path), "-f", "json")
    assert (result.code, result.err) == (1, "")
    [entry] = json.loads(result.out)
    assert (entry["code"], entry["line"], entry["path"]) == (code, line, "")


def test_validate_json_of_a_valid_dataset_is_an_empty_array() -> None:
    assert run("validate -f json") == (0, "[]\n", "")
    code, _, err = run("validate -f xml")
    assert code == 2
    assert err.startswith("rarecli: error: --format: unknown format 'xml'")


# --- the data package says its licence (issue 21) -----------------------------------------------


def test_the_data_package_states_the_ledgers_licence(tmp_path: Path) -> None:
    import json

    code, _, err = run("export", str(tmp_path / "pkg"), "--datapackage")
    assert (code, err) == (0, "")
    descriptor = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"] == [
        {"name": "CC-BY-4.0", "path": "https://spdx.org/licenses/CC-BY-4.0.html"}
    ]
    bad = write(tmp_path, indicator("a", {2020: 1})).read_text(encoding="utf-8")
    bad_path = tmp_path / "bad.toml"
    bad_path.write_text(
        bad.replace('region = "Testland"', 'region = "Testland"\nlicense = "CC BY 4.0"')
    )
    code, _, err = run("validate", str(bad_path))
    assert code == 1
    assert "dataset.license: 'CC BY 4.0' is not an SPDX licence id" in err
    code, _, _ = run("export", str(tmp_path / "none"), "--datapackage", data=tmp_path / "data.toml")
    descriptor = json.loads((tmp_path / "none" / "datapackage.json").read_text(encoding="utf-8"))
    assert "licenses" not in descriptor  # a dataset that states none gets none


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_wide_table_is_refused_in_one_message(
    ledger: Path, tmp_path: Path, suffix: str
) -> None:
    wide = tmp_path / f"series{suffix}"
    assert run("observations", "--wide", "-o", str(wide), data=ledger).code == 0
    before = digest(ledger)
    code, _, err = run("import", str(wide), "--replace", data=ledger)
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == f"rarecli: error: {wide}: 1 problem; nothing was changed"
    assert "this is the wide table (a column per year: 2011…" in lines[1]
    assert "write the long table with `rarecli observations -o FILE`" in lines[1]
    assert len(lines) == 2
    assert digest(ledger) == before


# --- the command line speaks one language (issue 21) -------------------------------------------


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        ("show", "Missing argument 'ID'", "see `rarecli show --help`"),
        ("growth --vlaue 3", "No such option: --vlaue", "see `rarecli growth --help`"),
        ("grwoth", "No such command 'grwoth'", "did you mean 'growth'?"),
        ("add observation x --yeer 3", "No such option: --yeer", "did you mean --year?"),
        ("growth --from abc", "Invalid value for '--from'", "see `rarecli growth --help`"),
    ],
)
def test_a_command_line_mistake_is_the_tools_one_line_not_a_box(
    args: str, message: str, hint: str
) -> None:
    code, out, err = run(args)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"rarecli: error: {message}")
    assert lines[1:] == [f"  hint: {hint}"]
    assert not any(box in err for box in "╭│╰─")


def test_ctrl_c_after_the_edit_was_written_says_so(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rarecli.commands.add as add_module
    from rarecli.ledger import files

    monkeypatch.setattr(files, "WRITTEN", [])

    def stopped(*args: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C while the confirmation is printed

    monkeypatch.setattr(add_module, "print_outcomes", stopped)
    code, _, err = run(
        "add observation rare_earth_enterprises --year 2031 --value 5 --source gim_2024_10_09",
        data=ledger,
    )
    assert code == 130
    assert err == f"rarecli: interrupted; the edit was written to {ledger}\n"
    assert "year = 2031" in ledger.read_text(encoding="utf-8")


# --- the battery's rerun: what it still found ----------------------------------------------------


def test_a_stray_cell_far_to_the_right_does_not_make_every_row_that_wide(
    ledger: Path, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Observations"
    sheet.append(["indicator_id", "year", "value", "source_id"])
    sheet.append(["rare_earth_enterprises", 2031, 5, "gim_2024_10_09"])
    sheet["XFD100000"] = "x"  # 16,384 columns: read cell by cell, 1.6 billion cells
    path = tmp_path / "far.xlsx"
    book.save(path)
    code, out, err = run("import", str(path), "--dry-run", data=ledger)
    assert (code, err) == (0, "")
    assert "would add 1, would replace 0, unchanged 0" in out


def test_long_names_inside_outputs_fit_too(tmp_path: Path) -> None:
    long_id = "i" * 300
    data = write(tmp_path, indicator(long_id, {2020: 1, 2022: 2}))
    code, _, err = run("report", "-o", str(tmp_path / "b.md"), data=data)
    assert (code, err) == (0, "")
    [chart] = (tmp_path / "b_files").iterdir()
    assert len(chart.name.encode()) <= 255
    assert chart.name in (tmp_path / "b.md").read_text(encoding="utf-8")
    package = tmp_path / ("p" * 250)
    code, _, err = run("export", str(package), "--datapackage", data=data)
    assert (code, err) == (0, "")
    assert (package / "datapackage.json").exists()


def test_more_invisible_characters_and_longer_integers(tmp_path: Path) -> None:
    for char in ("\U000e0041", "\u00ad"):
        data = write(tmp_path, indicator("a", {2020: 1}).replace('name = "A"', f'name = "A{char}"'))
        code, _, err = run("validate", str(data))
        assert code == 1
        assert f"contains an invisible character (U+{ord(char):04X}" in err
    data = write(tmp_path, indicator("a", {2020: 1}).replace("value = 1", "value = " + "1" * 4400))
    code, _, err = run("validate", str(data))
    assert code == 1
    assert "an integer of more than 4,300 digits is too long to read" in err


@pytest.mark.parametrize("args", [["--help"], ["--version"], []])
def test_help_and_version_onto_a_closed_output_are_one_line(args: list[str]) -> None:
    code, err = _rarecli(*args, close_stdout=True)
    assert (code, err) == (1, "rarecli: error: standard output is closed\n")


def test_a_long_path_or_option_is_not_echoed_whole() -> None:
    for args in (["--data", "x" * 120_000, "growth"], ["growth", "--" + "y" * 120_000]):
        code, _, err = run(*args)
        assert code in (1, 2)
        assert len(err) < 500
        assert "(120,00" in err


def test_values_too_far_apart_for_one_axis_are_refused_by_chart_and_listed_by_the_brief(
    tmp_path: Path,
) -> None:
    text = indicator("extreme", {2020: 1, 2022: 1e20}) + target(
        "t", "extreme", -1.7e308, deadline=2030, direction="at_most"
    )
    data = write(tmp_path, text)
    for args in (["chart", "extreme", "-o", str(tmp_path / "x.svg")], ["chart", "extreme"]):
        code, out, err = run(*args, data=data)
        assert (code, out) == (1, "")
        assert err.startswith(f"rarecli: error: {data}: cannot draw extreme: its values run from ")
        assert "too far apart for one axis" in err
    code, _, err = run("report", "-o", str(tmp_path / "r.html"), data=data)
    assert (code, err) == (0, "")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'aria-label="Extreme"' not in page  # no chart for it
    assert "Extreme" in page  # but its figures are listed


# --- found by review --------------------------------------------------------------------------


def test_add_with_data_but_no_kind_prints_its_help_and_exits_0(ledger: Path) -> None:
    code, out, err = run("add", data=ledger)
    assert (code, err) == (0, "")
    assert "Usage: rarecli add" in out


def test_a_header_below_an_empty_first_row_keeps_every_column(tmp_path: Path) -> None:
    from rarecli.ledger.tabular import read_table

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([None])
    sheet.append(["indicator_id", "year", "value", "source_id"])
    sheet.append(["rare_earth_enterprises", 2031, 5, "gim_2024_10_09"])
    path = tmp_path / "low.xlsx"
    book.save(path)
    assert read_table(path).columns == ["indicator_id", "year", "value", "source_id"]


def test_the_stale_quote_message_tells_close_values_apart() -> None:
    from rarecli.ledger.plan import Change
    from rarecli.ledger.scan import OBSERVATIONS
    from rarecli.ledger.session import stale_quote
    from rarecli.ledger.values import number

    change = Change(OBSERVATIONS, ("a", 2020, 12), {"value": number("1234568")})
    said = stale_quote(change, {"value": 1234567.0, "quote": "q"})
    assert said == "the quote 'q' backs the old value 1234567, not 1234568"


def test_an_apostrophe_in_a_path_is_not_taken_for_a_quoted_value() -> None:
    from rarecli.commands.messages import _cut_values

    line = (
        "/home/o'neill/projects/rare-earth-ledgers/baotou/indicators.toml:12: "
        "indicators[3].observations[0].source: unknown source id 'nbs_2024'"
    )
    assert _cut_values(line) == line


def test_a_ctrl_c_pending_when_the_rename_begins_leaves_sigint_unblocked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import signal

    from rarecli.ledger import files

    real = signal.pthread_sigmask

    def pending(how: int, mask: object) -> object:
        real(how, mask)  # type: ignore[arg-type]
        if how == signal.SIG_BLOCK:
            raise KeyboardInterrupt  # the pending handler runs as the call returns
        return set()

    monkeypatch.setattr(signal, "pthread_sigmask", pending)
    with pytest.raises(KeyboardInterrupt), files._uninterrupted():
        pass
    monkeypatch.undo()
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())
