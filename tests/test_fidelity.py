"""Issue 11: every format carries what the table shows; tables never cut; output files; the
library speaks Python; usage errors first; options where people put them."""

from __future__ import annotations

import csv
import importlib
import io
import json
from pathlib import Path

import pytest
from rich.cells import cell_len

import rarecli
from helpers import indicator, run, target, write

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


# --- machine formats carry what the table shows --------------------------------------------


def test_bound_and_statuses_tell_start_and_end_lower_bounds_apart(tmp_path: Path) -> None:
    data = write(tmp_path, BIG)
    _, out, _ = run("growth", "--data", str(data), "-f", "csv")
    rows = {r["indicator_id"]: r for r in csv.DictReader(io.StringIO(out))}
    start, end = rows["start_bound"], rows["end_bound"]
    assert (start["from_status"], start["to_status"], start["bound"]) == (
        "lower_bound",
        "reported",
        "at_most",
    )
    assert (end["from_status"], end["to_status"], end["bound"]) == (
        "reported",
        "lower_bound",
        "at_least",
    )
    assert rows["small_up"]["bound"] == ""
    assert start["change"] == end["change"] == "10"  # the same numbers, told apart by bound


def test_indicators_latest_status() -> None:
    _, out, _ = run("indicators", "-f", "json")
    output = next(r for r in json.loads(out) if r["indicator_id"] == "industry_output_value")
    assert (output["latest_value"], output["latest_status"]) == (100, "lower_bound")


def test_json_lists_are_arrays_and_csv_joins_them(tmp_path: Path) -> None:
    data = write(tmp_path, BIG)
    _, out, _ = run("growth", "--data", str(data), "-f", "json")
    flags = {r["indicator_id"]: r["flags"] for r in json.loads(out)}
    assert flags["start_bound"] == ["lower_bound"]
    assert flags["small_up"] == []
    _, out, _ = run("growth", "--data", str(data), "-f", "csv")
    assert {r["indicator_id"]: r["flags"] for r in csv.DictReader(io.StringIO(out))}[
        "start_bound"
    ] == "lower_bound"


# --- --as-of hides every later figure ---------------------------------------------------------


def test_as_of_shows_no_later_figure_in_any_column() -> None:
    _, out, _ = run("targets", "--as-of", "2022", "-f", "json")
    for row in json.loads(out):
        for column in ("baseline_year", "latest_year"):
            assert row[column] is None or row[column] <= 2022, row


# --- tables never cut a number, a status or an id ----------------------------------------


@pytest.mark.parametrize("width", [40, 60, 80, 120])
@pytest.mark.parametrize("command", ["growth", "targets", "indicators", "sources", "enterprises"])
def test_tables_fit_and_keep_every_number_whole(tmp_path: Path, command: str, width: int) -> None:
    data = write(
        tmp_path,
        BIG,
        target("huge_target", "huge_value_series_with_a_long_identifier", 1e12, deadline=2030),
    )
    code, out, _ = run(
        command, "--data", str(data), "-f", "table", env={"COLUMNS": str(width), "NO_COLOR": "1"}
    )
    assert code == 0
    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert "…" not in out
    flat = out.replace("\n", " ")
    if command == "growth":
        for number in (
            "987,654,321,098.25",
            "123,456,789,012.5",
            "+16.76%" if False else "+100.00%",
        ):
            assert number in flat, (width, number)
        assert (
            "huge_value_series_with_a_long_identifier" in flat.replace(" ", "").replace("\n", "")
            or "huge_value_series_with_a_long_identifier" in out
        )


def test_ids_break_only_at_underscores_in_a_very_narrow_terminal(tmp_path: Path) -> None:
    data = write(tmp_path, BIG)
    _, out, _ = run(
        "growth", "--data", str(data), "-f", "table", env={"COLUMNS": "20", "NO_COLOR": "1"}
    )
    lines = out.splitlines()
    assert "huge_value_series_" in lines
    assert "with_a_long_" in lines
    assert "identifier" in lines
    assert all(cell_len(line) <= 20 for line in lines)


def test_a_fall_looks_different_from_a_rise_without_colour(tmp_path: Path) -> None:
    data = write(tmp_path, BIG.split('[[indicators]]\nid = "huge')[0])
    _, out, _ = run(
        "growth", "--data", str(data), "-f", "table", env={"COLUMNS": "120", "NO_COLOR": "1"}
    )
    falls = next(line for line in out.splitlines() if line.startswith("Falls"))
    rises = next(line for line in out.splitlines() if line.startswith("Small up"))
    assert "−6" in falls
    assert "−60.00%" in falls
    assert "░" in falls
    assert "+1" in rises
    assert "+100.00%" in rises
    assert "█" in rises
    assert "░" not in rises


def test_narrow_table_drops_bars_and_says_so() -> None:
    _, out, _ = run("growth", "-f", "table", env={"COLUMNS": "70"})
    assert "Bars hidden: the terminal is too narrow for them." in out
    assert "+16.76%" in out
    assert "+8.06%" in out


def test_stacked_layout_says_so() -> None:
    _, out, _ = run("growth", "-f", "table", env={"COLUMNS": "60"})
    assert "each row is shown as a block" in " ".join(out.split())
    assert "  Change %: +16.76%" in out.splitlines()
    assert "  CAGR %: +8.06%" in out.splitlines()


# --- output files -------------------------------------------------------------------------------


def test_output_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "growth.csv"
    link.symlink_to(real)
    code, _, _ = run("growth", "-o", str(link))
    assert code == 0
    assert link.is_symlink()
    assert link.readlink() == real
    assert real.read_text().startswith("indicator_id,")


@pytest.mark.parametrize("name", ["out.csv", "out.xyz", "plain"])
def test_output_onto_a_directory_is_exit_1_whatever_its_name(tmp_path: Path, name: str) -> None:
    directory = tmp_path / name
    directory.mkdir()
    code, out, err = run("growth", "-o", str(directory))
    assert (code, out) == (1, "")
    assert err == f"rarecli: error: --output {directory}: is a directory\n  hint: name a file\n"


def test_format_md_is_markdown() -> None:
    _, md, _ = run("sources", "-f", "md")
    _, markdown, _ = run("sources", "-f", "markdown")
    assert md == markdown
    assert md.startswith("| source_id |")


def test_tsv_is_for_cut_and_awk(tmp_path: Path) -> None:
    body = indicator("a", {2020: 1, 2022: 2}).replace(
        'source = "src"', 'source = "src"\n  quote = "tab\\there\\nnewline \\\\ back"', 1
    )
    data = write(tmp_path, body)
    _, out, _ = run("show", "a", "--data", str(data), "-f", "tsv")
    assert "\r" not in out
    lines = out.split("\n")
    assert len(lines) == 4  # header, two records, the final newline
    assert lines[1].split("\t")[8] == "tab\\there\\nnewline \\\\ back"
    assert all(len(line.split("\t")) == 10 for line in lines[:3])


# --- the library speaks Python; the CLI speaks flags -------------------------------------------


def test_library_errors_name_parameters_not_flags(shipped: rarecli.Dataset) -> None:
    with pytest.raises(rarecli.UsageError) as caught:
        rarecli.growth(shipped, 2013)
    assert str(caught.value) == "start: the dataset has no observation in 2013"
    assert "--" not in str(caught.value)
    with pytest.raises(rarecli.UsageError) as caught:
        rarecli.target_progress(shipped, statuses=["ontrack"])
    assert str(caught.value) == "statuses: unknown status 'ontrack'"
    assert caught.value.hint == "did you mean 'on_track'?"


def test_cli_words_the_same_error_as_a_flag() -> None:
    code, _, err = run("growth", "--from", "2013")
    assert code == 2
    assert err.splitlines()[0] == "rarecli: error: --from: the dataset has no observation in 2013"


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


# --- usage errors first; options where people put them ------------------------------------------


def test_vocabulary_errors_come_before_the_dataset_is_read() -> None:
    code, out, err = run("growth", "--sort", "bogus", "--data", "missing.toml")
    assert (code, out) == (2, "")
    assert err.startswith("rarecli: error: --sort: unknown sort key 'bogus'")
    code, _, err = run("growth", "--sort", "chnage")
    assert "did you mean 'change'?" in err
    code, _, err = run("growth", "-f", "json", "--bom", "--data", "missing.toml")
    assert (code, err) == (
        2,
        "rarecli: error: --bom goes with csv or tsv, not json\n  hint: drop --bom\n",
    )


def test_data_before_the_command(tmp_path: Path) -> None:
    data = write(tmp_path, indicator("only", {2020: 1, 2022: 2}))
    code, out, _ = run("--data", str(data), "growth")
    assert code == 0
    assert out.splitlines()[1].startswith("only,")


def test_bad_rarecli_data_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "gone.toml"
    code, _, err = run("growth", env={"RARECLI_DATA": str(missing)})
    assert code == 1
    assert err == (
        f"rarecli: error: {missing}: no such file\n"
        "  hint: $RARECLI_DATA names this file: fix the variable, or unset it\n"
    )
    code, _, err = run("growth", "--data", str(missing))
    assert err.endswith("  hint: check the path given to --data\n")


@pytest.mark.parametrize(
    "command", ["growth", "targets", "show", "enterprises", "validate", "sources"]
)
def test_help_has_no_type_noise(command: str) -> None:
    _, out, _ = run(command, "--help", env={"COLUMNS": "150"})
    options = [
        line
        for line in out.splitlines()
        if line.lstrip("│ ").startswith("--") and "--help" not in line
    ]
    assert options
    for line in options:
        assert not any(noise in line for noise in ("<bool>", "list[", "<path>", "<int>")), line


def test_completion_offers_the_datasets_ids(tmp_path: Path) -> None:
    from rarecli.commands.options import complete_category, complete_indicator

    class Ctx:  # what completion reads of Typer's context
        def __init__(self, **params: object) -> None:
            self.params = params
            self.parent = None

        def find_root(self) -> Ctx:
            return self

    assert complete_indicator(Ctx(), "rare_") == [  # type: ignore[arg-type]
        "rare_earth_enterprises",
        "rare_earth_metal_capacity",
        "rare_earth_value_added_growth",
        "rare_earth_compounds_output_growth",
    ]
    assert "output" in complete_category(Ctx(), "")  # type: ignore[arg-type]
    data = write(tmp_path, indicator("mine", {2020: 1}))
    assert complete_indicator(Ctx(data=data), "") == ["mine"]  # type: ignore[arg-type]
