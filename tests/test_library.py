"""rarecli as a Python library: its errors name parameters, not flags; a load error names the
path; its modules are attributes, and dir() lists the API."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import rarecli
from helpers import indicator, write


def test_library_errors_name_parameters_not_flags(shipped: rarecli.Dataset) -> None:
    with pytest.raises(rarecli.UsageError) as caught:
        rarecli.growth(shipped, 2013)
    assert str(caught.value) == "start: the dataset has no observation in 2013"
    assert "--" not in str(caught.value)
    with pytest.raises(rarecli.UsageError) as caught:
        rarecli.target_progress(shipped, statuses=["ontrack"])
    assert str(caught.value) == "statuses: unknown status 'ontrack'"
    assert caught.value.hint == "did you mean 'on_track'?"


def test_library_load_error_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(rarecli.DatasetError) as caught:
        rarecli.load_dataset(missing)
    assert str(caught.value) == f"{missing}: no such file\n  (check the path)"
    bad = write(tmp_path, indicator("a", {2020: 1}).replace("unit", "unti"))
    with pytest.raises(rarecli.DatasetError) as caught:
        rarecli.load_dataset(bad)
    assert str(caught.value).splitlines()[1] == (
        f"  {bad}:14: indicators[0].unti: unknown key 'unti' (did you mean 'unit'?)"
    )


def test_modules_are_attributes_and_dir_lists_the_api() -> None:
    assert "frames" in dir(rarecli)
    assert "growth" in dir(rarecli)
    assert "Any" not in dir(rarecli)
    assert callable(rarecli.frames.observations)
    importlib.import_module("rarecli.queries.growth")  # must not shadow the function
    assert callable(rarecli.growth)
    assert rarecli.growth.__module__ == "rarecli.queries.growth"
