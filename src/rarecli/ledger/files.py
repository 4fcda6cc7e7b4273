"""The dataset file on disk: which file an edit may touch, the lock beside it, reading it with
its byte-order mark, and replacing it atomically (render.write's writer), keeping its mode."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from rarecli.errors import DatasetError, DatasetFileError, ExitCode, RarecliError
from rarecli.render.write import create_file, hidden_beside, replace_file

LOCK_TIMEOUT = 30.0  # seconds an edit waits for another one to finish
BOM = "\ufeff"


class LockTimeout(RarecliError):
    """Another edit held the dataset's lock for too long (exit 1)."""

    exit_code = ExitCode.FAILED


def check_target(path: Path, shown: str) -> Path:
    """The real file behind `path` (through symlinks), which must be a writable regular file."""
    try:
        real = Path(os.path.realpath(path))
        mode = real.stat().st_mode
    except FileNotFoundError:
        raise DatasetFileError(
            shown, "no such file", "check the path, or create it with `rarecli new`"
        ) from None
    except OSError as exc:
        raise DatasetFileError(shown, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise DatasetFileError(shown, "is a directory", "name a .toml dataset file")
    if not stat.S_ISREG(mode):
        raise DatasetFileError(shown, "is not a regular file", "name a .toml dataset file")
    if not mode & 0o222 or not os.access(real, os.W_OK):  # read-only even for root
        raise DatasetFileError(shown, "the file is not writable", "check its permissions")
    if not os.access(real.parent, os.W_OK | os.X_OK):
        raise DatasetFileError(
            shown, "its directory is not writable", "the edit writes a new file beside it"
        )
    return real


@contextlib.contextmanager
def locked(real: Path, shown: str) -> Iterator[None]:
    """Hold the advisory lock of the dataset (a lock file beside it) while the block runs."""
    lock_path = real.with_name(hidden_beside(real.name, len("lock")) + "lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise DatasetFileError(
            shown, f"cannot create the lock file {lock_path}: {exc.strerror or exc}"
        ) from None
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise DatasetFileError(shown, f"cannot lock: {exc.strerror or exc}") from None
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"{shown}: another edit has held the lock for {LOCK_TIMEOUT:g} s; "
                        "nothing was changed",
                        f"retry when it is done (lock file: {lock_path})",
                    ) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def read(real: Path, shown: str) -> tuple[str, str]:
    """(byte-order mark or "", text) of the dataset; errors as the loader words them."""
    from rarecli.loader import read_text

    text = read_text(real, shown)
    with real.open("rb") as handle:
        bom = BOM if handle.read(3) == BOM.encode("utf-8") else ""
    return bom, text


# The datasets this run has replaced or created, as the user named them: what a Ctrl-C message
# says was written (rarecli.commands.messages.interrupted).
WRITTEN: list[str] = []


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C back while a file is replaced and the replacement recorded, so that WRITTEN
    says exactly whether it was; the signal arrives as soon as the block ends."""
    held = None
    try:
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        yield
    finally:
        # A Ctrl-C already pending is raised by pthread_sigmask itself, after it has blocked
        # the signal: unblock it then too.
        if held is None:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        else:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)


def replace(real: Path, data: bytes, shown: str) -> None:
    """Replace the dataset `real` with `data` in one step, keeping its mode."""
    try:
        with _uninterrupted():
            replace_file(real, data, real.stat().st_mode)
            WRITTEN.append(shown)
    except OSError as exc:
        raise DatasetFileError(
            shown, f"cannot write: {exc.strerror or exc}", "check the disk has space"
        ) from None


def create(path: Path, data: bytes, shown: str) -> None:
    """Write a new file in one step; an existing path (even a dangling link) is refused."""
    if path.exists() or path.is_symlink():
        raise DatasetError(shown, "already exists", "choose another path; `new` never overwrites")
    try:
        with _uninterrupted():
            create_file(path, data)
            WRITTEN.append(shown)
    except FileExistsError:
        raise DatasetError(shown, "already exists", "choose another path") from None
    except OSError as exc:
        raise DatasetFileError(shown, f"cannot write: {exc.strerror or exc}") from None
