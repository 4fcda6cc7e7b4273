"""`rarecli export`: the whole ledger as one workbook, or as a Frictionless Data Package that the
validator accepts (and rejects once its keys are broken)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from frictionless import validate

from helpers import enterprise, indicator, run, target, write
from rarecli.errors import OutputError
from rarecli.export import datapackage
from rarecli.export.datapackage import write_package
from rarecli.loader import load_dataset

SHEETS = [
    "Indicators",
    "Observations",
    "Series",
    "Growth",
    "Targets",
    "Enterprises",
    "Sources",
    "Notes",
]
# The command whose JSON each sheet must equal (growth with its default years).
COMMANDS = {
    "Indicators": ["indicators"],
    "Observations": ["observations"],
    "Series": ["observations", "--wide"],
    "Growth": ["growth"],
    "Targets": ["targets"],
    "Enterprises": ["enterprises"],
    "Sources": ["sources"],
}


def small(tmp_path: Path) -> Path:
    """Two sources, an enterprise, a scoped indicator with a corroborated figure, a target,
    and text a spreadsheet would take for a formula."""
    return (
        write(
            tmp_path,
            '[[sources]]\nid = "other"\ntitle = "=cmd"\npublisher = "P"\ntype = "media"\n',
            enterprise("acme", "Acme") + 'sources = ["src"]\n',
            indicator("output", {2020: 10.0, 2022: (12.5, "lower_bound")}, scope="acme"),
            indicator("firms", {2021: 3.0}),
            target("output_2025", "output", 20.0, deadline=2025),
        ).parent
        / "data.toml"
    )


def test_workbook_has_every_table_equal_to_its_command(tmp_path: Path) -> None:
    path = tmp_path / "baotou.xlsx"
    code, out, err = run("export", str(path))
    assert (code, out, err) == (0, "", "")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == SHEETS
    for sheet, command in COMMANDS.items():
        _, out, _ = run(*command, "-f", "json")
        records: list[dict[str, Any]] = json.loads(out)
        rows = list(book[sheet].iter_rows(values_only=True))
        assert len(rows) == len(records) + 1, sheet
        if records:
            assert list(rows[0]) == list(records[0]), sheet
        for record, row in zip(records, rows[1:], strict=True):
            # a list (JSON array) is one ';'-joined text cell, as in the CSV; none is empty
            values = [(";".join(v) or None) if isinstance(v, list) else v for v in record.values()]
            assert list(row) == values, sheet
            assert [type(v) for v in row] == [type(v) for v in values], sheet


def test_workbook_notes_have_one_section_per_table(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    assert run("export", str(path))[0] == 0
    notes = [row[0] for row in openpyxl.load_workbook(path)["Notes"].iter_rows(values_only=True)]
    headings = [n for n in notes if n in COMMANDS]
    assert headings == list(COMMANDS)
    series = notes.index("Series")
    assert notes[series + 1] == "Series: Baotou rare earth industry"


def test_workbook_series_comments(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    assert run("export", str(path), "--data", str(small(tmp_path)))[0] == 0
    sheet = openpyxl.load_workbook(path)["Series"]
    rows = list(sheet.iter_rows())
    header = [c.value for c in rows[0]]
    assert header == [
        "indicator_id",
        "indicator",
        "category",
        "unit",
        "2020",
        "2021",
        "2022",
        "flags",
    ]
    flagged = rows[1][header.index("2022")]
    assert flagged.value == 12.5
    assert flagged.comment is not None
    assert flagged.comment.text.startswith("Status: lower_bound\nSource: src: A source")
    assert rows[1][header.index("flags")].value == "2022: lower_bound"


@pytest.mark.parametrize("name", ["baotou", "baotou.csv", "baotou.xls"])
def test_workbook_name_must_end_in_xlsx(tmp_path: Path, name: str) -> None:
    # checked before the dataset is read: a missing dataset does not change the answer
    code, out, err = run("export", str(tmp_path / name), "--data", "missing.toml")
    assert (code, out) == (2, "")
    assert err.startswith(f"rarecli: error: export {tmp_path / name}: a workbook needs a name")
    assert "--datapackage" in err
    assert list(tmp_path.iterdir()) == []


def test_workbook_refuses_the_dataset(tmp_path: Path) -> None:
    data = small(tmp_path)
    twin = tmp_path / "data.xlsx"
    twin.symlink_to(data)
    code, _, err = run("export", str(twin), "--data", str(data))
    assert code == 1
    assert "refusing to overwrite the dataset" in err


def package(tmp_path: Path, *extra: str) -> Path:
    directory = tmp_path / "pkg"
    code, out, err = run("export", str(directory), "--datapackage", *extra)
    assert (code, out, err) == (0, "", "")
    return directory


def test_package_of_the_shipped_data_is_valid(tmp_path: Path) -> None:
    directory = package(tmp_path)
    report = validate(str(directory / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in descriptor["resources"]]
    assert names == [
        "sources",
        "enterprises",
        "enterprise_sources",
        "indicators",
        "observations",
        "observation_sources",
        "targets",
    ]
    assert sorted(p.name for p in directory.iterdir()) == sorted(
        ["datapackage.json", *(f"{n}.csv" for n in names)]
    )
    for resource in descriptor["resources"]:
        assert resource["schema"]["primaryKey"], resource["name"]
    keys = {r["name"]: r["schema"].get("foreignKeys", []) for r in descriptor["resources"]}
    assert {k["reference"]["resource"] for k in keys["observations"]} == {"indicators", "sources"}
    # "": supersedes refers to another row of targets itself
    assert {k["reference"]["resource"] for k in keys["targets"]} == {"indicators", "sources", ""}
    assert [k["reference"]["resource"] for k in keys["indicators"]] == ["enterprises"]
    observations = descriptor["resources"][names.index("observations")]["schema"]
    assert observations["primaryKey"] == ["indicator_id", "year", "months", "known"]
    types = {f["name"]: f["type"] for f in observations["fields"]}
    assert (types["year"], types["months"], types["value"]) == ("integer", "integer", "number")
    assert (types["version"], types["current"]) == ("integer", "boolean")
    rows = list(csv.DictReader(io.StringIO((directory / "observations.csv").read_text())))
    output_2022 = [
        (r["version"], r["value"], r["known"], r["current"])
        for r in rows
        if (r["indicator_id"], r["year"], r["months"]) == ("industry_output_value", "2022", "12")
    ]
    assert output_2022 == [("1", "60", "2022-08-18", "false"), ("2", "67.75", "2023-08", "true")]
    targets = {
        r["target_id"]: r
        for r in csv.DictReader(io.StringIO((directory / "targets.csv").read_text()))
    }
    restated = [t for t in targets.values() if t["supersedes"]]
    assert restated
    assert all(t["supersedes"] in targets for t in restated)


def test_package_csv_is_raw_data(tmp_path: Path) -> None:
    data = small(tmp_path)
    directory = package(tmp_path, "--data", str(data))
    assert validate(str(directory / "datapackage.json")).valid
    raw = (directory / "sources.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM
    sources = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert sources[1]["title"] == "=cmd"  # no formula guard: this is data, not spreadsheet input
    observations = list(csv.DictReader(io.StringIO((directory / "observations.csv").read_text())))
    assert [
        (o["indicator_id"], o["year"], o["months"], o["value"], o["status"]) for o in observations
    ] == [
        ("output", "2020", "12", "10", "reported"),
        ("output", "2022", "12", "12.5", "lower_bound"),
        ("firms", "2021", "12", "3", "reported"),
    ]
    indicators = list(csv.DictReader(io.StringIO((directory / "indicators.csv").read_text())))
    assert [(i["indicator_id"], i["scope"]) for i in indicators] == [
        ("output", "acme"),
        ("firms", ""),
    ]
    links = (directory / "enterprise_sources.csv").read_text().splitlines()
    assert links == ["enterprise_id,source_id", "acme,src"]
    targets = list(csv.DictReader(io.StringIO((directory / "targets.csv").read_text())))
    assert (targets[0]["value"], targets[0]["deadline"], targets[0]["baseline_year"]) == (
        "20",
        "2025",
        "",
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "resource"),
    [
        ("observations.csv", ",src,", ",nowhere,", "observations"),
        ("indicators.csv", ",acme,", ",nobody,", "indicators"),
        ("targets.csv", "output_2025,output,", "output_2025,input,", "targets"),
        ("enterprise_sources.csv", "acme,src", "acme,gone", "enterprise_sources"),
    ],
)
def test_validator_catches_broken_foreign_keys(
    tmp_path: Path, file: str, old: str, new: str, resource: str
) -> None:
    directory = package(tmp_path, "--data", str(small(tmp_path)))
    path = directory / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    report = validate(str(directory / "datapackage.json"))
    assert not report.valid
    errors = [(task.name, e.type) for task in report.tasks for e in task.errors]
    assert errors == [(resource, "foreign-key")]


def test_non_empty_directory_is_refused_then_replaced_with_force(tmp_path: Path) -> None:
    directory = tmp_path / "pkg"
    directory.mkdir()
    (directory / "keep.txt").write_text("mine", encoding="utf-8")
    code, out, err = run("export", str(directory), "--datapackage")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == f"rarecli: error: {directory}: the directory is not empty"
    assert "--force" in err
    assert [p.name for p in directory.iterdir()] == ["keep.txt"]

    code, _, err = run("export", str(directory), "--datapackage", "--force")
    assert (code, err) == (0, "")
    assert not (directory / "keep.txt").exists()
    assert validate(str(directory / "datapackage.json")).valid
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]  # no temporary left beside


def test_empty_directory_is_filled(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    directory = package(tmp_path)
    assert (directory / "datapackage.json").is_file()


def test_force_never_replaces_the_directory_of_the_dataset(tmp_path: Path) -> None:
    data = small(tmp_path)
    code, _, err = run("export", str(tmp_path), "--datapackage", "--force", "--data", str(data))
    assert code == 1
    assert "refusing to replace a directory that holds the dataset" in err
    assert data.is_file()


def test_a_file_in_the_way_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pkg").write_text("x", encoding="utf-8")
    code, _, err = run("export", str(tmp_path / "pkg"), "--datapackage")
    assert code == 1
    assert "exists and is not a directory" in err


def test_a_failure_leaves_no_half_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ds = load_dataset(small(tmp_path))
    directory = tmp_path / "pkg"
    directory.mkdir()
    (directory / "old.csv").write_text("old", encoding="utf-8")
    real = Path.write_bytes

    def full_disk(self: Path, data: bytes) -> int:
        if self.name == "targets.csv":
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OutputError) as caught:
        write_package(ds, directory, force=True)
    assert caught.value.message == f"{directory}: cannot write: No space left on device"
    assert [p.name for p in directory.iterdir()] == ["old.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.toml", "pkg"]


def test_package_name_is_a_valid_identifier() -> None:
    assert datapackage.package_name("Baotou rare earth industry") == "baotou-rare-earth-industry"
    assert datapackage.package_name("包头") == "rarecli-ledger"
