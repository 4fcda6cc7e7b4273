"""What the table shows, every machine format carries: the bound and both statuses of a growth
row, an indicator's latest status, flags as JSON arrays and as joined text, the secondary flag;
md is Markdown; TSV is one record a line, for cut and awk."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from helpers import BIG, indicator, run, write

SECONDARY_HEADER = """
[[sources]]
id = "mirror"
title = "A reprint"
publisher = "A mirror site"
type = "aggregator"

[[sources]]
id = "bureau"
title = "The bulletin"
publisher = "Statistics bureau"
type = "official"
"""


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


def test_secondary_flag_where_every_source_is_an_aggregator(tmp_path: Path) -> None:
    only_mirror = indicator("a", {2020: 1, 2022: 2}).replace(
        'year = 2022\n  value = 2\n  source = "src"',
        'year = 2022\n  value = 2\n  source = "mirror"',
    )
    corroborated = indicator("b", {2020: 1, 2022: 2}).replace(
        'year = 2022\n  value = 2\n  source = "src"',
        'year = 2022\n  value = 2\n  source = "mirror"\n  corroborated_by = ["bureau"]',
    )
    data = write(tmp_path, SECONDARY_HEADER, only_mirror, corroborated)
    rows = {
        r["indicator_id"]: r
        for r in json.loads(run("growth", "--data", str(data), "-f", "json")[1])
    }
    assert rows["a"]["flags"] == ["secondary"]
    assert rows["b"]["flags"] == []
    _, table, _ = run("growth", "--data", str(data), "-f", "table", env={"COLUMNS": "120"})
    assert "secondary: from a secondary source only; the original was not found" in table
    _, show, _ = run("show", "a", "--data", str(data), "-f", "table", env={"COLUMNS": "120"})
    assert "secondary" in show
    assert "(aggregator)" in show
    _, out, _ = run("sources", "--data", str(data), "-f", "csv")
    types = {r["source_id"]: r["type"] for r in csv.DictReader(io.StringIO(out))}
    assert types == {"src": "", "mirror": "aggregator", "bureau": "official"}


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
    assert all(len(line.split("\t")) == 13 for line in lines[:3])
