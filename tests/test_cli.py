"""The CLI through its real entry point: every listing parsed back, what each command shows,
output files, hostile text, errors and their wording, where the dataset comes from, validate and
version, shell completion."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import enterprise, indicator, run, target, write
from rarecli import __version__, enterprise_table, growth, indicator_table, source_table
from rarecli.model import Dataset
from rarecli.queries.targets import target_progress

LISTINGS = [
    "growth",
    "targets",
    "indicators",
    "show industry_output_value",
    "enterprises",
    "sources",
]


def library_frame(ds: Dataset, command: str) -> pd.DataFrame:
    from rarecli.queries.show import observation_table

    return {
        "growth": lambda: growth(ds),
        "targets": lambda: target_progress(ds),
        "indicators": lambda: indicator_table(ds),
        "show industry_output_value": lambda: observation_table(ds, "industry_output_value"),
        "enterprises": lambda: enterprise_table(ds),
        "sources": lambda: source_table(ds),
    }[command]()


def same(cell: object, expected: object) -> bool:
    """A parsed-back cell equals the library's value (percentages to 2 decimals); a JSON array
    equals the library's ';'-joined list."""
    if isinstance(cell, list):
        return ";".join(cell) == ("" if not isinstance(expected, str) else expected)
    if expected is None or (isinstance(expected, float) and math.isnan(expected)):
        return cell in ("", None)
    if expected is pd.NA:
        return cell in ("", None)
    if isinstance(expected, bool | np.bool_):  # JSON true/false, CSV "true"/"false"
        return cell is bool(expected) or cell == ("true" if expected else "false")
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return math.isclose(float(cell), float(expected), abs_tol=0.0051)  # type: ignore[arg-type]
    return str(cell).lstrip("'") == str(expected)


def parsed(fmt: str, out: str) -> list[dict[str, object]]:
    if fmt == "json":
        return json.loads(out)  # type: ignore[no-any-return]
    return list(csv.DictReader(io.StringIO(out)))


# --- every listing, parsed back ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("command", LISTINGS)
def test_output_parses_back_to_the_library_values(shipped: Dataset, command: str, fmt: str) -> None:
    code, out, err = run(f"{command} --format {fmt}")
    assert (code, err) == (0, "")
    rows = parsed(fmt, out)
    expected = library_frame(shipped, command)
    assert len(rows) == len(expected)
    for got, (_, want) in zip(rows, expected.iterrows(), strict=True):
        assert list(got) == list(expected.columns)
        for column in expected.columns:
            assert same(got[column], want[column]), (column, got[column], want[column])
        if fmt == "json":  # numbers as numbers: no quoted figure anywhere
            # `published` and `known` are text: a source that gives only the year has "2017"
            assert not any(
                isinstance(v, str) and v.replace(".", "").isdigit()
                for k, v in got.items()
                if k not in ("published", "known")
            )


@pytest.mark.parametrize("command", LISTINGS)
def test_tsv_and_markdown_have_the_contract_header(command: str) -> None:
    code, tsv, _ = run(f"{command} -f tsv")
    assert code == 0
    header = tsv.splitlines()[0].split("\t")
    _, md, _ = run(f"{command} -f markdown")
    assert md.splitlines()[0] == "| " + " | ".join(header) + " |"
    assert set(md.splitlines()[1].replace("|", "").split()) <= {"---", "---:"}
    assert len(md.splitlines()) == len(tsv.splitlines()) + 1


@pytest.mark.parametrize("command", LISTINGS)
def test_table_format_has_a_title(command: str) -> None:
    code, out, err = run(f"{command} -f table")
    assert (code, err) == (0, "")
    assert "Baotou rare earth industry" in out or "Rare earth industry output value" in out


def test_piped_output_defaults_to_csv() -> None:
    _, out, _ = run("growth")
    assert out.splitlines()[0] == (
        "indicator_id,indicator,category,unit,from_year,from_value,from_status,to_year,"
        "to_value,to_status,change,change_pct,cagr_pct,bound,flags"
    )
    assert out.splitlines()[1] == (
        "rare_earth_enterprises,Rare earth enterprises,enterprises,enterprises,"
        "2022,179,derived,2024,209,reported,30,16.76,8.06,,derived;early"
    )


def test_csv_numbers_with_pandas() -> None:
    _, out, _ = run("growth")
    frame = pd.read_csv(io.StringIO(out)).set_index("indicator_id")
    assert frame["from_year"].dtype.kind == "i"
    assert frame.loc["industry_output_value", "to_value"] == 100
    assert frame.loc["local_conversion_rate", "change"] == 8  # percentage points, no unit


# --- what each command shows ---------------------------------------------------------------------


def test_growth_table_shows_pp_and_bounds() -> None:
    _, out, _ = run("growth -f table")
    assert "+8 pp" in out
    assert "≥ +32.25" in out
    assert "≥ +47.60%" in out
    assert "44 indicators lack one of the years; --all lists them." in out


def test_growth_all_lists_every_indicator(shipped: Dataset) -> None:
    _, out, _ = run("growth --all")
    assert len(out.splitlines()) == 1 + len(shipped.indicators)


def test_targets_year_2025_csv() -> None:
    _, out, _ = run("targets --year 2025")
    rows = {r["target_id"]: r for r in csv.DictReader(io.StringIO(out))}
    high_tech = rows["national_high_tech_enterprises_2025"]
    assert (high_tech["progress_pct"], high_tech["expected_pct"]) == ("40", "66.67")
    assert (high_tech["projected_value"], high_tech["ratio"]) == ("82.83", "0.705")
    assert high_tech["status"] == "needs_acceleration"


def test_targets_table_words_statuses_and_cites_the_method() -> None:
    _, out, _ = run("targets --year 2024 -f table")
    assert "Targets due 2024: Baotou rare earth industry" in out
    assert "Achieved" in out
    assert "No data" in out
    assert "Open SDG" in out
    assert "SDG Progress Chart" in out


def test_as_of_shows_no_later_figure_in_any_column() -> None:
    _, out, _ = run("targets", "--as-of", "2022", "-f", "json")
    for row in json.loads(out):
        for column in ("baseline_year", "latest_year"):
            assert row[column] is None or row[column] <= 2022, row


@pytest.mark.parametrize(
    ("today", "flagged"),
    [("2025-12-31", False), ("2026-01-01", True), ("2030-06-01", True)],
)
def test_deadline_passed_depends_on_the_calendar(tmp_path: Path, today: str, flagged: bool) -> None:
    data = write(
        tmp_path, indicator("a", {2022: 50, 2024: 70}), target("t", "a", 100, deadline=2025)
    )
    code, out, _ = run("targets", "--data", str(data), "-f", "json", env={"RARECLI_TODAY": today})
    row = json.loads(out)[0]
    assert code == 0
    assert ("deadline_passed" in row["flags"]) is flagged
    assert row["status"] == "needs_acceleration"  # what the projection says, either way
    _, table, _ = run(
        "targets",
        "--data",
        str(data),
        "-f",
        "table",
        env={"RARECLI_TODAY": today, "COLUMNS": "120"},
    )
    assert ("deadline passed; outcome not in the data" in " ".join(table.split())) is flagged


def test_enterprises_caption_lists_counts_one_by_one() -> None:
    _, out, _ = run("enterprises -f table", env={"COLUMNS": "160"})
    flat = " ".join(out.split())
    # each count at its own latest year, latest first; a lower bound marked, nothing added up
    assert (
        "2025: listed enterprises ≥ 3; 2024: rare earth enterprises 209, large-scale industrial "
        "enterprises 85, national high-tech enterprises 70," in flat
    )
    assert "中国北方稀土(集团)高科技股份有限公司" in out


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (
            "--search 稀土",
            [
                "china_north_rare_earth",
                "green_smelting_upgrade_project",
                "rare_earth_high_tech_zone",
            ],
        ),
        ("--search polishing", ["tianjiao_qingmei"]),
        ("--search WOLONG", ["wolong_pm_motor_park"]),
        (
            "--kind industrial_park",
            ["wolong_pm_motor_park", "inst_magnet_park", "rare_earth_high_tech_zone"],
        ),
        (
            "--kind group --kind project",
            [
                "baogang_group",
                "green_smelting_upgrade_project",
                "baogang_magnetic_materials_project",
            ],
        ),
        (
            "--segment magnet",
            [
                "wolong_pm_motor_park",
                "inst_magnet_park",
                "inst_magnetic",
                "tianhe_magnetics",
                "jl_mag_baotou",
                "baogang_magnetic_materials_project",
            ],
        ),
        ("--search nothing-like-this", []),
    ],
)
def test_enterprise_filters(args: str, ids: list[str]) -> None:
    code, out, _ = run(f"enterprises {args}")
    assert code == 0
    assert [r["enterprise_id"] for r in csv.DictReader(io.StringIO(out))] == ids


def test_enterprise_links() -> None:
    _, out, _ = run("enterprises -f json")
    wolong = next(r for r in json.loads(out) if r["enterprise_id"] == "wolong_pm_motor_park")
    assert wolong["indicators"] == [
        "nev_motor_output",
        "lsht_motor_output",
        "direct_drive_wind_turbine_output",
    ]
    assert wolong["targets"] == [
        "nev_motor_output_2024",
        "lsht_motor_output_2024",
        "direct_drive_wind_turbine_output_2024",
    ]
    inst = next(r for r in json.loads(out) if r["enterprise_id"] == "inst_magnet_park")
    assert (inst["name_zh"], inst["indicators"], inst["targets"]) == (None, [], [])


def test_enterprise_detail_shows_the_discrepancy() -> None:
    code, out, _ = run("enterprises green_smelting_upgrade_project -f table")
    flat = " ".join(out.split())
    assert code == 0
    assert "mistranslation of 11.5万吨" in flat
    assert "No data" in flat
    _, csv_out, _ = run("enterprises wolong_pm_motor_park")
    assert len(csv_out.splitlines()) == 2


def test_show_lists_quotes() -> None:
    _, out, _ = run("show local_conversion_rate -f JSON")  # formats ignore case
    rows = json.loads(out)
    # every version of a figure, oldest known first; the last of each is current
    assert [(r["year"], r["value"], r["status"], r["source_id"], r["current"]) for r in rows] == [
        (2019, 75, "reported", "xinhua_2019_09_19", False),
        (2019, 75, "reported", "forum_2019_reprint", True),
        (2022, 80, "assumed_year", "gim_2024_10_09", True),
        (2024, 88, "reported", "nmg_gov_2024_09_13", False),
        (2024, 88, "reported", "gim_2024_10_09", True),
    ]
    assert rows[4]["quote"].startswith("The city has improved the local conversion rate")


def test_sources_counts() -> None:
    _, out, _ = run("sources")
    rows = {r["source_id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert (rows["gim_2024_10_09"]["observations"], rows["gim_2024_10_09"]["targets"]) == (
        "12",
        "7",
    )
    # the source of the earlier versions of 88 % and 8, and corroborates the current ones
    assert rows["nmg_gov_2024_09_13"]["observations"] == "4"
    assert rows["gim_2024_10_09"]["enterprises"] == "7"
    assert (rows["chinadaily_2022_04_15"]["observations"], rows["bjx_2022_02_16"]["targets"]) == (
        "0",
        "3",
    )


# --- output files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.csv", lambda t: t.startswith("indicator_id,")),
        ("out.tsv", lambda t: t.startswith("indicator_id\t")),
        ("out.json", lambda t: json.loads(t)[0]["indicator_id"] == "rare_earth_enterprises"),
        ("out.md", lambda t: t.startswith("| indicator_id |")),
        ("out.txt", lambda t: "Growth 2022 → 2024" in t),
    ],
)
def test_output_format_from_suffix(tmp_path: Path, name: str, check) -> None:  # type: ignore[no-untyped-def]
    target_file = tmp_path / name
    code, out, err = run(f"growth -o {target_file}")
    assert (code, out, err) == (0, "", "")
    assert check(target_file.read_text(encoding="utf-8"))


def test_output_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run(f"growth -o {tmp_path / 'out.ods'}")
    assert (code, out) == (2, "")
    assert "cannot tell the format from the suffix '.ods'" in err


def test_bom_for_excel(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    run(f"growth --bom -o {path}")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfindicator_id,")
    assert path.read_bytes().count(b"\r\n") == 7  # RFC 4180 line ends: header and six rows
    code, _, err = run("growth --bom -f json")
    assert code == 2
    assert "--bom goes with csv or tsv" in err


def test_failed_write_leaves_the_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "keep.csv"
    path.write_text("precious")
    code, out, err = run(f"growth --from 1999 -o {path}")
    assert (code, out) == (2, "")
    assert path.read_text() == "precious"
    missing_dir = tmp_path / "no" / "such" / "dir.csv"
    code, _, err = run(f"growth -o {missing_dir}")
    assert code == 1
    assert f"rarecli: error: {missing_dir}: cannot write" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.csv"]  # no temporary file left


def test_output_onto_the_dataset_is_refused(tmp_path: Path) -> None:
    data = write(tmp_path, indicator("a", {2020: 1, 2022: 2}))
    before = data.read_text()
    code, _, err = run(f"growth --data {data} -f csv -o {data}")
    assert code == 1
    assert "refusing to overwrite the dataset" in err
    assert data.read_text() == before


@pytest.mark.parametrize("name", ["out.csv", "out.xyz", "plain"])
def test_output_onto_a_directory_is_exit_1_whatever_its_name(tmp_path: Path, name: str) -> None:
    directory = tmp_path / name
    directory.mkdir()
    code, out, err = run("growth", "-o", str(directory))
    assert (code, out) == (1, "")
    assert err == f"rarecli: error: --output {directory}: is a directory\n  hint: name a file\n"


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


def test_output_to_a_full_device() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    code, out, err = run("growth -o /dev/full -f csv")
    assert (code, out) == (1, "")
    assert "No space left on device" in err


# --- text that must not attack -------------------------------------------------------------------


def test_formula_guard_and_terminal_escapes(tmp_path: Path) -> None:
    hostile = (
        indicator("a", {2020: -1, 2022: 2})
        .replace('name = "A"', 'name = "=HYPERLINK(\\"http://x\\")"')
        .replace('unit = "units"', 'unit = "[bold red]u[/]"')
    )
    data = write(tmp_path, hostile)
    _, out, _ = run(f"growth --data {data} -f csv")
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["indicator"] == '\'=HYPERLINK("http://x")'
    assert row["from_value"] == "-1"  # numbers are never altered
    _, table, _ = run(f"growth --data {data} -f table")
    assert "[bold red]u[/]" in table  # markup printed literally


# --- errors: one clean message, usage errors first -----------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ("growth --from 2013", 2, "--from: the dataset has no observation in 2013"),
        ("growth --from 2024 --to 2022", 2, "--from: 2024 is later than the end year 2022"),
        ("growth --category outptu", 2, "did you mean 'output'?"),
        ("growth --indicator rare_earth_enterprise", 2, "did you mean 'rare_earth_enterprises'?"),
        ("growth --sort speed", 2, "--sort: unknown sort key 'speed'"),
        ("growth --sort chnage", 2, "did you mean 'change'?"),
        ("growth --months 13", 2, "--months: 13 is not a number of months from 1 to 12"),
        ("growth --from abc", 2, "Invalid value for '--from'"),
        ("growth --format xls", 2, "unknown format 'xls'"),
        ("growth --format jsn", 2, "did you mean 'json'?"),
        ("targets --status ontrack", 2, "did you mean 'on_track'?"),
        ("show industry_output", 2, "did you mean 'industry_output_value'?"),
        ("enterprises wolong", 2, "unknown enterprise id 'wolong'"),
        ("enterprises --kind parc", 2, "valid kinds: company, group, industrial_park, project"),
        ("indicators --category x", 2, "unknown category 'x'"),
        ("growth --nope", 2, "No such option"),
        ("growth --data /no/such/file.toml", 1, "/no/such/file.toml: no such file"),
        ("sources --data /", 1, "/: is a directory"),
    ],
)
def test_bad_input_is_one_clean_message(args: str, code: int, message: str) -> None:
    got_code, out, err = run(args)
    assert got_code == code
    assert out == ""
    assert message in " ".join(err.split()).replace("│", "").replace("  ", " ") or message in err


def test_cli_words_the_same_error_as_a_flag() -> None:
    code, _, err = run("growth", "--from", "2013")
    assert code == 2
    assert err.splitlines()[0] == "rarecli: error: --from: the dataset has no observation in 2013"


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


def test_a_bad_rarecli_today_is_a_usage_error() -> None:
    code, out, err = run("targets", env={"RARECLI_TODAY": "29/11/2026"})
    assert (code, out) == (2, "")
    assert err == (
        "rarecli: error: RARECLI_TODAY='29/11/2026' is not a date\n"
        "  hint: write it as YYYY-MM-DD, or unset it\n"
    )


def test_invalid_dataset_names_file_and_places(tmp_path: Path) -> None:
    data = write(tmp_path, indicator("a", {2020: 1}).replace("value = 1", "value = inf"))
    code, out, err = run(f"growth --data {data}")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"rarecli: error: {data}: invalid dataset: 1 problem",
        f"  {data}:18: indicators[0].observations[0].value: inf is not a finite number "
        "(give a real number)",
    ]


def test_empty_results_are_not_errors() -> None:
    code, out, _ = run("targets --year 1990")
    assert (code, out.count("\n")) == (0, 1)  # the header alone
    assert run("targets --year 1990 -f json")[1] == "[]\n"
    assert "No target matches." in run("targets --year 1990 -f table")[1]


def test_internal_errors_are_one_line_without_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    import rarecli.queries.sources

    def boom(*_: object) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr(rarecli.queries.sources, "source_table", boom)
    code, out, err = run("sources")
    assert (code, out) == (1, "")
    assert err.startswith("rarecli: internal error (ZeroDivisionError); this is a bug in rarecli.")
    result = run("--debug sources")
    assert "Traceback" in result.err
    assert "ZeroDivisionError" in result.err


# --- where the dataset comes from ----------------------------------------------------------------


def test_env_var_dataset(tmp_path: Path) -> None:
    data = write(tmp_path, indicator("a", {2020: 1, 2022: 3}))
    code, out, _ = run("growth", env={"RARECLI_DATA": str(data)})
    assert code == 0
    assert out.splitlines()[1].startswith("a,A,things,units,2020,1,reported,2022,3,reported,2,200,")


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


# --- validate and version ------------------------------------------------------------------------


def test_validate_shipped(shipped: Dataset) -> None:
    code, out, err = run("validate")
    assert (code, err) == (0, "")
    assert out == f"OK {shipped.origin}: {shipped.summary()}\n"


def test_validate_lists_every_problem(tmp_path: Path) -> None:
    body = "".join(indicator(f"i{n}", {2020: 1}, scope="nobody") for n in range(12))
    data = write(tmp_path, body + target("t", "zz", 1) + enterprise("e", "E", kind="x"))
    code, out, err = run(f"validate {data}")
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 + 14
    code, _, err = run(f"growth --data {data}")
    assert code == 1
    assert len(err.splitlines()) == 1 + 10 + 2
    assert err.splitlines()[-2:] == [
        "  … and 4 more problems",
        f"  hint: run `rarecli validate {data}` to list them all",
    ]


def test_version() -> None:
    assert run("--version")[:2] == (0, f"rarecli {__version__}\n")


# --- shell completion ----------------------------------------------------------------------------


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
