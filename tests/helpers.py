"""What tests share: small datasets written as TOML text, and `run`, the one way a test runs
a rarecli command in process (the start-up tests run whole processes)."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from typer.testing import CliRunner
from typer.testing import Result as Click

HEADER = """schema_version = 1

[dataset]
title = "Test industry"
region = "Testland"

[[sources]]
id = "src"
title = "A source"
publisher = "A publisher"
"""

Point = float | tuple[float, str]


def indicator(
    ident: str,
    points: dict[int, Point] | None = None,
    unit: str = "units",
    category: str = "things",
    scope: str | None = None,
) -> str:
    """An [[indicators]] table; a point is a value or (value, status)."""
    lines = [
        "[[indicators]]",
        f'id = "{ident}"',
        f'name = "{ident.replace("_", " ").capitalize()}"',
        f'unit = "{unit}"',
        f'category = "{category}"',
    ]
    if scope:
        lines.append(f'scope = "{scope}"')
    for year, point in (points or {}).items():
        value, status = point if isinstance(point, tuple) else (point, "reported")
        lines += [
            "  [[indicators.observations]]",
            f"  year = {year}",
            f"  value = {value!r}",
            '  source = "src"',
            f'  status = "{status}"',
        ]
    return "\n".join(lines) + "\n"


def target(ident: str, of: str, value: float, **extra: object) -> str:
    """A [[targets]] table; extra keys as given (strings quoted)."""
    lines = ["[[targets]]", f'id = "{ident}"', f'indicator = "{of}"', f"value = {value!r}"]
    lines.append('source = "src"')
    for key, item in extra.items():
        lines.append(f'{key} = "{item}"' if isinstance(item, str) else f"{key} = {item!r}")
    return "\n".join(lines) + "\n"


def enterprise(ident: str, name: str, kind: str = "company", **extra: str) -> str:
    lines = ["[[enterprises]]", f'id = "{ident}"', f'name = "{name}"', f'kind = "{kind}"']
    lines += [f'{key} = "{item}"' for key, item in extra.items()]
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, *parts: str, name: str = "data.toml") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(parts), encoding="utf-8")
    return path


# Six series from 1 to hundreds of billions, rising and falling, a rate, and a lower bound at
# either end: a dataset that stretches every table and format.
BIG = (
    indicator("small_up", {2020: 1, 2022: 2})
    + indicator("falls", {2020: 10, 2022: 4})
    + indicator(
        "huge_value_series_with_a_long_identifier", {2020: 123456789012.5, 2022: 987654321098.25}
    )
    + indicator("rate", {2020: 80, 2022: 88}, unit="%")
    + indicator("start_bound", {2020: (50, "lower_bound"), 2022: 60})
    + indicator("end_bound", {2020: 50, 2022: (60, "lower_bound")})
)


# --- running a command ----------------------------------------------------------------------


class Result(NamedTuple):
    """What a command did: its exit code, and what it wrote to stdout and to stderr, apart."""

    code: int
    out: str
    err: str


class BytesResult(NamedTuple):
    """The same, with stdout as bytes (xlsx to a pipe)."""

    code: int
    out: bytes
    err: str


def _invoke(
    args: tuple[str | Path, ...],
    input: str | None,
    env: Mapping[str, str] | None,
    data: Path | None,
) -> tuple[Click, bool]:
    """The command's result, and whether it was asked to show tracebacks."""
    from rarecli.cli import app
    from rarecli.environment import DEBUG_ENV

    if len(args) == 1 and isinstance(args[0], str):
        words = shlex.split(args[0])
    else:
        words = [str(arg) for arg in args]
    if data is not None:
        words = ["--data", str(data), *words]
    result = CliRunner().invoke(app, words, input=input, env=env)
    return result, "--debug" in words or bool((env or {}).get(DEBUG_ENV))


def run(
    *args: str | Path,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    data: Path | None = None,
) -> Result:
    """`rarecli ARGS` through the real app (typer's CliRunner), stdout and stderr kept apart.

    A lone string is a command line, split as a shell would: run("growth -f json"). Otherwise
    each argument is one word, a Path as its text: run("show", "a", "--data", path). `data` puts
    `--data DATA` before the command; `input` is stdin; `env` adds to the environment. Only
    --debug (or RARECLI_DEBUG) may print a traceback: any other is a failure of the test.
    """
    result, debug = _invoke(args, input, env, data)
    assert debug or "Traceback" not in result.stdout + result.stderr
    return Result(result.exit_code, result.stdout, result.stderr)


def run_bytes(
    *args: str | Path,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    data: Path | None = None,
) -> BytesResult:
    """`run`, with stdout as bytes: for binary output (xlsx to a pipe)."""
    result, debug = _invoke(args, input, env, data)
    assert debug or "Traceback" not in result.stderr
    return BytesResult(result.exit_code, result.stdout_bytes, result.stderr)
