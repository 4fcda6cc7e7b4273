"""The loader's fast path accepts exactly what its full check accepts.

`_plain_observation` builds an observation in one pass when every field is plainly valid and
returns None otherwise; only then does `_Checker.observation` run, the check that names each
problem. An observation the fast path wrongly accepts reaches the model unchecked; one it
wrongly turns down is checked, found valid and silently left out of the dataset. The loader
documents no case where the fast path defers a valid observation to the full check
(`_Checker.observation`: "the fast path only turns down what this full check rejects"), so the
equivalence is asserted both ways.

The observation tables are made only of values a TOML file can hold: the two paths may differ
on others (a None quote, a dict or str subclass), which `parse_dataset` never sees. Integers
stay within the 64 bits TOML allows: tomli reads larger ones, and a value too large for a float
makes both paths raise OverflowError (from float()), not a located problem.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
import tomli
from hypothesis import event, given, settings
from hypothesis import strategies as st

from helpers import HEADER
from rarecli.errors import DatasetError
from rarecli.loader import OBSERVATION as OBSERVATION_KEYS
from rarecli.loader import YEAR_MAX, YEAR_MIN, _Checker, _plain_observation, parse_dataset
from rarecli.model import FULL_YEAR, OBSERVATION_STATUSES, Dataset, Observation

SOURCES = ("src", "other", "third")  # "src" is the source of helpers.HEADER
KNOWN = set(SOURCES)

# --- observation tables: valid fields, then a few defects --------------------------------------

INT64 = st.integers(-(2**63), 2**63 - 1)
# Values of every other TOML type; bool matters most, since Python's bool is an int.
OTHER = st.one_of(
    st.booleans(),
    st.sampled_from([dt.date(2020, 1, 1), dt.datetime(2020, 1, 1, 12, 30), dt.time(12, 30)]),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["year", "a"]), st.integers(0, 3), max_size=1),
)
# Characters where the text checks draw their lines: newline and tab (allowed in prose), other
# controls (NUL, carriage return, escape, DEL, the C1 controls NEL and U+009F), whitespace that
# str.strip removes (no-break space, line separator) and plain letters.
EDGY = "a Z_\n\t\r\x00\x1b\x1f\x7f\x85\x9f\xa0\u2028é"
PROSE_EDGES = [  # of a quote or a note
    "a",
    "",
    " ",
    "\n\t",
    "\xa0",
    "\u2028",
    "a\n\tb",
    "a\x1b",
    "\x00",
    "a\r\nb",
    "a\x7f",
    "a\x85",
]
TEXT = st.one_of(st.text(EDGY, max_size=4), st.text(max_size=12))
PROSE = st.tuples(  # some text around a letter: never blank
    st.text("ab Z\n\t中é", max_size=4), st.sampled_from("aZ中é"), st.text("ab Z\n\t中é", max_size=4)
).map("".join)

VALID: dict[str, st.SearchStrategy[Any]] = {
    "year": st.integers(YEAR_MIN, YEAR_MAX),
    "months": st.integers(1, FULL_YEAR),
    "value": st.one_of(INT64, st.floats(allow_nan=False, allow_infinity=False)),
    "source": st.sampled_from(SOURCES),
    "quote": PROSE,
    "status": st.sampled_from(OBSERVATION_STATUSES),
    "corroborated_by": st.lists(st.sampled_from(SOURCES), max_size=4),  # empty, duplicates
    "note": PROSE,
    "published": st.one_of(
        st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
        st.dates().map(dt.date.isoformat),
        st.sampled_from(["2024", "2024-10"]),
    ),
}
# Values on either side of each check, tried in tables otherwise valid: at random and each in turn
# (EDGES below)...
EDGE_VALUES: dict[str, list[Any]] = {
    "year": [YEAR_MIN - 1, YEAR_MIN, YEAR_MAX, YEAR_MAX + 1, 0, True, False, 2020.0, "2020"],
    "months": [-1, 0, 1, FULL_YEAR, FULL_YEAR + 1, True, False, 12.0, 6.5, "12"],
    "value": [math.nan, math.inf, -math.inf, True, False, -(2**63), 0.0, -0.0, "1.5", ""],
    "source": [*SOURCES, "unknown", "Src", "src ", " src", "", " ", "src\x00", "s-rc"],
    "quote": PROSE_EDGES,
    "status": [*OBSERVATION_STATUSES, "Reported", "reported ", "", " ", "reported\x00", "assumed"],
    "corroborated_by": [
        *([s] for s in SOURCES),
        [],
        ["src", "src"],
        ["unknown"],
        ["src", "Src"],
        ["other", ""],
        [" "],
        ["src", 1],
        ["src", True],
        [[]],  # an array is no id, nor can it be looked up in a set
        [{}],
        "src",  # an id, not an array of ids
        "",
    ],
    "note": PROSE_EDGES,
    "published": [
        dt.date(2024, 10, 9),
        "2024-10-09",
        "2024-02-30",  # no such day
        "2024-10",
        "2024-13",
        "2024",
        "24",
        "",
        dt.datetime(2024, 10, 9, 12, 0),
        2024,
        True,
    ],
}
# ... and values drawn at large.
AT_LARGE: dict[str, st.SearchStrategy[Any]] = {
    "year": INT64,
    "months": INT64,
    "value": st.floats(),
    "source": TEXT,
    "quote": TEXT,
    "status": TEXT,
    "corroborated_by": st.lists(st.one_of(st.sampled_from([*SOURCES, "unknown"]), OTHER)),
    "note": TEXT,
    "published": st.one_of(TEXT, OTHER),
}
UNKNOWN_KEYS = st.sampled_from(
    ["Year", "yaer", "value ", "sources", "corroborated", "status_", "notes", "month", "id", ""]
)


# One field set to one of its edge values: drawn from a single list, each edge of every key is
# as likely as any other.
EDGE_FIELDS = [(key, value) for key, values in EDGE_VALUES.items() for value in values]
KEYS = st.sampled_from(list(OBSERVATION_KEYS))


@st.composite
def observations(draw: st.DrawFn) -> dict[str, Any]:
    """An observation table: plainly valid fields, then a defect or two, or none.

    Mostly one defect, mostly a field set to an edge value: a table with a single defect tells
    most about the one check that must turn it down.
    """
    obj: dict[str, Any] = draw(
        st.fixed_dictionaries(
            {key: VALID[key] for key in ("year", "value", "source")},
            optional={key: VALID[key] for key in VALID if key not in ("year", "value", "source")},
        )
    )
    for _ in range(draw(st.sampled_from([0, 1, 1, 1, 1, 2]))):
        defect = draw(st.sampled_from(["edge", "edge", "edge", "at large", "drop", "unknown key"]))
        if defect == "edge":
            key, value = draw(st.sampled_from(EDGE_FIELDS))
            obj[key] = value
        elif defect == "at large":
            key = draw(KEYS)
            obj[key] = draw(st.one_of(AT_LARGE[key], OTHER))
        elif defect == "drop":
            obj.pop(draw(KEYS), None)
        else:
            obj[draw(UNKNOWN_KEYS)] = draw(VALID[draw(KEYS)])
    return obj


# An [[indicators.observations]] entry need not even be a table.
TABLES = st.one_of(observations(), st.sampled_from([1, "year", [], True]))

# --- the two paths ------------------------------------------------------------------------------


def full_check(obj: Any) -> tuple[Observation | None, tuple[int, int] | None]:
    """What the full check makes of `obj`: the observation when it finds no problem, else None;
    and the (year, months) it returns for the duplicate check.

    The full check builds no observation itself; this one is built from the fields it converts,
    as `_Checker.dataset` builds sources and targets, so defaults come from the model.
    """
    checker = _Checker()
    period, _ = checker.observation(obj, "o", KNOWN)
    if checker.problems:
        return None, period
    fields, _ = _Checker().fields(obj, OBSERVATION_KEYS, "o")
    return Observation(**fields), period


def typed(observation: Observation) -> list[tuple[type, Any]]:
    """The fields with their types: 1 == 1.0 == True, but a value is a float and a year no bool."""
    return [(type(field), field) for field in observation]


# --- properties ---------------------------------------------------------------------------------


def assert_the_paths_agree(obj: Any) -> None:
    """The fast path and the full check accept the same tables and build the same observation."""
    fast = _plain_observation(obj, KNOWN)
    full, period = full_check(obj)
    if fast is not None:
        # 1. what the fast path builds, the full check accepts, and builds the same
        assert full is not None, f"the fast path accepts what the full check rejects: {obj!r}"
        assert typed(fast) == typed(full)
    if full is not None:
        # 2. what the full check accepts, the fast path builds (else the loader drops it)
        assert fast is not None, f"the fast path turns down a valid observation: {obj!r}"
        assert typed(fast) == typed(full)
        assert period == (fast.year, fast.months)
    else:
        # 3. what the full check rejects, the fast path turns down
        assert fast is None, f"the fast path accepts what the full check rejects: {obj!r}"


def plain(**fields: Any) -> dict[str, Any]:
    return {"year": 2020, "value": 1, "source": "src", **fields}


# Each edge value in a table otherwise valid, on every run (random tables reach each edge only
# now and then), and a few tables whose defect no single field has.
EDGES = [
    *(plain(**{key: value}) for key, value in EDGE_FIELDS),
    plain(quote="a\n\tb", note="c\td\n"),  # newline and tab are prose
    plain(extra=1),
    {"year": 2020, "value": 1},
    {"value": 1, "source": "src"},
    {"year": 2020, "source": "src"},
    {},
    1,
]


@pytest.mark.parametrize("obj", EDGES)
def test_fast_path_agrees_on_the_edges(obj: Any) -> None:
    assert_the_paths_agree(obj)


@settings(max_examples=500)
@given(TABLES)
def test_fast_path_accepts_exactly_what_the_full_check_accepts(obj: Any) -> None:
    event("the full check accepts" if full_check(obj)[0] else "the full check rejects")
    assert_the_paths_agree(obj)


def toml_value(value: Any) -> str:
    """`value` written as TOML; strings as basic strings, escaped where TOML requires it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        escaped = (
            f"\\{c}" if c in '"\\' else f"\\u{ord(c):04x}" if c < " " or c == "\x7f" else c
            for c in value
        )
        return '"' + "".join(escaped) + '"'
    if isinstance(value, dt.date | dt.time):  # a datetime is a date
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_value(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML for {value!r}")


DATASET = (
    HEADER
    + "".join(f'\n[[sources]]\nid = "{s}"\ntitle = "S"\npublisher = "P"\n' for s in SOURCES[1:])
    + '\n[[indicators]]\nid = "a"\nname = "A"\nunit = "u"\ncategory = "c"\n'
    + "\n  [[indicators.observations]]\n"
)


def load(text: str) -> Dataset | DatasetError:
    """The dataset `text` holds, or the error that lists its problems."""
    try:
        return parse_dataset(text, "d.toml")
    except DatasetError as error:
        return error


def assert_the_dataset_holds_what_the_full_check_accepts(obj: dict[str, Any]) -> None:
    """A dataset file with `obj` as its one observation: loaded with that observation when the
    full check accepts it (the fast path built it), else rejected for that observation alone."""
    text = DATASET + "".join(f"  {toml_value(k)} = {toml_value(v)}\n" for k, v in obj.items())
    read = tomli.loads(text)["indicators"][0]["observations"][0]
    assert repr(read) == repr(obj)  # the file says what was drawn (repr: nan is not nan)
    expected, _ = full_check(obj)
    loaded = load(text)
    if isinstance(loaded, DatasetError):
        assert expected is None, f"a valid observation is rejected: {obj!r}"
        assert loaded.problems
        assert all(p.path.startswith("indicators[0].observations[0]") for p in loaded.problems)
    else:
        assert expected is not None, f"an invalid observation is loaded: {obj!r}"
        assert [typed(o) for o in loaded.indicators[0].observations] == [typed(expected)]


@pytest.mark.parametrize("obj", [edge for edge in EDGES if isinstance(edge, dict)])
def test_a_dataset_agrees_on_the_edges(obj: dict[str, Any]) -> None:
    assert_the_dataset_holds_what_the_full_check_accepts(obj)


@settings(max_examples=300)
@given(observations())
def test_a_dataset_holds_an_observation_exactly_when_the_full_check_accepts_it(
    obj: dict[str, Any],
) -> None:
    assert_the_dataset_holds_what_the_full_check_accepts(obj)
