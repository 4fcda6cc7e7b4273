"""Writing the result: standard output, or a file replaced atomically. The one atomic writer
(`replace_file`, `create_file`) serves the dataset's editor too, so it stays light: the formats
are imported only when a listing is written."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from rarecli.environment import MIN_COLUMNS
from rarecli.errors import OutputError
from rarecli.render.formats import Format

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from rarecli.render.listing import Listing

FILE_TABLE_WIDTH = 120
BOM = "\ufeff"


def serialize(listing: Listing, fmt: Format, bom: bool = False) -> str:
    """The listing as text in a machine or file format (a table is drawn without colour)."""
    if fmt is Format.xlsx:  # bytes, not text: emit() writes it through render.xlsx
        raise ValueError("xlsx is a binary format; use rarecli.render.xlsx.workbook")
    if fmt is Format.table:
        from rich.console import Console

        buffer = io.StringIO()
        Console(file=buffer, width=FILE_TABLE_WIDTH, color_system=None).print(listing.table())
        return buffer.getvalue()
    from rarecli.render.delimited import to_csv, to_tsv
    from rarecli.render.structured import to_json, to_markdown

    if fmt is Format.json:
        return to_json(listing.frame, listing.kinds)
    if fmt is Format.markdown:
        return to_markdown(listing.frame, listing.kinds)
    text = (to_csv if fmt is Format.csv else to_tsv)(listing.frame, listing.kinds)
    return BOM + text if bom else text


def emit(
    listing: Listing,
    fmt: Format,
    output: Path | None = None,
    bom: bool = False,
    protect: Path | None = None,
    console: Console | None = None,
    sources: Callable[[], Listing | None] | None = None,
) -> None:
    """Print the listing in `fmt` on standard output (through `console`, if given, for a table),
    or write it to `output`, never onto `protect`. `sources` gives the Sources sheet of an xlsx
    workbook.

    Rich is imported only to draw a table, XlsxWriter only to write a workbook: CSV and JSON
    runs stay free of their import cost.
    """
    if fmt is Format.xlsx:
        from rarecli.render.xlsx import workbook

        data = workbook(listing, sources() if sources is not None else None)
        if output is not None:
            write_atomic(output, data, protect)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    elif output is not None:
        write_atomic(output, serialize(listing, fmt, bom).encode("utf-8"), protect)
    elif fmt is Format.table:
        (console or terminal_console()).print(listing.table())
    else:
        sys.stdout.write(serialize(listing, fmt, bom))
        sys.stdout.flush()


def terminal_console() -> Console:
    """A Rich console for standard output at the terminal's width (COLUMNS), or at MIN_COLUMNS
    where that is narrower (COLUMNS=0 would print nothing at all), saying so on stderr: the
    terminal then wraps the lines, but no number or status is split by rarecli."""
    from rich.console import Console

    console = Console()
    if console.width >= MIN_COLUMNS:
        return console
    sys.stderr.write(
        f"rarecli: note: the terminal is {console.width} columns wide, too narrow for a table; "
        f"the rows are written {MIN_COLUMNS} columns wide\n"
    )
    return Console(width=MIN_COLUMNS)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def check_not_directory(path: Path) -> None:
    """An OutputError if `path` is a directory (through a link too), whatever its name."""
    if path.is_dir():
        raise OutputError(f"{path}: is a directory", "name a file")


def check_output(path: Path, protect: Path | None = None) -> None:
    """The refusals of `write_atomic`, made before anything is written: an OutputError if
    `path` is the dataset `protect` or a directory."""
    if protect is not None and _same_file(path, protect):
        raise OutputError(
            f"{path}: refusing to overwrite the dataset being read",
            "write to another file",
        )
    check_not_directory(path)


def write_atomic(path: Path, data: bytes, protect: Path | None = None) -> None:
    """Replace `path` with `data` in one step; on any failure an existing file is untouched.

    A symbolic link is followed: its target is replaced and the link stays. A path that is not
    a regular file (a device such as /dev/stdout, a pipe) is written in place.
    """
    check_output(path, protect)
    try:
        mode = path.stat().st_mode  # through a link
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
    try:
        if mode is not None and not stat.S_ISREG(mode):
            # Opened by its own name: /dev/stdout on a pipe names no file realpath can find.
            with path.open("wb") as handle:
                handle.write(data)
            return
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        replace_file(target, data, mode)
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write: {exc.strerror or exc}",
            "check the directory exists, is writable and has space",
        ) from None


def _new_file_mode() -> int:
    """The mode a new file gets: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


NAME_MAX = 255  # bytes of one file name on the common file systems
TEMP_ROOM = 8 + len(".tmp")  # mkstemp's random part and the suffix


def hidden_beside(name: str, room: int) -> str:
    """The start of a hidden file name beside the file `name`, leaving `room` bytes for what
    follows: ".NAME.", or ".rarecli-HASH." where that would not fit (a legal name of 246 to
    255 bytes), so that temporary and lock files can always be made."""
    readable = f".{name}."
    if len(readable.encode("utf-8", "surrogateescape")) + room <= NAME_MAX:
        return readable
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return f".rarecli-{digest}."


def fitting_name(stem: str, suffix: str) -> str:
    """STEM + SUFFIX as one file name, the stem cut and marked with its hash where the whole
    would pass NAME_MAX bytes (a report's NAME_files/ beside a NAME.md of 253 bytes)."""
    name = stem + suffix
    if len(name.encode("utf-8", "surrogateescape")) <= NAME_MAX:
        return name
    digest = hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    room = NAME_MAX - len(suffix.encode("utf-8")) - len(digest) - 1
    cut = stem.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    return f"{cut}-{digest}{suffix}"


def _written_beside(path: Path, data: bytes, mode: int | None) -> Path:
    """A temporary file beside `path` holding `data`, flushed to disk, with the permission bits
    of `mode` (None: a new file's); removed again if any of that fails."""
    directory = path.parent if str(path.parent) else Path()
    prefix = hidden_beside(path.name, TEMP_ROOM)
    fd, name = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(stat.S_IMODE(mode) if mode is not None else _new_file_mode())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def replace_file(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace the file `path` with `data` in one step (a rename), keeping the permission bits of
    `mode` (None: a new file's); on any failure `path` is untouched and no temporary file stays.
    OSError as the system raises it."""
    temp = _written_beside(path, data, mode)
    try:
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def create_file(path: Path, data: bytes) -> None:
    """Create `path` holding `data` in one step, never over an existing one: FileExistsError if
    it exists, even if it appeared while the data was written (a hard link, not a rename)."""
    temp = _written_beside(path, data, None)
    try:
        os.link(temp, path)
    finally:
        temp.unlink(missing_ok=True)
