"""Whole processes: start-up stays light (no pandas for help, version and usage errors),
`python -m rarecli` works, and a closed pipe ends quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def imported_modules(*args: str) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "rarecli", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--help",), 0),
        (("--version",), 0),
        (("growth", "--help"), 0),
        (("growth", "--nope"), 2),
        # the tool's own vocabularies are checked before the dataset is read
        (("growth", "--sort", "chnage", "--data", "missing.toml"), 2),
        (("targets", "--status", "ontrack", "--data", "missing.toml"), 2),
        (("enterprises", "--kind", "parc", "--data", "missing.toml"), 2),
        (("growth", "-f", "jsn", "--data", "missing.toml"), 2),
        (("growth", "-o", "x.xyz", "--data", "missing.toml"), 2),
        (("growth", "-f", "json", "--bom", "--data", "missing.toml"), 2),
        (("growth", "--months", "0", "--data", "missing.toml"), 2),
    ],
)
def test_no_pandas_at_start_up(args: tuple[str, ...], code: int) -> None:
    returncode, trace = imported_modules(*args)
    assert returncode == code
    modules = {line.split("|")[-1].strip() for line in trace.splitlines() if "|" in line}
    assert "rarecli.cli" in modules  # the trace is real
    assert "pandas" not in modules
    assert "numpy" not in modules
    assert "openpyxl" not in modules


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (("add", "--help"), "add"),
        (("add", "observation", "--help"), "add"),
        (("import", "--help"), "import_file"),
    ],
)
def test_edit_commands_help_is_light(args: tuple[str, ...], module: str) -> None:
    returncode, trace = imported_modules(*args)
    assert returncode == 0
    modules = {line.split("|")[-1].strip() for line in trace.splitlines() if "|" in line}
    assert f"rarecli.commands.{module}" in modules
    assert not {"openpyxl", "pandas", "rarecli.ledger.session"} & modules


LATE = ("matplotlib", "jinja2")  # the chart and template libraries: for chart and report only


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--help",), 0),
        (("growth", "-f", "csv"), 0),
        (("targets", "-f", "csv"), 0),
        (("chart", "--help"), 0),
        (("report", "--help"), 0),
        (("chart", "industry_output_value", "-o", "x.bmp"), 2),
        (("report", "-o", "x.pdf"), 2),
    ],
)
def test_chart_libraries_only_where_drawn(args: tuple[str, ...], code: int) -> None:
    returncode, trace = imported_modules(*args)
    assert returncode == code
    modules = {line.split("|")[-1].strip() for line in trace.splitlines() if "|" in line}
    assert "rarecli.cli" in modules
    for library in LATE:
        assert library not in modules, library
    if code == 2:  # a usage error is found before the dataset is read
        assert "pandas" not in modules


def test_chart_imports_matplotlib_without_pyplot(tmp_path: Path) -> None:
    returncode, trace = imported_modules(
        "chart", "industry_output_value", "-o", str(tmp_path / "c.svg")
    )
    assert returncode == 0
    modules = {line.split("|")[-1].strip() for line in trace.splitlines() if "|" in line}
    assert "matplotlib.figure" in modules  # the trace is real
    assert "matplotlib.pyplot" not in modules
    assert "jinja2" not in modules


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rarecli", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("rarecli ")


def test_closed_pipe_ends_quietly() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before rarecli writes: every write gets EPIPE
    try:
        result = subprocess.run(
            [sys.executable, "-m", "rarecli", "growth", "-f", "csv"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 1  # Python's convention for EPIPE; nothing else is reported


def test_shell_completion_is_light() -> None:
    script = Path(sys.executable).with_name("rarecli")
    if not script.exists():
        pytest.skip("the rarecli script is not installed beside this Python")
    env = {**os.environ, "_RARECLI_COMPLETE": "complete_bash", "COMP_WORDS": "rarecli gr"}
    env |= {"COMP_CWORD": "1", "PYTHONPROFILEIMPORTTIME": "1"}
    result = subprocess.run([script], env=env, capture_output=True, text=True, check=False)
    assert result.stdout.split() == ["growth"]
    modules = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "rarecli.cli" in modules
    assert "pandas" not in modules


SPREADSHEET_LIBRARIES = ("xlsxwriter", "openpyxl", "frictionless")


@pytest.mark.parametrize(
    "args",
    [("--help",), ("growth", "-f", "csv"), ("observations", "-f", "csv"), ("export", "--help")],
)
def test_spreadsheet_libraries_only_when_used(args: tuple[str, ...]) -> None:
    returncode, trace = imported_modules(*args)
    assert returncode == 0
    modules = {line.split("|")[-1].strip() for line in trace.splitlines() if "|" in line}
    assert "rarecli.cli" in modules
    assert not {m.split(".")[0] for m in modules} & set(SPREADSHEET_LIBRARIES)


def test_xlsx_imports_xlsxwriter_alone() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "rarecli", "growth", "-f", "xlsx"],
        stdout=subprocess.DEVNULL,  # a workbook, not text
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    lines = result.stderr.splitlines()
    roots = {line.split("|")[-1].strip().split(".")[0] for line in lines if "|" in line}
    assert "xlsxwriter" in roots  # the trace sees a library that is imported
    assert not roots & {"openpyxl", "frictionless"}
