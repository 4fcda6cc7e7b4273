"""The one atomic writer, used by every output file and by the dataset's editor."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from rarecli.render import write as write_module
from rarecli.render.write import create_file, replace_file


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_replace_file_keeps_the_mode_given(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old")
    path.chmod(0o640)
    replace_file(path, b"new", path.stat().st_mode)
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        replace_file(tmp_path / "a", b"x")
        create_file(tmp_path / "b", b"y")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "b").stat().st_mode) == 0o640
    assert (tmp_path / "b").read_bytes() == b"y"


def test_create_file_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text("mine")
    with pytest.raises(FileExistsError):
        create_file(path, b"theirs")
    assert path.read_text() == "mine"
    assert _leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old")

    def disk_full(_: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write_module.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        replace_file(path, b"new")
    with pytest.raises(OSError, match="No space left"):
        create_file(tmp_path / "g.txt", b"new")
    assert path.read_text() == "old"
    assert not (tmp_path / "g.txt").exists()
    assert _leftovers(tmp_path) == []
