"""One edit of a dataset file, start to end: under its lock, read it, plan the changes as text
edits, validate the whole result with the loader, and replace the file (or, for a dry run,
describe what would change)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import tomli

from rarecli.errors import DatasetError, ExitCode, Problem
from rarecli.ledger import files
from rarecli.ledger.diff import unified
from rarecli.ledger.plan import (
    SPECS,
    Change,
    Outcome,
    Planner,
    apply,
    describe,
    differs,
    observation_key,
)
from rarecli.ledger.scan import OBSERVATIONS, LayoutError, id_doc, layout
from rarecli.ledger.values import same
from rarecli.loader import no_cyclic_gc
from rarecli.model import Dataset

DUPLICATE_HINT = "replace it to set the keys given"  # the CLI words it as its flag
STALE_QUOTE_HINT = "give the quote that backs the new value, or keep the old one on purpose"


class EditRejected(DatasetError):
    """The edit is wrong (a duplicate, an unknown id, a value the format refuses): exit 2.

    The file is left as it was; `problems` says what, like `validate`.
    """

    exit_code = ExitCode.USAGE


class Result(NamedTuple):
    outcomes: list[Outcome]
    diff: str
    written: bool
    file: str  # the dataset, as the user named it


class Request(NamedTuple):
    """What a command asks of the file it has read: the changes, the problems found in them
    (an unknown id, a bad cell), and where change k came from in the user's input."""

    changes: list[Change]
    problems: list[Problem]
    where: Callable[[int], tuple[str, int | None]] = lambda k: ("", None)
    keep_quote: bool = False  # a replaced value may keep the quote of the old one


# Builds the request from the parsed file, so that ids are checked against what it holds
# under the lock.
Build = Callable[[dict[str, Any]], Request]


def edit(path: Path, build: Build, replace: bool, dry_run: bool, quick: bool = False) -> Result:
    """Make the changes `build` asks for in the dataset at `path`: all of them, or none
    (EditRejected, exit 2; DatasetError, exit 1, when the file itself is the problem).

    `quick` (a few changes, as `add` makes) parses only the blocks the edit touches before
    the one full parse and validation of the result; if the result's counts of tables do not
    match the headers found, the edit is planned again from a full parse of the file.
    """
    shown = str(path)
    real = files.check_target(path, shown)
    with no_cyclic_gc():
        if dry_run:
            return _edit(real, shown, build, replace, True, quick)
        with files.locked(real, shown):
            return _edit(real, shown, build, replace, False, quick)


class _Fallback(Exception):
    """The quick plan cannot be trusted: plan again from a full parse."""


def _edit(
    real: Path, shown: str, build: Build, replace: bool, dry_run: bool, quick: bool
) -> Result:
    if quick:
        try:
            return _plan(real, shown, build, replace, dry_run, True)
        except (_Fallback, LayoutError, tomli.TOMLDecodeError):
            pass
    return _plan(real, shown, build, replace, dry_run, False)


def _plan(
    real: Path, shown: str, build: Build, replace: bool, dry_run: bool, quick: bool
) -> Result:
    from rarecli.loader import parse_dataset

    bom, text = files.read(real, shown)
    if quick:
        scanned = layout(text, None)
        doc = id_doc(scanned)
    else:
        try:
            doc = tomli.loads(text)
        except tomli.TOMLDecodeError:
            parse_dataset(text, shown)  # raises the located syntax error (exit 1)
            raise
    changes, problems, where, keep_quote = build(doc)
    problems = list(problems)
    try:
        planner = Planner(text, doc, scanned if quick else layout(text, doc), quick)
    except LayoutError as exc:
        raise DatasetError(
            shown,
            f"cannot edit this file in place: {exc}",
            "write each table with a [[...]] header, as `rarecli new` does",
        ) from None
    outcomes: list[Outcome] = []
    for k, change in enumerate(changes):
        found = planner.find(change, replace)
        if found is None:
            missing = [
                key
                for key in SPECS[change.table].required
                if change.fields.get(key) is None and key != "observations"
            ]
            if change.table == OBSERVATIONS:
                missing = [m for m in missing if m != "year"]
            if missing:
                place, line = where(k)
                keys = ", ".join(missing)
                problems.append(
                    Problem(place, f"a new {describe(change)} needs {keys}", None, line)
                )
                continue
            planner.add(change)
            outcomes.append(Outcome(change, "added", None))
            continue
        block, record = found
        if not differs(change, record):
            outcomes.append(Outcome(change, "unchanged", record))
            continue
        if not replace:
            place, line = where(k)
            problems.append(
                Problem(
                    place,
                    f"the file already holds {describe(change)}, with other values",
                    DUPLICATE_HINT,
                    line,
                )
            )
            continue
        stale = None if keep_quote else stale_quote(change, record)
        if stale is not None:
            place, line = where(k)
            problems.append(Problem(place, stale, STALE_QUOTE_HINT, line))
            continue
        planner.replace(change, block, record)
        outcomes.append(Outcome(change, "replaced", record))
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise EditRejected(
            shown, _count("problem", problems) + "; nothing was changed", None, problems
        )
    new_text, splices = apply(text, planner.splices)
    if not splices:
        return Result(outcomes, "", False, shown)
    try:
        dataset = parse_dataset(new_text, shown)
    except DatasetError as rejected:
        if quick:  # the problems are worded from a full parse of the file as it is
            raise _Fallback from None
        try:
            parse_dataset(text, shown)
        except DatasetError as broken:
            broken.message = f"the dataset is invalid before this edit: {broken.message}"
            raise broken from None
        raise EditRejected(
            f"{shown} (as edited)",
            f"this edit would make the dataset invalid: {_count('problem', rejected.problems)}"
            "; nothing was changed",
            rejected.hint,
            rejected.problems,
        ) from None
    if not _verify(dataset, outcomes, planner):
        if quick:
            raise _Fallback
        raise DatasetError(
            shown,
            "the edit could not be placed safely; nothing was changed",
            "please report this file's layout as a bug in rarecli",
        )
    if dry_run:
        return Result(outcomes, unified(text, splices, shown), False, shown)
    files.replace(real, (bom + new_text).encode("utf-8"), shown)
    return Result(outcomes, "", True, shown)


def stale_quote(change: Change, record: dict[str, Any]) -> str | None:
    """What is wrong when a replace gives an observation a new value but leaves it the quote
    of the old one (no quote given, or the same one): the quote would no longer back the
    figure. None when the value stays, the record has no quote, or a new one is given."""
    if change.table != OBSERVATIONS or "value" not in change.fields:
        return None
    new, old = change.fields["value"], record.get("value")
    quote = record.get("quote")
    if new is None or old is None or quote is None or same(new.py, old):
        return None
    given = change.fields.get("quote", ...)
    if given is None or (given is not ... and given.py != quote):
        return None  # removed, or a new one
    return f"the quote {quote!r} backs the old value {_plain(old)}, not {_plain(new.py)}"


def _plain(number: Any) -> str:
    return f"{number:.15g}" if isinstance(number, float) else str(number)


def _count(word: str, items: Sequence[object]) -> str:
    return f"{len(items):,} {word}{'s' if len(items) != 1 else ''}"


def _verify(dataset: Dataset, outcomes: list[Outcome], planner: Planner) -> bool:
    """A safety net under the text edit: the result holds each change, and no other record
    appeared or vanished (an insertion into a multi-line string would not be a record)."""
    before = {kind: len(positions) for kind, positions in planner.tops.items()}
    before[OBSERVATIONS] = sum(len(blocks) for blocks in planner.observations.values())
    after = {
        "sources": len(dataset.sources),
        "enterprises": len(dataset.enterprises),
        "indicators": len(dataset.indicators),
        "targets": len(dataset.targets),
        OBSERVATIONS: dataset.observation_count,
    }
    for outcome in outcomes:
        if outcome.action == "added":
            before[outcome.change.table] += 1
    before.pop("dataset", None)
    if before != after:
        return False
    indicators = {item.id: item for item in dataset.indicators}
    for outcome in outcomes:
        if outcome.action == "unchanged":
            continue
        change = outcome.change
        record = _record(dataset, indicators, change, planner)
        if record is None:
            return False
        for key, value in change.fields.items():
            if key in ("year", "months", "id") or value is None:
                continue
            if not _same(getattr(record, key, None), value.py):
                return False
    return True


def _same(got: Any, wanted: Any) -> bool:
    if isinstance(got, tuple):
        got = list(got)
    return same(got, wanted)


def _record(dataset: Dataset, indicators: dict[str, Any], change: Change, planner: Planner) -> Any:
    """The record a change names in the validated result (for an observation: the version with
    the change's known date, the current one if the change gives none), or None."""
    if change.table != OBSERVATIONS:
        return next((r for r in getattr(dataset, change.table) if r.id == change.ident), None)
    from rarecli.history import Dating

    indicator, year, months = observation_key(change)
    item = indicators.get(indicator)
    if item is None:
        return None
    known, dating = planner.change_known(change), Dating(dataset)
    versions = [o for o in item.observations if (o.year, o.months) == (year, months)]
    if known is None:
        return versions[-1] if versions else None  # in known-date order: the current one
    return next((o for o in versions if dating.observation(o) == known), None)
