"""Evidence in time when editing: `add observation --published` adds a version of a figure,
`add target --supersedes` restates a target, and the long table with its `published` column
round-trips through `import`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from helpers import HEADER, indicator, run, target

DATED = HEADER.replace(
    'publisher = "A publisher"\n', 'publisher = "A publisher"\npublished = 2023-01-01\n'
)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "d.toml"
    path.write_text(
        DATED
        + indicator("x", {2020: 20, 2022: 30})
        + target("t", "x", 100, deadline=2030, set_in=2021),
        encoding="utf-8",
    )
    return path


PUBLISHED_35 = (
    "observation", "x", "--year", "2022", "--value", "35", "--source", "src",
    "--published", "2023-06-30",
)  # fmt: skip


def versions(path: Path) -> list[tuple[str, str, str, str]]:
    """(year, value, known, current) of every observation, as `show` lists them."""
    code, out, err = run("show", "x", "-f", "csv", data=path)
    assert (code, err) == (0, ""), err
    return [
        (r["year"], r["value"], r["known"], r["current"]) for r in csv.DictReader(io.StringIO(out))
    ]


def add(path: Path, *words: str) -> tuple[int, str]:
    code, _, err = run("add", *words, data=path)
    return code, err


def test_published_adds_a_version_that_becomes_current(ledger: Path) -> None:
    code, _ = add(ledger, *PUBLISHED_35)
    assert code == 0
    assert versions(ledger) == [
        ("2020", "20", "2023-01-01", "true"),
        ("2022", "30", "2023-01-01", "false"),  # its source's date: the earlier version
        ("2022", "35", "2023-06-30", "true"),
    ]
    assert "  published = 2023-06-30\n" in ledger.read_text(encoding="utf-8")


def test_an_earlier_published_date_adds_an_earlier_version(ledger: Path) -> None:
    code, _ = add(
        ledger,
        "observation",
        "x",
        "--year",
        "2022",
        "--value",
        "28",
        "--source",
        "src",
        "--published",
        "2022-08",
    )
    assert code == 0
    # known at the end of August 2022, before the source's 2023-01-01: version 1, and early
    assert versions(ledger)[1:] == [
        ("2022", "28", "2022-08", "false"),
        ("2022", "30", "2023-01-01", "true"),
    ]
    _, out, _ = run("revisions", "-f", "csv", data=ledger)
    assert [
        (r["version"], r["early"], r["revision"]) for r in csv.DictReader(io.StringIO(out))
    ] == [
        ("1", "true", ""),
        ("2", "false", "2"),
    ]


@pytest.mark.parametrize("published", [None, "2023-01-01"])
def test_the_same_known_date_is_a_duplicate_and_nothing_changes(
    ledger: Path, published: str | None
) -> None:
    before = ledger.read_bytes()
    words = ["observation", "x", "--year", "2022", "--value", "31", "--source", "src"]
    code, err = add(ledger, *words, *(["--published", published] if published else []))
    assert code != 0
    assert "the file already holds observation x 2022" in err
    assert ledger.read_bytes() == before


def test_supersedes_restates_a_target(ledger: Path) -> None:
    code, _ = add(
        ledger,
        "target",
        "t2",
        "--indicator",
        "x",
        "--value",
        "120",
        "--deadline",
        "2030",
        "--source",
        "src",
        "--supersedes",
        "t",
        "--published",
        "2024-01-05",
    )
    assert code == 0
    text = ledger.read_text(encoding="utf-8")
    assert 'supersedes = "t"\n' in text
    assert "published = 2024-01-05\n" in text
    _, out, _ = run(
        "targets", "--history", "-f", "csv", data=ledger, env={"RARECLI_TODAY": "2026-12-03"}
    )
    rows = {r["target_id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert (rows["t"]["superseded_by"], rows["t2"]["supersedes"], rows["t2"]["known"]) == (
        "t2",
        "t",
        "2024-01-05",
    )
    _, out, _ = run("targets", "-f", "csv", data=ledger)
    assert [r["target_id"] for r in csv.DictReader(io.StringIO(out))] == ["t2"]


def test_supersedes_an_unknown_target_is_refused(ledger: Path) -> None:
    before = ledger.read_bytes()
    code, err = add(
        ledger,
        "target",
        "t3",
        "--indicator",
        "x",
        "--value",
        "1",
        "--source",
        "src",
        "--supersedes",
        "nosuch",
    )
    assert code == 2
    assert "--supersedes: unknown target id 'nosuch'" in err
    assert ledger.read_bytes() == before


def test_the_long_table_round_trips_and_a_new_published_row_is_a_new_version(
    ledger: Path, tmp_path: Path
) -> None:
    add(ledger, *PUBLISHED_35)
    _, table, _ = run("observations", "-f", "csv", data=ledger)
    exported = tmp_path / "o.csv"
    exported.write_text(table, encoding="utf-8")
    before = ledger.read_bytes()
    code, out, err = run("import", str(exported), data=ledger)
    assert (code, err) == (0, "")
    assert "added 0, replaced 0, unchanged 3" in out
    assert ledger.read_bytes() == before
    rows = list(csv.DictReader(io.StringIO(table)))
    newer = {**rows[-1], "value": "37", "published": "2024-02-01", "known": "", "current": ""}
    (tmp_path / "n.csv").write_text(",".join(rows[0]) + "\n", encoding="utf-8")
    with (tmp_path / "n.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writerow(newer)
    code, out, err = run("import", str(tmp_path / "n.csv"), data=ledger)
    assert (code, err) == (0, "")
    assert "added 1, replaced 0, unchanged 0" in out
    assert versions(ledger)[-1] == ("2022", "37", "2024-02-01", "true")


def test_replace_without_a_source_corrects_the_current_version(ledger: Path) -> None:
    add(ledger, *PUBLISHED_35)
    code, err = add(ledger, "observation", "x", "--year", "2022", "--value", "36", "--replace")
    assert (code, err) == (0, "")
    assert versions(ledger)[1:] == [
        ("2022", "30", "2023-01-01", "false"),
        ("2022", "36", "2023-06-30", "true"),  # the current version, corrected
    ]


def test_replace_with_another_source_corrects_the_current_version(ledger: Path) -> None:
    text = ledger.read_text(encoding="utf-8").replace(
        "\n[[indicators]]",
        '\n[[sources]]\nid = "other"\ntitle = "T"\npublisher = "P"\npublished = 2023-03-01\n'
        "\n[[indicators]]",
        1,
    )
    ledger.write_text(text, encoding="utf-8")
    code, err = add(
        ledger, "observation", "x", "--year", "2022", "--value", "31", "--source", "other",
        "--replace",
    )  # fmt: skip
    assert (code, err) == (0, "")
    # one version still, with the new source (and so its date)
    assert versions(ledger)[1:] == [("2022", "31", "2023-03-01", "true")]
