"""rarecli as a Python library: its errors name parameters, not flags; a load error names the
path; its modules are attributes, and dir() lists the API."""

from __future__ import annotations

import importlib
import warnings
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
    assert str(caught.value).splitlines()[2] == (  # problems in line order
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


# --- the module names of 0.1, kept for one release ----------------------------------------------


@pytest.mark.parametrize(
    ("old", "attribute", "now"),
    [
        ("catalog", "indicator_table", "rarecli.queries.indicators"),
        ("catalog", "observation_table", "rarecli.queries.show"),
        ("catalog", "source_table", "rarecli.queries.sources"),
        ("catalog", "find_indicator", "rarecli.queries.selection"),
        ("enterprises", "enterprise_table", "rarecli.queries.enterprises"),
    ],
)
def test_the_module_names_of_0_1_still_work_with_a_warning(
    old: str, attribute: str, now: str
) -> None:
    with pytest.warns(DeprecationWarning, match=f"rarecli.{old} is renamed"):
        module = getattr(rarecli, old)
    assert getattr(module, attribute).__module__ == now


def test_the_old_analysis_package_holds_the_renamed_modules() -> None:
    with pytest.warns(DeprecationWarning, match="rarecli.analysis is renamed"):
        analysis = rarecli.analysis
    assert analysis.growth.growth is rarecli.growth
    assert analysis.progress.target_progress is rarecli.target_progress
    with pytest.warns(DeprecationWarning, match="rarecli.catalog is renamed"):
        assert rarecli.catalog.OBSERVATION_COLUMNS is rarecli.catalog.SHOW_COLUMNS


def test_the_old_names_are_not_listed_and_the_new_ones_warn_not() -> None:
    assert {"catalog", "analysis", "enterprises"}.isdisjoint(dir(rarecli))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert callable(rarecli.queries.growth.compare_years)
        assert callable(rarecli.enterprise_table)
    with pytest.raises(AttributeError, match="no attribute 'views'"):
        _ = rarecli.views
