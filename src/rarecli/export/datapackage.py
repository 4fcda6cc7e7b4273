"""`rarecli export DIR --datapackage`: the ledger as a Frictionless Data Package.

One CSV per table of the dataset format and a `datapackage.json` with a Table Schema for each:
field types, a primary key on every resource, foreign keys between them. Lists of ids (an
enterprise's sources, an observation's corroborating sources) become link tables, so that every
reference is a key the validator can check. The CSVs are data, not spreadsheet input: raw text,
no formula guard, no byte-order mark.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import stat
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rarecli import history
from rarecli.errors import OutputError
from rarecli.model import DIRECTIONS, ENTERPRISE_KINDS, OBSERVATION_STATUSES, SOURCE_TYPES, Dataset
from rarecli.render.write import TEMP_ROOM, hidden_beside

DESCRIPTOR = "datapackage.json"

Field = dict[str, Any]
Row = Sequence[Any]


def _text(name: str, required: bool = False, enum: Sequence[str] = ()) -> Field:
    field: Field = {"name": name, "type": "string"}
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if enum:
        constraints["enum"] = list(enum)
    if constraints:
        field["constraints"] = constraints
    return field


def _integer(name: str, required: bool = False, **bounds: int) -> Field:
    constraints: dict[str, Any] = {**bounds, **({"required": True} if required else {})}
    return {
        "name": name,
        "type": "integer",
        **({"constraints": constraints} if constraints else {}),
    }


def _boolean(name: str) -> Field:
    return {"name": name, "type": "boolean", "constraints": {"required": True}}


def _number(name: str) -> Field:
    return {"name": name, "type": "number", "constraints": {"required": True}}


def _reference(fields: str | list[str], resource: str, keys: str | list[str]) -> dict[str, Any]:
    return {"fields": fields, "reference": {"resource": resource, "fields": keys}}


def _boolean_cell(value: bool) -> str:
    return "true" if value else "false"


def _number_cell(value: float) -> int | float:
    """A figure as the CSV writes it: an integer without ".0", else the float's shortest form."""
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def tables(ds: Dataset) -> list[tuple[str, str, dict[str, Any], list[Row]]]:
    """(name, description, Table Schema, rows) of each resource, referenced ones first."""
    observation_key = ["indicator_id", "year", "months", "known"]
    dating = history.Dating(ds)
    return [
        (
            "sources",
            "Each text a figure was read from.",
            {
                "fields": [
                    _text("source_id", True),
                    _text("title", True),
                    _text("publisher", True),
                    _text("published"),  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
                    _text("url"),
                    _text("type", enum=SOURCE_TYPES),
                    _text("language"),
                    _text("note"),
                ],
                "primaryKey": ["source_id"],
            },
            [
                (s.id, s.title, s.publisher, s.published, s.url, s.type, s.language, s.note)
                for s in ds.sources
            ],
        ),
        (
            "enterprises",
            "The named enterprises, groups, industrial parks and projects.",
            {
                "fields": [
                    _text("enterprise_id", True),
                    _text("name", True),
                    _text("name_zh"),
                    _text("kind", True, ENTERPRISE_KINDS),
                    _text("segment"),
                    _text("distinction"),
                    _text("note"),
                ],
                "primaryKey": ["enterprise_id"],
            },
            [
                (e.id, e.name, e.name_zh, e.kind, e.segment, e.distinction, e.note)
                for e in ds.enterprises
            ],
        ),
        (
            "enterprise_sources",
            "Which sources describe each enterprise.",
            {
                "fields": [_text("enterprise_id", True), _text("source_id", True)],
                "primaryKey": ["enterprise_id", "source_id"],
                "foreignKeys": [
                    _reference("enterprise_id", "enterprises", "enterprise_id"),
                    _reference("source_id", "sources", "source_id"),
                ],
            },
            [(e.id, s) for e in ds.enterprises for s in dict.fromkeys(e.sources)],
        ),
        (
            "indicators",
            "Each indicator; scope names the enterprise it is about (empty: the whole region).",
            {
                "fields": [
                    _text("indicator_id", True),
                    _text("name", True),
                    _text("unit", True),
                    _text("category", True),
                    _text("scope"),
                    _text("description"),
                ],
                "primaryKey": ["indicator_id"],
                "foreignKeys": [_reference("scope", "enterprises", "enterprise_id")],
            },
            [(i.id, i.name, i.unit, i.category, i.scope, i.description) for i in ds.indicators],
        ),
        (
            "observations",
            "Every version of every figure, keyed by its known date (empty: undated, then the "
            "figure's only version): months 12 is a full year, fewer a year-to-date figure; "
            "version counts from 1 in known-date order, the last is current.",
            {
                "fields": [
                    _text("indicator_id", True),
                    _integer("year", True),
                    _integer("months", True, minimum=1, maximum=12),
                    _integer("version", True, minimum=1),
                    _number("value"),
                    _text("status", True, OBSERVATION_STATUSES),
                    _text("source_id", True),
                    _text("quote"),
                    _text("note"),
                    _text("published"),  # its own date, empty where it is its source's
                    _text("known"),  # the known date as written; empty: undated
                    _boolean("current"),
                ],
                "primaryKey": observation_key,
                "foreignKeys": [
                    _reference("indicator_id", "indicators", "indicator_id"),
                    _reference("source_id", "sources", "source_id"),
                ],
            },
            [
                (
                    i.id,
                    o.year,
                    o.months,
                    version,
                    _number_cell(o.value),
                    o.status,
                    o.source,
                    o.quote,
                    o.note,
                    o.published,
                    dating.observation_written(o),
                    _boolean_cell(current),
                )
                for i in ds.indicators
                for o, version, current in zip(
                    i.observations,
                    history.version_numbers(i),
                    history.current_flags(i),
                    strict=True,
                )
            ],
        ),
        (
            "observation_sources",
            "Further sources that give the same figure (corroborated_by).",
            {
                "fields": [
                    _text("indicator_id", True),
                    _integer("year", True),
                    _integer("months", True, minimum=1, maximum=12),
                    _text("known"),
                    _text("source_id", True),
                ],
                "primaryKey": [*observation_key, "source_id"],
                "foreignKeys": [
                    _reference(observation_key, "observations", observation_key),
                    _reference("source_id", "sources", "source_id"),
                ],
            },
            [
                (i.id, o.year, o.months, dating.observation_written(o), s)
                for i in ds.indicators
                for o in i.observations
                for s in dict.fromkeys(o.corroborated_by)
            ],
        ),
        (
            "targets",
            "Official targets; deadline empty: no deadline; supersedes: the target restated.",
            {
                "fields": [
                    _text("target_id", True),
                    _text("indicator_id", True),
                    _number("value"),
                    _text("direction", True, DIRECTIONS),
                    _integer("deadline"),
                    _integer("baseline_year"),
                    _integer("set_in"),
                    _text("source_id", True),
                    _text("quote"),
                    _text("note"),
                    _text("published"),
                    _text("known"),
                    _text("supersedes"),
                ],
                "primaryKey": ["target_id"],
                "foreignKeys": [
                    _reference("indicator_id", "indicators", "indicator_id"),
                    _reference("source_id", "sources", "source_id"),
                    _reference("supersedes", "", "target_id"),  # "": this resource
                ],
            },
            [
                (
                    t.id,
                    t.indicator,
                    _number_cell(t.value),
                    t.direction,
                    t.deadline,
                    t.baseline_year,
                    t.set_in,
                    t.source,
                    t.quote,
                    t.note,
                    t.published,
                    dating.target_written(t),
                    t.supersedes,
                )
                for t in ds.targets
            ],
        ),
    ]


def to_csv(header: Iterable[str], rows: Iterable[Row]) -> bytes:
    """RFC 4180 CSV in UTF-8 without a BOM; None is an empty cell, text is written as it is."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue().encode("utf-8")


def package_name(title: str) -> str:
    """A Data Package name (lower case, digits, "-", "_", "."), from the dataset's title."""
    return re.sub(r"[^a-z0-9._-]+", "-", title.lower()).strip("-._") or "rarecli-ledger"


def package_files(ds: Dataset) -> dict[str, bytes]:
    """File name -> content of the package: the descriptor and one CSV per resource."""
    files: dict[str, bytes] = {}
    resources = []
    for name, description, schema, rows in tables(ds):
        path = f"{name}.csv"
        files[path] = to_csv((f["name"] for f in schema["fields"]), rows)
        resources.append(
            {
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": description,
                "schema": schema,
            }
        )
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": package_name(ds.info.title),
        "title": ds.info.title,
    }
    if ds.info.description:
        descriptor["description"] = ds.info.description
    if ds.info.license:
        descriptor["licenses"] = [
            {"name": ds.info.license, "path": f"https://spdx.org/licenses/{ds.info.license}.html"}
        ]
    descriptor["resources"] = resources
    files[DESCRIPTOR] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode()
    return files


def _inside(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


def write_package(ds: Dataset, directory: Path, force: bool = False) -> None:
    """Write the package into `directory`: built beside it and renamed into place, so a failure
    leaves no half package. An existing non-empty directory is refused unless `force`, which
    replaces it whole; never one that holds the dataset or the working directory."""
    target = directory.resolve()
    if target.exists() and not target.is_dir():
        raise OutputError(f"{directory}: exists and is not a directory", "name a directory")
    occupied = target.is_dir() and any(target.iterdir())
    if occupied:
        if not force:
            raise OutputError(
                f"{directory}: the directory is not empty",
                "pass --force to replace it and everything in it, or name a new directory",
            )
        for precious, what in (
            (Path(ds.origin), "the dataset"),
            (Path.cwd(), "the working directory"),
        ):
            if _inside(precious.resolve(), target):
                raise OutputError(
                    f"{directory}: refusing to replace a directory that holds {what}",
                    "name another directory",
                )
    files = package_files(ds)
    try:
        prefix = hidden_beside(target.name, TEMP_ROOM)
        temp = Path(tempfile.mkdtemp(dir=target.parent, prefix=prefix, suffix=".tmp"))
    except OSError as exc:
        raise OutputError(
            f"{directory}: cannot write: {exc.strerror or exc}",
            "check the parent directory exists and is writable",
        ) from None
    try:
        for name, content in files.items():
            (temp / name).write_bytes(content)
        umask = os.umask(0)
        os.umask(umask)
        mode = stat.S_IMODE(target.stat().st_mode) if target.is_dir() else 0o777 & ~umask
        temp.chmod(mode)
        if occupied:
            _swap(temp, target)
        else:
            temp.replace(target)  # rename(2) takes the place of an empty directory
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise OutputError(
            f"{directory}: cannot write: {exc.strerror or exc}",
            "check the directory is writable and has space",
        ) from None


def _swap(new: Path, target: Path) -> None:
    """Put `new` in the place of the non-empty directory `target`, then delete the old one."""
    old = target.with_name(f".{target.name}.{uuid.uuid4().hex}.old")
    target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
