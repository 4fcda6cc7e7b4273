"""Evidence in time in what people open elsewhere: a chart draws the current figures, an earlier
version that said otherwise beside them and restated targets faded; chart, report and export
stand on a --known-at day when asked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest

from helpers import run
from rarecli import history
from rarecli.chart import image
from rarecli.chart.content import chart_content
from rarecli.chart.text import text_chart
from rarecli.model import Dataset

SVG = "{http://www.w3.org/2000/svg}"
TODAY = {"RARECLI_TODAY": "2026-12-03"}
OUTPUT = "industry_output_value"


def test_chart_draws_current_figures_and_the_forecast_beside_them(shipped: Dataset) -> None:
    content = chart_content(shipped, OUTPUT, known_at=None)
    by_year = {p.year: p for p in content.points}
    assert len(content.points) == len(by_year)  # one point per year: the current version
    assert (by_year[2022].value, by_year[2022].status) == (67.75, "reported")
    assert (by_year[2024].value, by_year[2024].status) == (100, "lower_bound")
    # 2022's forecast of 60 differs from the outcome; 2024's projection of 100 does not: not drawn
    assert [(p.year, p.value, p.early, p.known) for p in content.earlier] == [
        (2022, 60.0, True, "2022-08-18")
    ]
    assert content.earlier[0].earlier_label == "forecast 60 (published 2022-08-18)"
    assert "early: published before the period ended: a forecast, not an outcome" in content.notes


def test_chart_fades_restated_targets_and_draws_no_paths_for_them(shipped: Dataset) -> None:
    content = chart_content(shipped, OUTPUT)
    restated = {t.target_id: t for t in content.targets if t.superseded_by}
    assert set(restated) == set(history.superseded_ids(shipped))
    for mark in restated.values():
        assert (mark.projected, mark.required) == (None, None)
        assert mark.label.startswith("Earlier target ≥ 100 by 202")
        assert mark.label.endswith(" (restated)")
    assert {t.target_id for t in content.current_targets} == {
        t.id for t in history.current_targets(shipped).targets if t.indicator == OUTPUT
    }


def test_text_and_svg_charts_show_the_forecast(shipped: Dataset) -> None:
    from rich.console import Console

    content = chart_content(shipped, OUTPUT)
    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None).print(text_chart(content, 100))
    assert "◌ 2022: forecast 60 (published 2022-08-18)" in buffer.getvalue()
    root = ET.fromstring(image.render(content, "svg"))
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert f"earlier-{OUTPUT}-2022-0" in ids
    words = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "forecast 60 (published 2022-08-18)" in words


def test_chart_known_at_draws_what_was_known_then() -> None:
    code, out, err = run(f"chart {OUTPUT} --known-at 2022-12-31", env={**TODAY, "COLUMNS": "100"})
    assert (code, err) == (0, "")
    assert "as known on 2022-12-31" in out
    assert "◌" not in out  # no earlier version: the forecast is the current 2022 figure then
    assert "Target ≥ 50 by 2022: Achieved" in out
    assert "Target ≥ 100 by 2024" not in out  # set in 2024, unknown at the end of 2022


def test_chart_content_known_at(shipped: Dataset) -> None:
    day = dt.date(2022, 12, 31)
    view = history.known_at(shipped, day)
    content = chart_content(view.dataset, OUTPUT, known_at=day)
    assert [(p.year, p.value) for p in content.points][-1] == (2022, 60.0)
    assert content.earlier == ()
    assert content.known_at == "2022-12-31"


def report(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "brief.md"
    result = run("report", "-o", str(out), *args, env=TODAY)
    assert result.code == 0, result.err
    return out.read_text(encoding="utf-8")


def test_report_as_known_on_a_day(tmp_path: Path, shipped: Dataset) -> None:
    page = report(tmp_path, "--known-at", "2022-12-31")
    assert (
        "As known on 2022-12-31: later figures and targets hidden; left out as of 2022-12-31: "
        "7 undated figures (no published date)"
    ) in page
    outcome = "2022年,包头市稀土行业实现产值677.5亿元"  # its quote, published in August 2023
    assert outcome not in page
    now = report(tmp_path)
    assert "As known on" not in now
    assert outcome in now
    count = len(history.superseded_ids(shipped))
    assert (
        f"{count} superseded targets of the ledger are not shown (restated by a later one): "
        "the charts show them faded."
    ) in " ".join(now.split())


def test_export_known_at(tmp_path: Path) -> None:
    book = tmp_path / "k.xlsx"
    assert run("export", str(book), "--known-at", "2022-12-31", env=TODAY).code == 0
    sheet = openpyxl.load_workbook(book)["Targets"]
    header = [c.value for c in sheet[1]]
    row = next(
        r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "industry_output_2022"
    )
    got = dict(zip(header, row, strict=True))
    assert (got["latest_value"], got["status"]) == (60, "achieved")
    notes = [r[0] for r in openpyxl.load_workbook(book)["Notes"].iter_rows(values_only=True)]
    assert "Targets: Baotou rare earth industry, as known on 2022-12-31" in notes
    package = tmp_path / "pkg"
    assert run("export", str(package), "--datapackage", "--known-at", "2022-12-31").code == 0
    rows = list(csv.DictReader(io.StringIO((package / "observations.csv").read_text())))
    output_2022 = [
        (r["value"], r["current"])
        for r in rows
        if (r["indicator_id"], r["year"], r["months"]) == (OUTPUT, "2022", "12")
    ]
    assert output_2022 == [("60", "true")]


@pytest.mark.parametrize(
    "command", ["chart industry_output_value", "report -o r.md", "export x.xlsx"]
)
def test_a_bad_known_at_is_a_usage_error(command: str) -> None:
    code, out, err = run(f"{command} --known-at 2022-13")
    assert (code, out) == (2, "")
    assert err.startswith("rarecli: error: --known-at: '2022-13' is not a date")


# --- early figures and earlier versions are marked wherever they are shown -----------------------


def test_show_marks_early_figures_and_earlier_versions() -> None:
    _, out, _ = run(f"show {OUTPUT} -f table", env={**TODAY, "COLUMNS": "160"})
    lines = out.splitlines()
    forecast = next(
        k for k, line in enumerate(lines) if line.startswith("2022 ") and " 60 " in line
    )
    block = " ".join(lines[forecast : forecast + 5])
    assert "known 2022-08-18" in block
    words = block.split()  # the flags cell wraps: its words, in order, among the others
    flags = [w for w in words if w.rstrip(",") in ("estimated", "early", "earlier", "version")]
    assert flags[:4] == ["estimated,", "early,", "earlier", "version"]
    assert "early: published before the period ended: a forecast, not an outcome" in out


def test_indicators_say_when_the_latest_figure_is_early() -> None:
    _, out, _ = run("indicators -f csv", env=TODAY)
    rows = {r["indicator_id"]: r for r in csv.DictReader(io.StringIO(out))}
    # 209 enterprises in 2024, published 2024-10-09: before the year ended
    assert (
        rows["rare_earth_enterprises"]["latest_value"],
        rows["rare_earth_enterprises"]["latest_early"],
    ) == ("209", "true")
    # the 2024 output value (at least 100) was published in May 2025: not early
    assert rows[OUTPUT]["latest_early"] == "false"


def test_chart_labels_an_early_current_figure(shipped: Dataset) -> None:
    content = chart_content(shipped, "rare_earth_enterprises")
    assert [p.year for p in content.points if p.early] == [2021, 2024]
    words = [
        "".join(t.itertext())
        for t in ET.fromstring(image.render(content, "svg")).iter(f"{SVG}text")
    ]
    assert "209 (early)" in words
    assert "179" in words  # derived in 2024 for 2022: not early


def test_brief_marks_versions_in_its_notes_and_a_newer_figure_on_its_card(tmp_path: Path) -> None:
    page = " ".join(report(tmp_path).split())
    heading = "Rare earth industry output value, 2022: 60 CNY bn"
    assert f"**{heading} (early, published 2022-08-18; an earlier version)**" in page
    assert "Insufficient data; newer: Jan–Jun 2022 38.09 % (year to date)" in page


def test_brief_marks_the_other_figures_and_explains_their_flags(tmp_path: Path) -> None:
    page = report(tmp_path)
    others = page[page.index("## Other figures") : page.index("## Discrepancies and notes")]
    # a capacity projected before its year ended, and a profit forecast from an aggregator
    rows = {line.split(" | ")[0].strip("| "): line for line in others.splitlines()}
    assert rows["Smelting and separation capacity"].endswith("(estimated, secondary, early) |")
    profit = rows["China Northern Rare Earth net profit attributable to shareholders"]
    assert "| 2025 | 2.266 CNY bn" in profit
    assert profit.endswith("(estimated, secondary) |")
    assert "- estimated: the source's forecast, not an outcome" in others
    assert "- early: published before the period ended: a forecast, not an outcome" in others
