"""Start-up stays light: help, version and usage errors never import pandas."""

from __future__ import annotations

import subprocess
import sys

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
    [(("--help",), 0), (("--version",), 0), (("growth", "--help"), 0), (("growth", "--nope"), 2)],
)
def test_no_pandas_at_start_up(args: tuple[str, ...], code: int) -> None:
    returncode, trace = imported_modules(*args)
    assert returncode == code
    modules = {line.split("|")[-1].strip() for line in trace.splitlines() if "|" in line}
    assert "rarecli.cli" in modules  # the trace is real
    assert "pandas" not in modules
    assert "numpy" not in modules


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rarecli", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("rarecli ")
