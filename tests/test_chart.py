"""`rarecli chart`: what the picture shows (SVG read back as XML), PNG and PDF files, the text
chart at several widths, glyph fallbacks and errors."""

from __future__ import annotations

import io
import itertools
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.console import Console

from helpers import indicator, run, target, write
from rarecli.chart import image
from rarecli.chart.content import chart_content, source_line
from rarecli.chart.text import text_chart
from rarecli.loader import load_dataset
from rarecli.model import Dataset
from rarecli.queries.targets import progress_detail
from rarecli.vocabulary import STATUS_LABELS

SVG = "{http://www.w3.org/2000/svg}"

YEAR_TO_DATE = """
  [[indicators.observations]]
  year = 2023
  months = 6
  value = 9
  source = "src"
"""


@pytest.fixture(autouse=True)
def _calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed today, so that no 2025 deadline has passed whatever the clock says."""
    monkeypatch.setenv("RARECLI_TODAY", "2025-06-01")


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """One indicator with every status, a year-to-date figure, a dated and an undated target."""
    points = {2018: 10, 2020: (12, "estimated"), 2021: (15, "derived"), 2022: (20, "lower_bound")}
    return write(
        tmp_path,
        indicator("output", points) + YEAR_TO_DATE,
        target("output_2025", "output", 30, deadline=2025, baseline_year=2018),
        target("output_someday", "output", 50),
    )


def svg_of(ds: Dataset, ident: str = "output") -> ET.Element:
    return ET.fromstring(image.render(chart_content(ds, ident), "svg"))


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def group(root: ET.Element, ident: str) -> ET.Element:
    found = [g for g in root.iter(f"{SVG}g") if g.get("id") == ident]
    assert len(found) == 1, ident
    return found[0]


def test_svg_names_title_scope_unit_sources_dataset_and_targets(dataset: Path) -> None:
    ds = load_dataset(dataset)
    content = chart_content(ds, "output")
    words = texts(svg_of(ds))
    assert "Output" in words  # the title: the indicator's name
    assert "Testland" in words  # its scope: the region
    assert "units" in words  # the unit on the y axis
    assert "Source: A publisher" in words
    assert any(w.startswith("Dataset: Test industry") for w in words)
    assert "Jan–Jun 2023: 9" in words  # the year-to-date figure, labelled apart
    status = progress_detail(ds).set_index("target_id").loc["output_2025", "status"]
    labels = [t.label for t in content.targets]
    assert labels == [
        f"Target ≥ 30 by 2025: {STATUS_LABELS[status][0]}",  # the terminal's words
        "Target ≥ 50 (no deadline)",
    ]
    for mark in content.targets:  # in the margin: the goal, then the status in the terminal's words
        assert f"Target {mark.goal}" in words
        assert not mark.verdict or mark.verdict in words
    compact = texts(ET.fromstring(image.render(content, "svg", "compact")))
    for mark in content.targets:  # inside a compact chart: one line beside the target
        assert mark.short_label in compact


def test_svg_keeps_text_as_text_and_years_whole(dataset: Path) -> None:
    root = svg_of(load_dataset(dataset))
    assert len(list(root.iter(f"{SVG}text"))) > 15  # not glyph paths (svg.fonttype none)
    years = [w for w in texts(root) if re.fullmatch(r"\d{4}", w)]
    assert years == [str(y) for y in range(2018, 2026)]
    assert not [w for w in texts(root) if re.fullmatch(r"\d{4}\.\d+", w)]


def test_one_marker_per_figure_shaped_by_status(dataset: Path) -> None:
    root = svg_of(load_dataset(dataset))
    figures = {
        g.get("id"): g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("figure-")
    }
    assert sorted(figures) == [
        "figure-output-2018-12",
        "figure-output-2020-12",
        "figure-output-2021-12",
        "figure-output-2022-12",
        "figure-output-2023-6",
    ]
    marker, styles = {}, {}
    for ident, g in figures.items():
        uses = list(g.iter(f"{SVG}use"))
        assert len(uses) == 1, ident  # one marker each
        marker[ident] = uses[0].get("{http://www.w3.org/1999/xlink}href")
        styles[ident] = uses[0].get("style", "")

    def style(ident: str) -> str:
        return styles[ident]

    assert "fill: #ffffff" in style("figure-output-2020-12")  # estimated: hollow
    assert "fill: #ffffff" in style("figure-output-2021-12")  # derived: hollow
    assert "fill: #ffffff" not in style("figure-output-2018-12")  # reported: filled
    assert marker["figure-output-2022-12"] != marker["figure-output-2018-12"]  # lower bound: ▲
    # The full-year figures are joined; the year-to-date one is not on the line.
    line = group(root, "series-output").find(f"{SVG}path")
    assert line is not None
    assert len(re.findall(r"[ML]", line.get("d", ""))) == 4
    group(root, "target-mark-output_2025")
    group(root, "target-mark-output_someday")


def test_paths_follow_the_progress_method(dataset: Path) -> None:
    ds = load_dataset(dataset)
    row = progress_detail(ds).set_index("target_id").loc["output_2025"]
    mark = chart_content(ds, "output").targets[0]
    assert mark.required is not None
    assert mark.projected is not None
    assert (mark.required.xs[0], mark.required.ys[0]) == (2018, 10)  # from the baseline
    assert mark.required.xs[-1] == 2025
    assert math.isclose(mark.required.ys[-1], 30)  # to the target
    start = (row["latest_year"], row["latest_value"])
    assert (mark.projected.xs[0], mark.projected.ys[0]) == start  # from the latest figure
    assert math.isclose(mark.projected.ys[-1], row["projected_value"])  # progress_detail's number
    root = svg_of(ds)
    group(root, "projected-output_2025")
    group(root, "required-output_2025")


def test_png_is_16_9_at_1200_px_and_not_blank(dataset: Path) -> None:
    from PIL import Image

    png = image.render(chart_content(load_dataset(dataset), "output"), "png")
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    assert picture.size == (1200, 675)
    colours = picture.getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 50  # lines, markers, anti-aliased text
    white = max(count for count, rgb in colours if rgb == (255, 255, 255))
    assert white < 0.95 * 1200 * 675


def test_pdf_is_a_pdf(dataset: Path) -> None:
    pdf = image.render(chart_content(load_dataset(dataset), "output"), "pdf")
    assert pdf.startswith(b"%PDF-")
    assert b"%%EOF" in pdf[-64:]


def test_dollar_signs_are_text_not_math(tmp_path: Path) -> None:
    path = write(tmp_path, indicator("cost", {2020: 1, 2021: 2}).replace('"Cost"', '"$5 or $6"'))
    assert "$5 or $6" in texts(svg_of(load_dataset(path), "cost"))


CHINESE = """
[[sources]]
id = "media_centre"
title = "Report"
publisher = "包头市融媒体中心 (Baotou media centre)"
published = "2025-05"

[[sources]]
id = "beijiang"
title = "Report"
publisher = "北疆新闻网"
"""


def test_labels_a_machine_cannot_draw_fall_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    part = indicator("output", {2020: 1}).replace('source = "src"', 'source = "media_centre"')
    part += '  [[indicators.observations]]\n  year = 2021\n  value = 2\n  source = "beijiang"\n'
    ds = load_dataset(write(tmp_path, CHINESE, part))
    latin = frozenset(range(0x20, 0x250)) | frozenset(range(0x2000, 0x2300))
    monkeypatch.setattr(image, "fonts", lambda: (("DejaVu Sans",), latin))
    line = image.source_line(chart_content(ds, "output"))
    assert line == "Sources: Baotou media centre (2025-05); beijiang"
    # Where the glyphs exist, the publisher is named as the source gives it.
    assert "北疆新闻网" in source_line(chart_content(ds, "output").sources)


def test_every_character_in_the_shipped_charts_has_a_glyph(shipped: Dataset) -> None:
    for ident in ("industry_output_value", "local_conversion_rate", "nev_motor_output"):
        for text in texts(svg_of(shipped, ident)):
            assert image.drawable(text), text


# ---------------------------------------------------------------------------------------------
# The text chart
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 80, 120])
def test_text_chart_fits_the_terminal(dataset: Path, width: int) -> None:
    result = run("chart", "output", "--data", str(dataset), env={"COLUMNS": str(width)})
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= width
    axis = next(line for line in lines if re.search(r"\b20\d\d\b.*\b20\d\d\b", line))
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", axis)]
    assert years[0] == 2018  # years along the bottom, oldest first
    assert years == sorted(years)
    grid = [line for line in lines if "┤" in line]
    assert any("─" * 10 in line for line in grid)  # the target as a line across the grid
    assert any("★" in line for line in grid)  # at its deadline
    assert "●" in result.out  # reported
    assert "▲" in result.out  # lower bound
    assert "\x1b[" not in result.out  # piped: no colour


def _colour_codes(text: str) -> list[str]:
    return re.findall(r"\x1b\[[0-9;]*(?:3[0-7]|38;[0-9;]+)m", text)


def test_text_chart_colours_follow_no_color(dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = chart_content(load_dataset(dataset), "output")
    buffer = io.StringIO()
    Console(file=buffer, width=80, force_terminal=True, color_system="standard").print(
        text_chart(content, 80)
    )
    assert _colour_codes(buffer.getvalue())
    monkeypatch.setenv("NO_COLOR", "1")
    buffer = io.StringIO()
    Console(file=buffer, width=80, force_terminal=True, color_system="standard").print(
        text_chart(content, 80)
    )
    assert not _colour_codes(buffer.getvalue())
    assert "★" in buffer.getvalue()


def test_text_chart_of_an_indicator_without_figures(shipped: Dataset) -> None:
    buffer = io.StringIO()
    Console(file=buffer, width=80, color_system=None).print(
        text_chart(chart_content(shipped, "magnet_output"), 80)
    )
    assert "No figure in the dataset yet." in buffer.getvalue()
    assert "Target ≥ 60,000 by 2023: No data" in buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")]
)
def test_chart_writes_each_format(tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"chart{suffix}"
    result = run("chart", "industry_output_value", "-o", str(out))
    assert result.code == 0, result.err
    assert result.out == ""
    assert out.read_bytes().startswith(magic)


def test_chart_of_the_shipped_output_value(tmp_path: Path) -> None:
    out = tmp_path / "output.svg"
    assert run("chart", "industry_output_value", "-o", str(out)).code == 0
    words = texts(ET.parse(out).getroot())
    assert "Rare earth industry output value" in words
    assert "CNY bn" in words
    footer = " ".join(w for w in words if w.startswith(("Source", "(Inner")))
    assert "goinnermongolia.com.cn (2024-10-09)" in footer
    assert "Target ≥ 100 by 2025" in words
    assert "Achieved" in words


def test_unknown_indicator_is_a_usage_error_with_a_suggestion() -> None:
    result = run("chart", "industry_output_valu")
    assert result.code == 2
    assert result.out == ""
    assert "did you mean 'industry_output_value'?" in result.err


def test_unknown_suffix_is_refused_before_the_data_is_read(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    result = run("chart", "x", "-o", str(tmp_path / "c.bmp"), "--data", str(missing))
    assert result.code == 2  # not 1: the missing dataset was never opened
    assert "'.bmp'" in result.err
    assert ".png, .svg, .pdf" in result.err
    assert not (tmp_path / "c.bmp").exists()


def test_chart_refuses_to_overwrite_the_dataset(dataset: Path) -> None:
    before = dataset.read_bytes()
    copy = dataset.with_suffix(".svg")
    dataset.rename(copy)
    result = run("chart", "output", "--data", str(copy), "-o", str(copy))
    assert result.code == 1
    assert copy.read_bytes() == before


def test_chart_to_a_text_file(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "chart.txt"
    result = run("chart", "output", "--data", str(dataset), "-o", str(out))
    assert result.code == 0
    text = out.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert "Target ≥ 50 (no deadline)" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_years_along_the_bottom_never_collide(tmp_path: Path) -> None:
    path = write(tmp_path, indicator("long", {1990: 1, 2030: 3}))
    for width in (40, 50, 80):
        result = run("chart", "long", "--data", str(path), env={"COLUMNS": str(width)})
        axis = next(line for line in result.out.splitlines() if "1990" in line)
        years = [int(y) for y in axis.split()]
        assert years[0] == 1990
        assert years[-1] == 2030
        steps = {b - a for a, b in itertools.pairwise(years)}
        assert len(steps) == 1  # evenly spaced: every year, or every 2nd, 5th, 10th...


def test_a_passed_deadline_says_so_in_the_label() -> None:
    from rarecli.chart.content import TargetMark

    mark = TargetMark("t", 2024, 10, "at_least", "on_track", ("deadline_passed",), None, None)
    assert mark.label == (
        "Target ≥ 10 by 2024: On track (deadline passed; outcome not in the data)"
    )


def test_short_label_drops_the_late_remark() -> None:
    from rarecli.chart.content import TargetMark

    mark = TargetMark("t", 2024, 10, "at_least", "missed", ("deadline_passed",), None, None)
    assert mark.short_label == "Target ≥ 10 by 2024: Missed"


EXTREME = """
  [[indicators.observations]]
  year = 2024
  value = -304397.6929515208
  source = "src"
  [[indicators.observations]]
  year = 2015
  value = 1.1447395486290114e-300
  source = "src"
"""


def test_extreme_values_draw_without_warnings_or_overflowing_labels(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        indicator("d", {2019: 0}, unit="%") + EXTREME,
        target("t", "d", 1e300, deadline=2030),
    )
    ds = load_dataset(path)
    words = texts(svg_of(ds, "d"))  # pytest turns any RuntimeWarning into an error
    assert "1e+300" in " ".join(words)
    assert max(len(w) for w in words if re.fullmatch(r"[−\d.,e+]+", w)) < 20
    result = run("chart", "d", "--data", str(path), env={"COLUMNS": "60"})
    assert result.code == 0
    assert max(len(line) for line in result.out.splitlines()) <= 60
    out = tmp_path / "r.html"
    assert run("report", "--data", str(path), "-o", str(out)).code == 0
