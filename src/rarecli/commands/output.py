"""Where a listing goes and in which format: checked before the dataset is read, then written."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from rarecli.errors import OutputError, UsageError
from rarecli.render.formats import BINARY, Format, choose_format

if TYPE_CHECKING:
    from rarecli.model import Dataset
    from rarecli.render.listing import Listing


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal: a table there, CSV (or the brief's HTML) when
    piped or redirected. One place to ask (and for tests to answer)."""
    return sys.stdout.isatty()


class Destination(NamedTuple):
    fmt: Format
    output: Path | None
    bom: bool


def destination(fmt: str | None, output: Path | None, bom: bool) -> Destination:
    """Where and how a listing goes, checked before the dataset is read: `-o` a directory (exit
    1); a suffix that names no format, `--bom` with a format other than CSV or TSV, a binary
    format (xlsx) to a terminal (exit 2)."""
    if output is not None and output.is_dir():
        raise OutputError(f"--output {output}: is a directory", "name a file")
    is_terminal = stdout_is_terminal()
    chosen = choose_format(Format(fmt) if fmt else None, output, is_terminal)
    if bom and chosen not in (Format.csv, Format.tsv):
        raise UsageError(f"--bom goes with csv or tsv, not {chosen.value}", "drop --bom")
    if chosen in BINARY and output is None and is_terminal:
        raise UsageError(
            f"{chosen.value} is a binary format and is not written to a terminal",
            f"write it to a file: -o NAME.{chosen.value} (or redirect: > NAME.{chosen.value})",
        )
    return Destination(chosen, output, bom)


def emit(listing: Listing, ds: Dataset, to: Destination) -> None:
    from rarecli.render.write import emit as write_listing

    def sources() -> Listing | None:  # the Sources sheet of an xlsx workbook, built only for one
        from rarecli.export.sheets import cited_sources

        return cited_sources(ds, listing)

    write_listing(listing, to.fmt, to.output, to.bom, protect=Path(ds.origin), sources=sources)
