"""Dataset file -> validated, frozen model, with every problem located.

Validation is hand-written rather than pydantic: it must stay linear and cheap on 100,000
observations, and its messages must name the TOML place, the line and the fix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
import math
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import tomli

from rarecli._suggest import nearest
from rarecli.environment import DATA_ENV
from rarecli.errors import DatasetError, DatasetFileError, Problem
from rarecli.history import known_day
from rarecli.model import (
    DIRECTIONS,
    ENTERPRISE_KINDS,
    FULL_YEAR,
    OBSERVATION_STATUSES,
    SCHEMA_VERSIONS,
    SOURCE_TYPES,
    Dataset,
    DatasetInfo,
    Enterprise,
    Indicator,
    Observation,
    Source,
    Target,
)
from rarecli.toml_layout import HEADER, KEY, header_parts
from rarecli.vocabulary import period as when

YEAR_MIN, YEAR_MAX = 1900, 2100
_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
# Invisible characters that reorder or hide text (bidirectional controls, zero-width
# characters, the byte-order mark): a table would show text in another order than it holds.
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ufff9-\ufffb\U000e0000-\U000e007f"  # interlinear annotation; tags
)
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
_CONTROL_IN_PROSE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")  # \n, \t allowed
_URL = re.compile(r"https?://\S", re.IGNORECASE)
_PARTIAL_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?\Z", re.ASCII)  # "2024" or "2024-10": no day
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z", re.ASCII)


# ---------------------------------------------------------------------------------------------
# Locating the file
# ---------------------------------------------------------------------------------------------


def default_data_path() -> Path:
    """The shipped dataset: inside an installed package, else in the source checkout."""
    installed = Path(__file__).with_name("data") / "indicators.toml"
    if installed.is_file():
        return installed
    return Path(__file__).resolve().parents[2] / "data" / "indicators.toml"


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """`path`, else $RARECLI_DATA, else the shipped dataset."""
    if path is not None and str(path) != "":
        return Path(path)
    env = os.environ.get(DATA_ENV, "")
    return Path(env) if env else default_data_path()


def load_dataset(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Read and validate a dataset (see `resolve_path`); DatasetError lists every problem."""
    file = resolve_path(path)
    shown = str(file)
    return parse_dataset(read_text(file, shown), shown)


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large, acyclic tree of objects.

    Parsing and validating 100,000 observations creates some million objects, none in a cycle;
    collections triggered meanwhile find nothing and cost about a fifth of the load time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


SPECIAL_FILES = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def refuse_special(file: Path, shown: str, hint: str) -> None:
    """A DatasetFileError for a path that is not a regular file (through a link too) and not a
    directory: a named pipe would block the read forever, a device such as /dev/zero never
    ends. Looked at without opening it; a path that cannot be looked at is left to the read."""
    try:
        mode = file.stat().st_mode
    except OSError:
        return
    kind = SPECIAL_FILES.get(stat.S_IFMT(mode))
    if kind is not None:
        raise DatasetFileError(shown, f"is {kind}, not a regular file", hint)


def read_bytes(file: Path, shown: str, wanted: str) -> bytes:
    """The bytes of a file rarecli reads (a dataset, an import file), or a DatasetFileError
    (exit 1) saying why not; `wanted` says what to name instead ("a .toml dataset file")."""
    refuse_special(file, shown, f"name {wanted}")
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise DatasetFileError(shown, "no such file", "check the path") from None
    except IsADirectoryError:
        raise DatasetFileError(shown, "is a directory", f"name {wanted}") from None
    except PermissionError:
        raise DatasetFileError(shown, "permission denied", "make the file readable") from None
    except OSError as exc:
        raise DatasetFileError(shown, f"cannot read: {exc.strerror or exc}") from None


# Byte-order marks of the encodings a dataset may be saved in by mistake; UTF-32 first, as its
# little-endian mark begins with UTF-16's.
WIDE_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def read_text(file: Path, shown: str) -> str:
    """The file's text, or a DatasetError that says what is wrong with it and how to fix it."""
    data = read_bytes(file, shown, "a .toml dataset file")
    if not data.strip():
        raise DatasetError(
            shown, "the file is empty", "a dataset needs at least schema_version", code="empty-file"
        )
    wide = next((name for mark, name in WIDE_ENCODINGS if data.startswith(mark)), None)
    if wide is not None or b"\x00" in data[:4096]:
        looks = f"{wide} text" if wide else "binary data"
        raise DatasetError(
            shown, f"the file holds {looks}, not UTF-8 TOML", "save it as UTF-8", code="not-utf8"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DatasetError(
            f"{shown}:{line}",
            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
            "save the file as UTF-8",
            code="not-utf8",
            line=line,
        ) from None


def parse_dataset(text: str, shown: str = "<text>") -> Dataset:
    """Parse and validate TOML text; raise DatasetError with every located problem."""
    try:
        with no_cyclic_gc():
            doc = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line, col = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        where = f"{shown}:{line}:{col}" if line else shown
        message = getattr(exc, "msg", None) or str(exc).split(" (at ")[0]
        raise DatasetError(
            where,
            f"TOML syntax error: {message}",
            "fix the syntax at that line and column",
            code="toml-syntax",
            line=line,
            column=col,
        ) from None
    except RecursionError:
        raise DatasetError(shown, "TOML nested too deeply to read", code="toml-syntax") from None
    except ValueError:  # Python's limit on converting a long digit string to an integer
        raise DatasetError(
            shown,
            "an integer of more than 4,300 digits is too long to read",
            "a number must be below about 1.8e308",
            code="toml-syntax",
        ) from None
    checker = _Checker()
    with no_cyclic_gc():
        dataset = checker.dataset(doc, shown)
    if checker.problems or dataset is None:
        lines = _key_lines(text)
        located = [_with_line(p, lines) for p in checker.problems]
        problems = sorted(located, key=lambda p: (p.line is None, p.line or 0))  # stable
        count = len(problems)
        raise DatasetError(
            shown,
            f"invalid dataset: {count:,} problem{'s' if count != 1 else ''}",
            f"run `rarecli validate {shown}` to list them all",
            problems,
        )
    return dataset


# ---------------------------------------------------------------------------------------------
# Field types: each returns the converted value or raises _Bad
# ---------------------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint
        self.code = "bad-type" if message.startswith("expected ") else "bad-value"


def _type_name(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    names.update({list: "an array", dict: "a table", dt.date: "a date", dt.datetime: "a datetime"})
    return names.get(type(value), type(value).__name__)


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise _Bad(f"expected a string, got {_type_name(value)}", 'write it in quotes: "..."')
    if not value.strip():
        raise _Bad("must not be empty")
    return value


def _control(value: str, allowed: re.Pattern[str]) -> None:
    found = allowed.search(value)
    if found and ord(found.group()) > 0x9F:
        import unicodedata

        char = found.group()
        raise _Bad(
            f"contains an invisible character (U+{ord(char):04X} "
            f"{unicodedata.name(char, 'FORMAT CHARACTER')}) that hides or reorders text",
            "remove it",
        )
    if found:
        prose = allowed is _CONTROL_IN_PROSE
        raise _Bad(
            f"contains a control character (U+{ord(found.group()):04X})",
            "remove it"
            + ("" if prose else "; only description, quote and note may hold a newline or a tab"),
        )


def _text(value: Any) -> str:
    """A one-line text: no control character at all."""
    _control(_string(value), _CONTROL)
    return str(value)


def _prose(value: Any) -> str:
    """A text that may hold newlines and tabs (description, quote, note), no other control."""
    _control(_string(value), _CONTROL_IN_PROSE)
    return str(value)


def _url(value: Any) -> str:
    _text(value)
    if not _URL.match(value):
        raise _Bad(f"{value!r} is not a web address", "write it in full, with http:// or https://")
    return str(value)


_SPDX_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*", re.ASCII)


def _license(value: Any) -> str:
    """The dataset's licence as an SPDX identifier ("CC-BY-4.0", "ODbL-1.0")."""
    _string(value)
    if not _SPDX_ID.fullmatch(value):
        raise _Bad(
            f"{value!r} is not an SPDX licence id",
            'write its identifier from spdx.org/licenses, e.g. "CC-BY-4.0"',
        )
    return str(value)


def _ident(value: Any) -> str:
    _string(value)
    if not _ID.match(value):
        raise _Bad(
            f"{value!r} is not a snake_case id", "use lowercase letters, digits and underscores"
        )
    return str(value)


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"expected a year (an integer), got {_type_name(value)}", "write e.g. 2024")
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise _Bad(f"year {value} is outside {YEAR_MIN}..{YEAR_MAX}")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad(f"expected a number, got {_type_name(value)}", "write it without quotes")
    try:
        number = float(value)
    except OverflowError:
        raise _Bad(
            f"an integer of {len(str(abs(value))):,} digits is too large for a number",
            "a number must be below about 1.8e308",
        ) from None
    if not math.isfinite(number):
        raise _Bad(f"{value!r} is not a finite number", "give a real number")
    return number


def _version(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"expected an integer, got {_type_name(value)}")
    if value not in SCHEMA_VERSIONS:
        raise _Bad(f"unknown schema_version {value}", "this rarecli reads schema_version = 1")
    return value


def _months(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"expected a number of months (an integer), got {_type_name(value)}")
    if not 1 <= value <= FULL_YEAR:
        raise _Bad(
            f"months {value} is outside 1..{FULL_YEAR}",
            "the figure covers January to this month; leave it out for a full year",
        )
    return value


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        raise _Bad("expected a date without a time", "write e.g. 2024-10-09")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _PARTIAL_DATE.match(value) and not value.startswith("0000"):
        return value
    if isinstance(value, str) and _FULL_DATE.match(value):  # a day as text: one the calendar has
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise _Bad(
                f"{value!r} is not a day of the calendar", "check the month and day"
            ) from None
    raise _Bad(
        f"expected a date, got {value!r}", 'write 2024-10-09, or "2024-10" / "2024" without a day'
    )


def _ids(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Bad(f"expected an array of ids, got {_type_name(value)}", 'write ["id_a", "id_b"]')
    return tuple(_ident(v) for v in value)


def _choice(choices: Iterable[str]) -> Callable[[Any], str]:
    allowed = tuple(choices)

    def check(value: Any) -> str:
        _text(value)
        if value not in allowed:
            guess = nearest(value, allowed)
            raise _Bad(
                f"{value!r} is not one of {', '.join(allowed)}",
                f"did you mean {guess!r}?" if guess else None,
            )
        return str(value)

    return check


def _table(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(f"expected a table, got {_type_name(value)}")
    return value


def _tables(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise _Bad(f"expected an array of tables, got {_type_name(value)}", "use [[...]] headers")
    return value


class Spec(dict[str, tuple[Callable[[Any], Any], bool]]):
    """A table's keys: name -> (type check, required), in the order messages list them."""

    def __init__(self, fields: dict[str, tuple[Callable[[Any], Any], bool]]) -> None:
        super().__init__(fields)
        self.required = frozenset(key for key, (_, required) in fields.items() if required)


ROOT = Spec(
    {
        "schema_version": (_version, True),
        "dataset": (_table, True),
        "sources": (_tables, False),
        "enterprises": (_tables, False),
        "indicators": (_tables, False),
        "targets": (_tables, False),
    }
)
DATASET = Spec(
    {
        "title": (_text, True),
        "region": (_text, True),
        "description": (_prose, False),
        "base_year": (_year, False),
        "current_year": (_year, False),
        "license": (_license, False),
    }
)
SOURCE = Spec(
    {
        "id": (_ident, True),
        "title": (_text, True),
        "publisher": (_text, True),
        "published": (_date, False),
        "url": (_url, False),
        "language": (_text, False),
        "note": (_prose, False),
        "type": (_choice(SOURCE_TYPES), False),
    }
)
ENTERPRISE = Spec(
    {
        "id": (_ident, True),
        "name": (_text, True),
        "name_zh": (_text, False),
        "kind": (_choice(ENTERPRISE_KINDS), True),
        "segment": (_text, False),
        "distinction": (_text, False),
        "sources": (_ids, False),
        "note": (_prose, False),
    }
)
INDICATOR = Spec(
    {
        "id": (_ident, True),
        "name": (_text, True),
        "unit": (_text, True),
        "category": (_text, True),
        "scope": (_ident, False),
        "description": (_prose, False),
        "observations": (_tables, False),
    }
)
OBSERVATION = Spec(
    {
        "year": (_year, True),
        "months": (_months, False),
        "value": (_number, True),
        "source": (_ident, True),
        "quote": (_prose, False),
        "status": (_choice(OBSERVATION_STATUSES), False),
        "corroborated_by": (_ids, False),
        "note": (_prose, False),
        "published": (_date, False),
    }
)
TARGET = Spec(
    {
        "id": (_ident, True),
        "indicator": (_ident, True),
        "deadline": (_year, False),
        "value": (_number, True),
        "direction": (_choice(DIRECTIONS), False),
        "baseline_year": (_year, False),
        "set_in": (_year, False),
        "source": (_ident, True),
        "quote": (_prose, False),
        "note": (_prose, False),
        "published": (_date, False),
        "supersedes": (_ident, False),
    }
)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# ---------------------------------------------------------------------------------------------
# The checker: collects every problem, builds the model when there are none
# ---------------------------------------------------------------------------------------------


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # indicator id -> the (year, months) of its valid observations
        self.periods: dict[str, set[tuple[int, int]]] = {}
        # source id -> its published date as written, for the known dates of figures
        self.source_dates: dict[str, str | None] = {}
        self.days: dict[str | None, dt.date | None] = {None: None}

    def add(
        self,
        path: str,
        message: str,
        hint: str | None = None,
        also: str | None = None,
        code: str = "bad-value",
    ) -> None:
        self.problems.append(Problem(path, message, hint, also=also, code=code))

    def fields(self, obj: Any, spec: Spec, path: str) -> tuple[dict[str, Any], bool]:
        """The table's valid, converted fields, and whether all of them were valid."""
        if not isinstance(obj, dict):
            self.add(path, f"expected a table, got {_type_name(obj)}", code="bad-type")
            return {}, False
        before = len(self.problems)
        out: dict[str, Any] = {}
        for key, value in obj.items():
            entry = spec.get(key)
            if entry is None:
                guess = nearest(key, spec)
                hint = f"did you mean {guess!r}?" if guess else f"known keys: {', '.join(spec)}"
                self.add(_join(path, key), f"unknown key {key!r}", hint, code="unknown-key")
                continue
            try:
                out[key] = entry[0](value)
            except _Bad as bad:
                self.add(_join(path, key), bad.message, bad.hint, code=bad.code)
        if not spec.required <= obj.keys():
            for key, (_, required) in spec.items():
                if required and key not in obj:
                    self.add(
                        path,
                        f"missing required key {key!r}",
                        f"add {key} = ...",
                        code="missing-key",
                    )
        return out, len(self.problems) == before

    def unique(self, items: list[tuple[str, str]], table: str) -> None:
        seen: dict[str, str] = {}
        for ident, path in items:
            if ident in seen:
                self.add(
                    f"{path}.id",
                    f"duplicate {table} id {ident!r}",
                    f"also at {seen[ident]}",
                    code="duplicate-id",
                )
            else:
                seen[ident] = path

    def ref(self, value: str, known: set[str] | dict[str, Any], path: str, what: str) -> None:
        if value not in known:
            guess = nearest(value, known)
            hint = f"did you mean {guess!r}?" if guess else f"define it in [[{what}s]]"
            self.add(path, f"unknown {what} id {value!r}", hint, code="unknown-reference")

    def rows(self, doc: dict[str, Any], key: str, spec: Spec) -> list[tuple[str, dict[str, Any]]]:
        """(path, valid fields) for each table of the array `key`."""
        return [
            (f"{key}[{i}]", self.fields(obj, spec, f"{key}[{i}]")[0])
            for i, obj in enumerate(doc.get(key, []))
        ]

    def dataset(self, doc: dict[str, Any], shown: str) -> Dataset | None:
        root, _ = self.fields(doc, ROOT, "")
        info, _ = self.fields(root.get("dataset", {}), DATASET, "dataset")
        first, last = info.get("base_year"), info.get("current_year")
        if first is not None and last is not None and first > last:
            self.add(
                "dataset.base_year",
                f"base_year {first} is after current_year {last}",
                code="inconsistent-years",
            )

        sources = self.rows(root, "sources", SOURCE)
        self.unique([(f["id"], p) for p, f in sources if "id" in f], "source")
        source_ids = {f["id"] for _, f in sources if "id" in f}
        self.source_dates = {f["id"]: f.get("published") for _, f in sources if "id" in f}

        enterprises = self.rows(root, "enterprises", ENTERPRISE)
        self.unique([(f["id"], p) for p, f in enterprises if "id" in f], "enterprise")
        enterprise_ids = {f["id"] for _, f in enterprises if "id" in f}
        for path, f in enterprises:
            for j, sid in enumerate(f.get("sources", ())):
                self.ref(sid, source_ids, f"{path}.sources[{j}]", "source")

        indicators = self.rows(root, "indicators", INDICATOR)
        self.unique([(f["id"], p) for p, f in indicators if "id" in f], "indicator")
        indicator_ids = {f["id"] for _, f in indicators if "id" in f}
        observations = [
            self.observations(path, f, source_ids, enterprise_ids) for path, f in indicators
        ]

        targets = self.rows(root, "targets", TARGET)
        self.unique([(f["id"], p) for p, f in targets if "id" in f], "target")
        for path, f in targets:
            if "indicator" in f:
                self.ref(f["indicator"], indicator_ids, f"{path}.indicator", "indicator")
            if "source" in f:
                self.ref(f["source"], source_ids, f"{path}.source", "source")
            self.baseline(path, f)
        self.lineage(targets)
        self.default_years(info)

        if self.problems:
            return None
        return Dataset(
            schema_version=root["schema_version"],
            info=DatasetInfo(**info),
            sources=tuple(Source(**f) for _, f in sources),
            enterprises=tuple(Enterprise(**f) for _, f in enterprises),
            indicators=tuple(
                Indicator(**f, observations=obs)
                for (_, f), obs in zip(indicators, observations, strict=True)
            ),
            targets=tuple(Target(**f) for _, f in targets),
            origin=shown,
        )

    def baseline(self, path: str, f: dict[str, Any]) -> None:
        """A target's baseline_year: a full-year observation of its indicator, and not after
        its deadline."""
        base, deadline, indicator = f.get("baseline_year"), f.get("deadline"), f.get("indicator")
        if base is None:
            return
        if deadline is not None and deadline < base:
            self.add(
                f"{path}.deadline",
                f"deadline {deadline} is before the baseline year {base}",
                "a target is due after its baseline: check both years",
                code="inconsistent-years",
            )
        if indicator in self.periods and (base, FULL_YEAR) not in self.periods[indicator]:
            years = sorted({y for y, m in self.periods[indicator] if m == FULL_YEAR})
            listing = ", ".join(map(str, years)) or "none"
            self.add(
                f"{path}.baseline_year",
                f"indicator {indicator!r} has no full-year observation in {base}",
                f"its full-year observations: {listing}; or leave baseline_year out to use the "
                "first",
                code="missing-figure",
            )

    def lineage(self, targets: list[tuple[str, dict[str, Any]]]) -> None:
        """Each `supersedes` names another target, restated by no other, and no chain of them
        loops."""
        ids = {f["id"]: path for path, f in targets if "id" in f}
        restates = {f["id"]: f["supersedes"] for _, f in targets if "id" in f and "supersedes" in f}
        restated_by: dict[Any, Any] = {}
        for path, f in targets:
            old = f.get("supersedes")
            if old is None:
                continue
            if old not in ids:
                self.ref(old, ids, f"{path}.supersedes", "target")
                continue
            if old in restated_by:
                self.add(
                    f"{path}.supersedes",
                    f"target {old!r} is already restated by {restated_by[old]!r}",
                    "a target is restated once: let this one supersede "
                    f"{restated_by[old]!r} instead, or drop the supersedes",
                    code="restated-twice",
                )
                continue
            restated_by[old] = f.get("id")
            seen, step = {f.get("id")}, old
            while step in restates and step not in seen:
                seen.add(step)
                step = restates[step]
            if step in seen:
                self.add(
                    f"{path}.supersedes",
                    f"target {f.get('id')!r} restates itself through a chain of supersedes",
                    "a target supersedes an older one; remove the supersedes that closes the loop",
                    code="supersedes-loop",
                )

    def known(self, published: str | None, source: str | None) -> dt.date | None:
        """The known date of a figure: its own published date, else its source's."""
        written = published or self.source_dates.get(source or "")
        try:
            return self.days[written]
        except KeyError:
            day = self.days[written] = known_day(written)
            return day

    def default_years(self, info: dict[str, Any]) -> None:
        """dataset.base_year and current_year: years with at least one observation."""
        years = {year for periods in self.periods.values() for year, _ in periods}
        for key in ("base_year", "current_year"):
            year = info.get(key)
            if year is not None and year not in years:
                listing = ", ".join(map(str, sorted(years))) or "none"
                self.add(
                    f"dataset.{key}",
                    f"{key} {year} has no observation in the dataset",
                    f"years with observations: {listing}",
                    code="missing-figure",
                )

    def observations(
        self, path: str, f: dict[str, Any], source_ids: set[str], enterprise_ids: set[str]
    ) -> tuple[Observation, ...]:
        """Check an indicator's scope and observations; its observations sorted by year.

        Removes "observations" from `f`. Returns () once any problem has been found, since the
        dataset is then not built.
        """
        if "scope" in f:
            self.ref(f["scope"], enterprise_ids, f"{path}.scope", "enterprise")
        observations = []
        keys: list[tuple[int, int, dt.date]] = []
        # (year, months) -> {known date: index of the observation}: the figure's history
        histories: dict[tuple[int, int], dict[dt.date | None, int]] = {}
        for j, obj in enumerate(f.pop("observations", [])):
            built = _plain_observation(obj, source_ids)
            where = f"{path}.observations[{j}]"
            if built:
                period: tuple[int, int] | None = (built.year, built.months)
                known = self.known(built.published, built.source)
            else:
                period, known = self.observation(obj, where, source_ids)
            if period is not None:
                self.history(histories.setdefault(period, {}), period, known, j, where, f)
            if built:
                observations.append(built)
                keys.append((*period, known or _UNDATED))  # type: ignore[misc]
        if isinstance(f.get("id"), str):
            self.periods[f["id"]] = set(histories)
        if self.problems:
            return ()
        if all(a < b for a, b in itertools.pairwise(keys)):  # most files list them in order
            return tuple(observations)
        order = sorted(range(len(keys)), key=keys.__getitem__)
        return tuple(observations[k] for k in order)

    def history(
        self,
        versions: dict[dt.date | None, int],
        period: tuple[int, int],
        known: dt.date | None,
        j: int,
        where: str,
        f: dict[str, Any],
    ) -> None:
        """Record observation `j` in its figure's history: a second one with the same known date,
        or an undated one beside a dated one, is a problem."""
        figure = f"{when(*period)} in indicator {f.get('id')!r}"
        clash = versions.get(known)
        if clash is not None:
            dated = f"known on {known.isoformat()}" if known else "both undated"
            self.add(
                f"{where}.year",
                f"a second observation for {figure}, {dated}",
                "see {also}: keep one and put the other's source in corroborated_by, or give "
                "each its own published date",
                also=f"{where.rsplit('[', 1)[0]}[{clash}]",
                code="duplicate-figure",
            )
            return
        if versions and (known is None) != (None in versions):
            other = next(iter(versions.values()))
            self.add(
                f"{where}.year",
                f"an undated observation beside a dated one for {figure}",
                "see {also}: give the undated one a published date (or its source one), so the "
                "versions can be ordered",
                also=f"{where.rsplit('[', 1)[0]}[{other}]",
                code="undated-version",
            )
            return
        versions[known] = j

    def observation(
        self, obj: Any, where: str, source_ids: set[str]
    ) -> tuple[tuple[int, int] | None, dt.date | None]:
        """Record every problem of one observation that _plain_observation turned down.

        Returns its (year, months), if both are valid, and its known date. Such an observation
        always has a problem: the fast path only turns down what this full check rejects.
        """
        o, _ = self.fields(obj, OBSERVATION, where)
        if "source" in o:
            self.ref(o["source"], source_ids, f"{where}.source", "source")
        for k, sid in enumerate(o.get("corroborated_by", ())):
            self.ref(sid, source_ids, f"{where}.corroborated_by[{k}]", "source")
        year, months = o.get("year"), o.get("months", FULL_YEAR)
        known = self.known(o.get("published"), o.get("source"))
        if year is None or ("months" in obj and "months" not in o):
            return None, known
        return (year, months), known


_OBSERVATION_KEYS = frozenset(OBSERVATION)
_STATUS_SET = frozenset(OBSERVATION_STATUSES)


_EXACT_LIMIT = 2**1000  # integers below this convert to float without overflow
_UNDATED = dt.date.min  # orders an undated figure first (it has no dated version beside it)


def _plain_observation(obj: Any, source_ids: set[str]) -> Observation | None:
    """The observation, when every field is plainly valid; else None, for the full check.

    The hot path of the loader (one call per observation): it accepts exactly what the full
    check accepts, in one pass, with no messages to build.
    """
    if type(obj) is not dict or not obj.keys() <= _OBSERVATION_KEYS:
        return None
    year, value, source = obj.get("year"), obj.get("value"), obj.get("source")
    if type(year) is not int or not YEAR_MIN <= year <= YEAR_MAX:
        return None
    if type(value) is int:
        if not -_EXACT_LIMIT < value < _EXACT_LIMIT:
            return None  # too large for a float: the full check says so
        value = float(value)
    elif type(value) is not float or not math.isfinite(value):
        return None
    if type(source) is not str or source not in source_ids:
        return None
    status = obj.get("status", "reported")
    if type(status) is not str or status not in _STATUS_SET:
        return None
    quote, note = obj.get("quote"), obj.get("note")
    if quote is not None and (
        type(quote) is not str or not quote.strip() or _CONTROL_IN_PROSE.search(quote)
    ):
        return None
    if note is not None and (
        type(note) is not str or not note.strip() or _CONTROL_IN_PROSE.search(note)
    ):
        return None
    months = obj.get("months", FULL_YEAR)
    if type(months) is not int or not 1 <= months <= FULL_YEAR:
        return None
    published = obj.get("published")
    if published is not None:
        try:
            published = _date(published)
        except _Bad:
            return None
    corroborated = obj.get("corroborated_by")
    if corroborated is None:
        corroborated = ()
    elif type(corroborated) is list and all(
        type(c) is str and c in source_ids for c in corroborated
    ):
        corroborated = tuple(corroborated)
    else:
        return None
    return Observation(year, value, source, quote, status, corroborated, note, months, published)


# ---------------------------------------------------------------------------------------------
# Line numbers: TOML parsers give none for values, so map each table path to its line
# ---------------------------------------------------------------------------------------------


def _key_lines(text: str) -> dict[str, int]:
    """Map paths such as 'indicators[3].observations[1].year' to 1-based line numbers.

    Covers the usual layout ([[array]] headers, [table] headers, key = value lines); places it
    cannot see (inline tables, dotted keys) fall back to their nearest enclosing table.
    """
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    current_index: dict[tuple[str, ...], int] = {}
    current = ""
    for number, raw in enumerate(text.splitlines(), 1):
        header = HEADER.match(raw)
        if header:
            parts = header_parts(header)
            prefix = ""
            for i, part in enumerate(parts[:-1]):
                index = current_index.get(parts[: i + 1])
                prefix += f"{part}[{index}]." if index is not None else f"{part}."
            if header.group(2) == "[[":
                array = prefix + parts[-1]
                counts[array] = counts.get(array, -1) + 1
                current_index[parts] = counts[array]
                current = f"{array}[{counts[array]}]"
            else:
                current = prefix + parts[-1]
            lines.setdefault(current, number)
            continue
        key = KEY.match(raw)
        if key:
            lines.setdefault(f"{current}.{key.group(2)}" if current else key.group(2), number)
    return lines


def _with_line(problem: Problem, lines: dict[str, int]) -> Problem:
    """The problem with its line, and the place its hint names as {also} written as a line."""
    line = _line_of(problem.path, lines)
    hint = problem.hint
    if hint is not None and problem.also is not None:
        other = _line_of(problem.also, lines)
        hint = hint.replace("{also}", f"line {other}" if other else problem.also)
    return problem._replace(line=line, hint=hint)


def _line_of(path: str, lines: dict[str, int]) -> int | None:
    """The line of a path, else of its nearest enclosing table that has one."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None
