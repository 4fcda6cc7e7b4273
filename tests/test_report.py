"""`rarecli report`: the HTML parsed back (html5lib) for its content, citations, isolation
from the network and escaping; the Markdown's charts on disk; the page's tag skeleton against
a snapshot that a change must update on purpose (RARECLI_UPDATE_SNAPSHOTS=1)."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest

from helpers import enterprise, indicator, run, target, write
from rarecli import history
from rarecli.chart.content import chartable
from rarecli.loader import load_dataset
from rarecli.model import Dataset
from rarecli.render.colours import status_swatch
from rarecli.vocabulary import METHOD_NOTE, STATUS_LABELS

SNAPSHOT = Path(__file__).parent / "snapshots" / "report_skeleton.txt"
SVG = "{http://www.w3.org/2000/svg}"
TODAY = {"RARECLI_TODAY": "2026-03-01"}
FETCHING = {"img", "script", "link", "iframe", "source", "video", "audio", "object", "embed"}


def parse(text: str) -> ET.Element:
    return html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)


def html_report(tmp_path: Path, *args: str) -> ET.Element:
    out = tmp_path / "brief.html"
    result = run("report", "-o", str(out), *args, env=TODAY)
    assert result.code == 0, result.err
    assert result.out == ""
    return parse(out.read_text(encoding="utf-8"))


def text_of(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {e.get("id", ""): e for e in root.iter() if e.get("id")}


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        indicator("output", {2020: 10, 2022: (14, "derived"), 2024: 20}),
        indicator("share", {2022: 40, 2024: 45}, unit="%"),
        indicator("parks", {2024: 3}),
        target("output_2026", "output", 30, deadline=2026, quote="aim for 30 by 2026"),
        target("share_goal", "share", 60),
    )


def test_html_states_title_region_years_and_date(small: Path, tmp_path: Path) -> None:
    root = html_report(tmp_path, "--data", str(small))
    header = text_of(root.find(".//header"))
    assert "Test industry" in header
    assert "Testland" in header
    assert "Data years 2020–2024" in header
    assert "2026-03-01" in header  # $RARECLI_TODAY


def test_html_has_growth_every_target_every_chart_and_figure(small: Path, tmp_path: Path) -> None:
    root = html_report(tmp_path, "--data", str(small))
    ids = by_id(root)
    growth = text_of(ids["growth"])
    assert "Growth 2020 → 2024" in growth  # the default years: earliest and latest
    assert "Output" in growth
    assert "+100.00 %" in growth  # 10 → 20
    assert "Share" not in growth  # no 2020 figure: left out, and counted
    assert "2 indicators lack a figure in one of the two years." in growth
    for target_id in ("output_2026", "share_goal"):
        assert f"target-{target_id}" in ids
    assert "Target ≥ 30 units by 2026" in text_of(ids["target-output_2026"])
    assert METHOD_NOTE in text_of(ids["targets"])
    # A chart for each indicator with two figures or a target, as inline SVG; none for "parks".
    for indicator_id in ("output", "share"):
        figure = ids[f"chart-{indicator_id}"]
        assert figure.find(f".//{SVG}svg") is not None
    assert "chart-parks" not in ids
    assert "Parks" in text_of(ids["figures"])  # its one figure is listed instead
    caption = text_of(ids["chart-output"].find("figcaption"))
    assert re.sub(r"\[\d+\]", "", caption) == "2020: 10 · 2022: 14 derived · 2024: 20"


def test_every_citation_resolves_to_its_source_and_quote(small: Path, tmp_path: Path) -> None:
    root = html_report(tmp_path, "--data", str(small))
    ids = by_id(root)
    links = [a for sup in root.iter("sup") for a in sup.iter("a")]
    assert links
    for link in links:
        anchor = link.get("href", "")[1:]
        assert anchor in ids, anchor  # every [n] points at an entry that exists
        number = re.fullmatch(r"\[(\d+)\]", link.text or "")
        assert number is not None
        assert anchor.startswith(f"cite-{number.group(1)}-")  # ... of source n
    entry = ids["source-1"]
    assert "A source. A publisher." in text_of(entry)
    quote = ids[next(a.get("href", "") for a in links if a.get("title"))[1:]]
    assert "aim for 30 by 2026" in text_of(quote)


def test_statuses_in_the_terminal_words_and_colours(small: Path, tmp_path: Path) -> None:
    from rarecli.queries.targets import progress_detail

    root = html_report(tmp_path, "--data", str(small))
    ids = by_id(root)
    for row in progress_detail(load_dataset(small)).itertuples():
        badge = next(
            e for e in ids[f"target-{row.target_id}"].iter("span") if e.get("class") == "status"
        )
        assert badge.text == STATUS_LABELS[row.status][0]
        assert status_swatch(row.status).ink in (badge.get("style") or "")


def test_nothing_is_fetched_from_the_network(shipped: Dataset, tmp_path: Path) -> None:
    root = html_report(tmp_path)
    assert root.find(".//script") is None  # no script needed, none present
    for element in root.iter():
        tag = element.tag.split("}")[-1] if isinstance(element.tag, str) else ""
        for attribute in ("src", "href", "{http://www.w3.org/1999/xlink}href", "data", "srcset"):
            value = (element.get(attribute) or "").strip().lower()
            if tag == "a" and attribute == "href":
                assert value.startswith(("#", "http://", "https://")), value  # links only
            elif value:
                assert value.startswith("#"), (tag, attribute, value)  # only within the page
        assert tag not in FETCHING
    css = "".join(text_of(s) for s in root.iter("style"))
    assert "@import" not in css
    assert "url(" not in css
    assert "@font-face" not in css


def test_shipped_report_covers_every_target_chart_and_cited_source(
    shipped: Dataset, tmp_path: Path
) -> None:
    root = html_report(tmp_path)
    ids = by_id(root)
    # the brief states what is known now: current targets, the current version of each figure
    shown = history.current(history.current_targets(shipped))
    for t in shown.targets:
        assert f"target-{t.id}" in ids
    for superseded in set(history.superseded_ids(shipped)):
        assert f"target-{superseded}" not in ids
    for indicator_id in chartable(shipped):
        assert f"chart-{indicator_id}" in ids
    listed = {
        (li.find(".//span[@class='small']").text or "").strip("[]")
        for li in ids["sources"].iter("li")
        if (li.get("id") or "").startswith("source-")
    }
    cited = {t.source for t in shown.targets}
    cited |= {o.source for i in shown.indicators for o in i.observations}
    cited |= {s for i in shown.indicators for o in i.observations for s in o.corroborated_by}
    assert cited <= listed
    # Every figure of the dataset is shown somewhere with its citation.
    anchors = {a.get("href", "")[1:] for a in root.iter("a")}
    quotes = {text_of(ids[a]) for a in anchors if a in ids and a.startswith("cite-")}
    for ind in shown.indicators:
        for obs in ind.observations:
            if obs.quote:
                assert any(obs.quote in q for q in quotes), (ind.id, obs.year)


HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_hostile_dataset_text_is_escaped(tmp_path: Path) -> None:
    part = indicator("output", {2022: 1, 2024: 2}).replace('"Output"', f"'{HOSTILE}'")
    part = part.replace('source = "src"', 'source = "src"\n  note = \'' + HOSTILE + "'")
    path = write(
        tmp_path,
        enterprise("acme", "Acme", note=HOSTILE.replace('"', "'")),
        part,
        target("t", "output", 5, deadline=2026, quote=HOSTILE.replace('"', "'")),
    )
    text = path.read_text(encoding="utf-8").replace('title = "A source"', f"title = '{HOSTILE}'")
    path.write_text(text, encoding="utf-8")
    root = html_report(tmp_path, "--data", str(path))
    assert root.find(".//script") is None
    assert root.find(".//img") is None
    assert not [e for e in root.iter() if any(k.startswith("on") for k in e.attrib)]
    page = text_of(root.find(".//body"))
    assert "<script>alert(1)</script>" in page  # shown literally, as text
    assert "onerror=alert(2)" in page


def test_markdown_writes_charts_beside_it(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    result = run("report", "-o", str(out), "--data", str(small), env=TODAY)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert links == ["brief_files/output.svg", "brief_files/share.svg"]
    for link in links:
        assert not Path(link).is_absolute()
        svg = ET.parse(out.parent / link).getroot()  # resolves, and is an SVG
        assert svg.tag == f"{SVG}svg"
    assert text.startswith("# Test industry\n")
    assert "## Sources" in text
    assert "1. *A source*. A publisher." in text


def test_markdown_escapes_hostile_text(tmp_path: Path) -> None:
    part = indicator("output", {2022: 1, 2024: 2}).replace('"Output"', f"'{HOSTILE} *bold* |'")
    path = write(tmp_path, part)
    out = tmp_path / "brief.md"
    result = run("report", "-o", str(out), "--data", str(path), env=TODAY)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(script|img)", text)  # every "<" escaped
    assert r"\<script\>" in text
    assert r"\*bold\* \|" in text


def test_report_to_a_pipe_is_html(small: Path) -> None:
    result = run("report", "--data", str(small), env=TODAY)
    assert result.code == 0
    assert result.out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name", ["brief.pdf", "brief", "brief.docx"])
def test_report_refuses_other_suffixes_before_reading(tmp_path: Path, name: str) -> None:
    result = run("report", "-o", str(tmp_path / name), "--data", str(tmp_path / "none.toml"))
    assert result.code == 2
    assert ".html" in result.err
    assert result.out == ""


def test_bad_report_date_is_a_usage_error(small: Path, tmp_path: Path) -> None:
    result = run(
        "report",
        "-o",
        str(tmp_path / "b.html"),
        "--data",
        str(small),
        env={"RARECLI_TODAY": "March 2026"},
    )
    assert result.code == 2
    assert "RARECLI_TODAY" in result.err


def skeleton(element: ET.Element, depth: int = 0) -> list[str]:
    """The page's tag tree, one tag a line with its id and class; an inline chart is one line
    (its inside is matplotlib's) and repeated siblings of one kind are shown once."""
    tag = element.tag if isinstance(element.tag, str) else "#"
    name = tag.replace(SVG, "svg:")
    attrs = (element.get("class") or "").replace(" ", ".")
    ident = element.get("id", "")
    ident = re.sub(r"\d+", "N", ident) if ident.startswith(("cite-", "source-")) else ident
    line = "  " * depth + name + (f"#{ident}" if ident else "") + (f".{attrs}" if attrs else "")
    if name == "svg:svg":
        return [line]
    lines = [line]
    previous: list[str] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        sub = skeleton(child, depth + 1)
        if sub != previous:
            lines += sub
        previous = sub
    return lines


def test_html_structure_matches_the_snapshot(small: Path, tmp_path: Path) -> None:
    root = html_report(tmp_path, "--data", str(small))
    shape = "\n".join(skeleton(root)) + "\n"
    if os.environ.get("RARECLI_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(shape, encoding="utf-8")
    assert shape == SNAPSHOT.read_text(encoding="utf-8"), (
        "the report's structure changed: if on purpose, rerun with RARECLI_UPDATE_SNAPSHOTS=1 "
        "and commit tests/snapshots/report_skeleton.txt"
    )


def test_markdown_into_a_missing_directory_fails_cleanly(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "brief.md"
    result = run("report", "-o", str(out), "--data", str(small), env=TODAY)
    assert result.code == 1
    assert "rarecli: error:" in result.err
    assert not (tmp_path / "nowhere").exists()  # no directory made on the way


def test_a_figure_from_aggregators_only_is_flagged_secondary(tmp_path: Path) -> None:
    path = write(tmp_path, indicator("output", {2022: 1, 2024: 2}))
    text = path.read_text(encoding="utf-8").replace(
        'publisher = "A publisher"', 'publisher = "A publisher"\ntype = "aggregator"'
    )
    path.write_text(text, encoding="utf-8")
    root = html_report(tmp_path, "--data", str(path))
    caption = text_of(by_id(root)["chart-output"].find("figcaption"))
    assert re.sub(r"\[\d+\]", "", caption) == "2022: 1 secondary · 2024: 2 secondary"


def test_report_on_a_terminal_asks_for_a_file(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rarecli.commands import report as commands

    monkeypatch.setattr(commands, "stdout_is_terminal", lambda: True)
    result = run("report", "--data", str(small), env=TODAY)
    assert result.code == 2
    assert result.out == ""
    assert "-o FILE.html" in result.err


def test_a_source_with_a_web_address_is_linked(tmp_path: Path) -> None:
    path = write(tmp_path, indicator("output", {2022: 1, 2024: 2}))
    text = path.read_text(encoding="utf-8").replace(
        'publisher = "A publisher"',
        'publisher = "A publisher"\npublished = 2024-10-09\nurl = "https://example.org/a?b=1&c=2"',
    )
    path.write_text(text, encoding="utf-8")
    root = html_report(tmp_path, "--data", str(path))
    entry = by_id(root)["source-1"]
    links = [a.get("href") for a in entry.iter("a")]
    assert links == ["https://example.org/a?b=1&c=2"]  # escaped in the file, intact when read
    assert "A source. A publisher, 2024-10-09." in text_of(entry)


def test_a_bounded_change_is_marked_with_its_sign(tmp_path: Path) -> None:
    data = write(tmp_path, indicator("a", {2020: 50, 2022: (60, "lower_bound")}))
    growth = text_of(html_report(tmp_path, "--data", str(data)))
    assert "≥ +10" in growth
    assert "≥ +20.00 %" in growth
    assert "at_least" not in growth
    assert "≥: the end value is a lower bound, so the change is at least this." in growth
