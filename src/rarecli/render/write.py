"""Choosing the format and writing the result: stdout, or a file replaced atomically."""

from __future__ import annotations

import io
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from rarecli.errors import OutputError, UsageError
from rarecli.render.delimited import delimited
from rarecli.render.report import SUFFIXES, Format, Report
from rarecli.render.structured import to_json, to_markdown

if TYPE_CHECKING:
    from rich.console import Console

FILE_TABLE_WIDTH = 120
BOM = "\ufeff"


def choose_format(fmt: Format | None, output: Path | None, is_terminal: bool) -> Format:
    """--format if given; else the suffix of --output; else table on a terminal, CSV otherwise."""
    if fmt is not None:
        return fmt
    if output is not None:
        found = SUFFIXES.get(output.suffix.lower())
        if found is None:
            known = ", ".join(SUFFIXES)
            raise UsageError(
                f"--output {output}: cannot tell the format from the suffix {output.suffix!r}",
                f"use one of {known}, or pass --format",
            )
        return found
    return Format.table if is_terminal else Format.csv


def serialize(report: Report, fmt: Format, bom: bool = False) -> str:
    """The report as text in a machine or file format (a table is drawn without colour)."""
    if bom and fmt not in (Format.csv, Format.tsv):
        raise UsageError(f"--bom goes with csv or tsv, not {fmt.value}", "drop --bom")
    if fmt is Format.table:
        from rich.console import Console

        buffer = io.StringIO()
        Console(file=buffer, width=FILE_TABLE_WIDTH, color_system=None).print(
            report.table(FILE_TABLE_WIDTH)
        )
        return buffer.getvalue()
    if fmt is Format.json:
        return to_json(report.frame, report.kinds)
    if fmt is Format.markdown:
        return to_markdown(report.frame, report.kinds)
    text = delimited(report.frame, report.kinds, "," if fmt is Format.csv else "\t")
    return BOM + text if bom else text


def emit(
    report: Report,
    fmt: Format | None = None,
    output: Path | None = None,
    bom: bool = False,
    protect: Path | None = None,
    console: Console | None = None,
) -> None:
    """Print the report on standard output (through `console`, if given, for a table), or write
    it to `output`, never onto `protect`.

    Rich is imported only to draw a table: CSV and JSON runs stay free of its import cost, so
    the terminal is detected with isatty() unless a console is handed in.
    """
    is_terminal = console.is_terminal if console is not None else sys.stdout.isatty()
    chosen = choose_format(fmt, output, is_terminal)
    if output is not None:
        write_atomic(output, serialize(report, chosen, bom), protect)
    elif chosen is Format.table:
        if bom:
            raise UsageError("--bom goes with csv or tsv, not table", "drop --bom")
        if console is None:
            from rich.console import Console

            console = Console()
        console.print(report.table(console.width))
    else:
        sys.stdout.write(serialize(report, chosen, bom))
        sys.stdout.flush()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def write_atomic(path: Path, text: str | bytes, protect: Path | None = None) -> None:
    """Replace `path` with `text` (str as UTF-8, or bytes as they are) in one step; on any
    failure an existing file is untouched.

    A path that is not a regular file (a device such as /dev/stdout, a pipe) is written in place.
    """
    if protect is not None and _same_file(path, protect):
        raise OutputError(
            f"--output {path}: refusing to overwrite the dataset being read",
            "write to another file",
        )
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"--output {path}: {exc.strerror or exc}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"--output {path}: is a directory", "name a file")
    try:
        if mode is not None and not stat.S_ISREG(mode):
            with path.open("wb") as handle:
                handle.write(data)
            return
        _replace(path, data, mode)
    except OSError as exc:
        raise OutputError(
            f"--output {path}: cannot write: {exc.strerror or exc}",
            "check the directory exists, is writable and has space",
        ) from None


def _replace(path: Path, data: bytes, mode: int | None) -> None:
    directory = path.parent if str(path.parent) else Path()
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        Path(temp).chmod(stat.S_IMODE(mode) if mode is not None else 0o666 & ~umask)
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
