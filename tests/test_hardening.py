"""Hostile files, hostile text, failing writes: every command stays clean and loses nothing."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import HEADER, enterprise, indicator, run, target, write
from rarecli.model import OBSERVATION_STATUSES

COMMANDS = [
    "growth",
    "targets",
    "indicators",
    "show a",
    "enterprises",
    "sources",
    "validate --data",  # validate reads --data like the others when given no PATH
]
FORMATS = ["csv", "tsv", "json", "markdown", "table"]


def command_args(command: str, data: Path) -> list[str]:
    words = command.split()
    if words[-1] == "--data":
        return [*words, str(data)]
    return [*words, "--data", str(data)]


BAD_FILES: dict[str, tuple[bytes | None, str]] = {
    "missing": (None, "no such file"),
    "empty": (b"", "the file is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
    "utf16": ("schema_version = 1\n".encode("utf-16"), "UTF-16"),
    "latin1": (HEADER.replace("A publisher", "Caf\xe9").encode("latin-1"), "not UTF-8"),
    "syntax": ((HEADER + "[[indicators]\n").encode(), "TOML syntax error"),
    "nan": ((HEADER + indicator("a", {2020: 1}).replace("= 1\n", "= nan\n")).encode(), "finite"),
    "inf": ((HEADER + indicator("a", {2020: 1}).replace("= 1\n", "= inf\n")).encode(), "finite"),
    "unknown_key": ((HEADER + "colour = 1\n").encode(), "unknown key 'colour'"),
    "missing_key": (HEADER.replace('region = "Testland"\n', "").encode(), "'region'"),
    "duplicate": ((HEADER + indicator("a") + indicator("a")).encode(), "duplicate"),
    "dangling": ((HEADER + indicator("a") + target("t", "b", 1)).encode(), "unknown indicator"),
    "version": (HEADER.replace("= 1\n", "= 99\n", 1).encode(), "schema_version"),
    "year_type": ((HEADER + indicator("a", {2020: 1}).replace("2020", '"2020"')).encode(), "year"),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_matrix(tmp_path: Path, command: str, case: str) -> None:
    content, message = BAD_FILES[case]
    data = tmp_path / "data.toml"
    if content is not None:
        data.write_bytes(content)
    code, out, err = run(*command_args(command, data))
    assert code == 1
    assert out == ""
    assert str(data) in err
    assert message in err


def test_directory_matrix(tmp_path: Path) -> None:
    for command in COMMANDS:
        code, out, err = run(*command_args(command, tmp_path))
        assert (code, out) == (1, "")
        assert f"{tmp_path}: is a directory" in err


def test_huge_and_zero_values(tmp_path: Path) -> None:
    body = indicator("a", {2020: -1e308, 2022: 1e308}) + indicator("b", {2020: 0, 2022: 0})
    body += target("t", "a", 1e308, deadline=2030) + target("u", "b", 0, deadline=2030)
    data = write(tmp_path, body)
    for command in ("growth --all", "targets", "indicators", "show a"):
        for fmt in FORMATS:
            code, out, _ = run(*command.split(), "--data", str(data), "-f", fmt)
            assert code == 0, (command, fmt)
            if fmt == "json":
                json.loads(out)  # no NaN or Infinity in the output
                assert "Infinity" not in out
                assert "NaN" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["growth", "--from", "1900"], "no observation in 1900"),
        (["growth", "--to", "2999"], "no observation in 2999"),
        (["growth", "--sort", "x"], "--sort"),
        (["targets", "--status", "x"], "unknown status"),
        (["targets", "--year", "x"], "--year"),
        (["show", "zzz"], "unknown indicator id"),
        (["enterprises", "--kind", "x"], "unknown kind"),
        (["indicators", "--format", "xls"], "--format"),
        (["sources", "--output", "x.docx"], "cannot tell the format"),
    ],
)
def test_bad_values_on_the_shipped_data(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert message in err


# --- hostile text --------------------------------------------------------------------------

HOSTILE = "=cmd|' /C calc'!A0"
MARKUP = "[link=http://evil]link[/link] [bold red]markup[/]"
ESCAPE = "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ \x1b[2J"


def hostile_dataset(tmp_path: Path) -> Path:
    text = f"""schema_version = 1
[dataset]
title = "{HOSTILE}"
region = "{HOSTILE}"
[[sources]]
id = "src"
title = "-{HOSTILE}"
publisher = "+{HOSTILE}"
url = "https://example.com/@{HOSTILE}"
[[enterprises]]
id = "e"
name = "{HOSTILE}"
name_zh = "{HOSTILE}"
kind = "company"
segment = "{HOSTILE}"
distinction = "{HOSTILE}"
[[indicators]]
id = "a"
name = "{HOSTILE}"
unit = "=u"
category = "=c"
scope = "e"
  [[indicators.observations]]
  year = 2020
  value = -5
  source = "src"
  quote = "{HOSTILE}"
  note = "\\t{HOSTILE}"
  [[indicators.observations]]
  year = 2022
  value = 7
  source = "src"
  quote = "\\t{HOSTILE}"
[[targets]]
id = "t"
indicator = "a"
value = 10
deadline = 2030
source = "src"
"""
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command", ["growth", "targets", "indicators", "show a", "enterprises", "sources"]
)
@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_formula_guard_on_every_text_cell(tmp_path: Path, command: str, delimiter: str) -> None:
    data = hostile_dataset(tmp_path)
    fmt = "csv" if delimiter == "," else "tsv"
    code, out, _ = run(*command.split(), "--data", str(data), "-f", fmt)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out), delimiter=delimiter))
    assert len(rows) >= 2
    for row in rows[1:]:
        for cell in row:
            if cell and cell[0] in "=+@\t\r":
                pytest.fail(f"{command}: unguarded cell {cell!r}")
            if cell.startswith("-"):  # only numbers may start with a minus sign
                float(cell)


@pytest.mark.parametrize(
    "command",
    ["growth", "targets", "indicators", "show a", "enterprises", "enterprises e", "sources"],
)
def test_terminal_text_is_literal(tmp_path: Path, command: str) -> None:
    data = tmp_path / "markup.toml"
    text = hostile_dataset(tmp_path).read_text(encoding="utf-8")
    data.write_text(text.replace(HOSTILE, MARKUP), encoding="utf-8")
    code, out, _ = run(*command.split(), "--data", str(data), "-f", "table")
    assert code == 0
    flat = out.replace("\n", "").replace(" ", "")
    assert "[boldred]markup[/]" in flat or "[link=http://evil]" in flat


@pytest.mark.parametrize("key", ["title", "region"])
def test_escape_sequences_never_reach_a_terminal(tmp_path: Path, key: str) -> None:
    data = tmp_path / "esc.toml"
    text = hostile_dataset(tmp_path).read_text(encoding="utf-8")
    escaped = ESCAPE.replace("\\", "\\\\").replace("\x1b", "\\u001b")
    data.write_text(text.replace(f'{key} = "{HOSTILE}"', f'{key} = "{escaped}"'), encoding="utf-8")
    code, out, err = run("growth", "--data", str(data), "-f", "table")
    assert (code, out) == (1, "")
    assert "\x1b" not in err
    assert f"dataset.{key}: contains a control character (U+001B)" in err


# --- writes that cannot lose data ----------------------------------------------------------


def test_failure_while_writing_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rarecli.render.write as write_module

    path = tmp_path / "out.csv"
    path.write_text("precious")

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write_module.os, "fsync", disk_full)
    code, out, err = run("growth", "-o", str(path))
    assert (code, out) == (1, "")
    assert "No space left on device" in err
    assert path.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_unwritable_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rarecli.render.write as write_module

    def refused(**_: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(write_module.tempfile, "mkstemp", refused)
    code, out, err = run("growth", "-o", str(tmp_path / "out.csv"))
    assert (code, out) == (1, "")
    assert "Permission denied" in err


def test_debug_env_var_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import rarecli.queries.indicators

    def boom(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(rarecli.queries.indicators, "indicator_table", boom)
    result = run("indicators", env={"RARECLI_DEBUG": "1"})
    assert result.code == 1
    assert "Traceback" in result.err
    assert "RuntimeError: boom" in result.err


# --- random datasets through every command and format --------------------------------------

ids = st.sampled_from(["a", "b", "c", "d"])
values = st.one_of(st.integers(-1000, 1000), st.floats(-1e6, 1e6, allow_nan=False))
series = st.dictionaries(
    st.integers(2015, 2024), st.tuples(values, st.sampled_from(OBSERVATION_STATUSES))
)


@st.composite
def datasets(draw: st.DrawFn) -> str:
    names = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    body = enterprise("e", "E 稀土")
    for name in names:
        points = draw(series)
        unit = draw(st.sampled_from(["%", "t", "CNY bn"]))
        scope = draw(st.sampled_from([None, "e"]))
        body += indicator(name, dict(points), unit=unit, scope=scope)
    for k, name in enumerate(draw(st.lists(st.sampled_from(names), max_size=3))):
        extra: dict[str, object] = {"direction": draw(st.sampled_from(["at_least", "at_most"]))}
        deadline = draw(st.one_of(st.none(), st.integers(2010, 2035)))
        if deadline is not None:
            extra["deadline"] = deadline
        body += target(f"t{k}", name, draw(values), **extra)
    return HEADER + body


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(datasets())
def test_random_datasets_through_every_command(tmp_path: Path, text: str) -> None:
    data = tmp_path / "random.toml"
    data.write_text(text, encoding="utf-8")
    for command in ("growth --all", "targets", "indicators", "show a", "enterprises", "sources"):
        if command == "show a" and 'id = "a"' not in text:
            continue
        outputs = {}
        for fmt in FORMATS:
            code, out, err = run(*command.split(), "--data", str(data), "-f", fmt)
            assert code == 0, (command, fmt, err)
            outputs[fmt] = out
        records = json.loads(outputs["json"])
        rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
        assert len(rows) == len(records)
        for row, record in zip(rows, records, strict=True):
            assert list(row) == list(record)
            for key, value in record.items():
                cell = row[key]
                if value is None:
                    assert cell == ""
                elif isinstance(value, bool):
                    assert cell == ("true" if value else "false")
                elif isinstance(value, (int, float)):
                    assert math.isclose(float(cell), value)
                elif isinstance(value, list):
                    assert cell == ";".join(value)
                else:
                    assert cell.lstrip("'") == value.lstrip("'") or cell == "'" + value


def test_ten_megabyte_file_with_one_bad_value_at_the_end(tmp_path: Path) -> None:
    points = {2015 + k: 100.5 + k for k in range(10)}
    body = "".join(indicator(f"i{n}", points) for n in range(10000))
    text = HEADER + body + indicator("last", {2020: 1}).replace("value = 1", 'value = "1"')
    data = tmp_path / "big.toml"
    data.write_text(text, encoding="utf-8")
    assert data.stat().st_size > 10_000_000
    line = text.splitlines().index('  value = "1"') + 1
    for command in (["validate", str(data)], ["growth", "--data", str(data)]):
        code, out, err = run(*command)
        assert (code, out) == (1, "")
        assert f"{data}:{line}: indicators[10000].observations[0].value: expected a number" in err
