"""The loader (rarecli.loader): the shipped file; what a valid file gives; where the dataset
comes from; every validation rule with its place, a problem asserted as the whole line that
`rarecli validate` prints (place, path, message and hint); line numbers; files that are not
datasets; the collector paused while parsing; and any text at all, which gives a dataset or a
clean DatasetError (property tests).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import HEADER, enterprise, indicator, target, write
from rarecli import frames, history
from rarecli.errors import DatasetError, DatasetFileError
from rarecli.loader import default_data_path, load_dataset, parse_dataset, resolve_path
from rarecli.model import Dataset, Observation


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    return [p.render(caught.value.file) for p in caught.value.problems]


def value(ds: Dataset, indicator_id: str, year: int) -> tuple[float, str]:
    """The current version of the indicator's full-year figure."""
    found = next(i for i in history.current(ds).indicators if i.id == indicator_id)
    obs = next(o for o in found.observations if o.year == year and o.months == 12)
    return obs.value, obs.status


RERUN = "run `rarecli validate d.toml` to list them all"


def problems(text: str) -> list[str]:
    """The problems of `text` as `validate` prints them, for a file shown as d.toml."""
    with pytest.raises(DatasetError) as caught:
        parse_dataset(text, "d.toml")
    error = caught.value
    count = len(error.problems)
    assert error.file == "d.toml"  # the hint is asserted once, in test_the_hint_names_validate
    assert error.message == f"invalid dataset: {count} problem{'s' if count != 1 else ''}"
    return [p.render(error.file) for p in error.problems]


OBSERVATION = indicator("a", {2020: 1})  # its observation starts on line 16 after HEADER


# --- the shipped dataset -------------------------------------------------------------------------


def test_shipped_dataset_loads_with_no_flag(shipped: Dataset) -> None:
    assert shipped.info.title == "Baotou rare earth industry"
    assert (shipped.info.base_year, shipped.info.current_year) == (2022, 2024)
    assert len(shipped.enterprises) == 12


@pytest.mark.parametrize(
    ("indicator_id", "year", "expected"),
    [
        ("rare_earth_enterprises", 2024, (209, "reported")),
        ("large_scale_enterprises", 2024, (85, "reported")),
        ("national_high_tech_enterprises", 2024, (70, "reported")),
        ("rare_earth_enterprises", 2022, (179, "derived")),  # 209 - 30
        ("large_scale_enterprises", 2022, (63, "derived")),  # 85 - 22
        ("national_high_tech_enterprises", 2022, (50, "derived")),  # 70 - 20
        ("local_conversion_rate", 2022, (80, "assumed_year")),
        ("local_conversion_rate", 2024, (88, "reported")),
        ("industry_output_value", 2021, (38, "estimated")),
        ("industry_output_value", 2022, (67.75, "reported")),
        ("industry_output_value", 2024, (100, "lower_bound")),
        ("single_champion_enterprises", 2024, (1, "reported")),
        ("pre_listing_enterprises", 2024, (8, "reported")),
        ("top10_magnet_companies_present", 2024, (7, "reported")),
        ("green_smelting_capacity", 2024, (20000, "reported")),
    ],
)
def test_headline_figures_are_as_the_sources_say(
    shipped: Dataset, indicator_id: str, year: int, expected: tuple[float, str]
) -> None:
    assert value(shipped, indicator_id, year) == expected


def test_frames_have_integer_years(shipped: Dataset) -> None:
    obs = frames.observations(shipped)
    assert str(obs["year"].dtype) == "int64"
    assert str(obs["value"].dtype) == "float64"
    assert str(frames.targets(shipped)["deadline"].dtype) == "Int64"
    assert len(obs) == shipped.observation_count


def test_model_is_frozen(shipped: Dataset) -> None:
    with pytest.raises(AttributeError):
        shipped.indicators[0].observations[0].value = 1  # type: ignore[misc]


# --- what a valid file gives ---------------------------------------------------------------------


def test_a_valid_dataset_is_built_whole() -> None:
    text = (
        HEADER.replace('region = "Testland"', 'region = "T"\ndescription = "D"')
        + enterprise("e", "E", kind="group", name_zh="稀土", segment="s", distinction="d")
        + indicator("a", {2020: 1}, scope="e")
        + target("t", "a", 5, deadline=2030, direction="at_most", quote="q", note="n")
    )
    ds = parse_dataset(text, "shown.toml")
    assert ds.origin == "shown.toml"
    assert ds.schema_version == 1
    assert (ds.info.title, ds.info.region, ds.info.description) == ("Test industry", "T", "D")
    assert [s.id for s in ds.sources] == ["src"]
    got = ds.enterprises[0]
    assert (got.id, got.kind, got.name_zh, got.segment, got.distinction) == (
        "e",
        "group",
        "稀土",
        "s",
        "d",
    )
    assert (ds.indicators[0].scope, ds.indicators[0].unit) == ("e", "units")
    goal = ds.targets[0]
    assert (goal.id, goal.indicator, goal.value, goal.deadline, goal.direction) == (
        "t",
        "a",
        5,
        2030,
        "at_most",
    )
    assert (goal.quote, goal.note, goal.source) == ("q", "n", "src")


def test_every_observation_field_is_kept() -> None:
    text = (
        HEADER
        + '\n[[sources]]\nid = "other"\ntitle = "O"\npublisher = "P"\n\n'
        + OBSERVATION.replace('status = "reported"', 'status = "estimated"')
        + '  quote = "about one"\n  corroborated_by = ["other"]\n  note = "a note"\n'
        + "  months = 6\n"
    )
    got = parse_dataset(text).indicators[0].observations
    assert got == (
        Observation(2020, 1.0, "src", "about one", "estimated", ("other",), "a note", 6),
    )
    assert type(got[0].value) is float


def test_defaults_of_an_observation() -> None:
    text = HEADER + OBSERVATION.replace('  status = "reported"\n', "")
    got = parse_dataset(text).indicators[0].observations
    assert got == (Observation(2020, 1.0, "src", None, "reported", (), None, 12),)


def test_a_float_value_is_kept_and_an_int_becomes_float() -> None:
    ds = parse_dataset(HEADER + indicator("a", {2020: 1.25, 2021: 7}))
    assert [o.value for o in ds.indicators[0].observations] == [1.25, 7.0]
    assert [type(o.value) for o in ds.indicators[0].observations] == [float, float]


def test_observations_are_sorted_by_year_then_months() -> None:
    # b: the full year 2021 first in the file, then January to June 2021 (written as 2099); the
    # partial figure is the larger, so sorting whole observations would put it last
    text = HEADER + indicator("a", {2022: 3, 2020: 1}) + indicator("b", {2021: 5, 2099: 9})
    text = text.replace("year = 2099", "year = 2021\n  months = 6")
    ds = parse_dataset(text)
    assert [(o.year, o.months) for o in ds.indicators[0].observations] == [(2020, 12), (2022, 12)]
    assert [(o.year, o.months, o.value) for o in ds.indicators[1].observations] == [
        (2021, 6, 9),
        (2021, 12, 5),
    ]


def test_known_enterprise_sources_are_kept() -> None:
    ds = parse_dataset(HEADER + enterprise("e", "E") + 'sources = ["src"]\n')
    assert ds.enterprises[0].sources == ("src",)


def test_months_and_source_type(tmp_path: Path) -> None:
    body = indicator("a", {2024: 5}).replace("year = 2024", "year = 2024\n  months = 5")
    path = write(tmp_path, body + indicator("b", {2024: 1}))
    path.write_text(
        path.read_text().replace(
            'publisher = "A publisher"', 'publisher = "P"\ntype = "aggregator"'
        )
    )
    ds = load_dataset(path)
    assert ds.sources[0].type == "aggregator"
    assert ds.indicators[0].observations[0].months == 5
    assert ds.indicators[1].observations[0].months == 12


def test_load_dataset_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text(HEADER + indicator("a", {2020: 1}), encoding="utf-8")
    ds: Dataset = load_dataset(path)
    assert ds.origin == str(path)


def test_the_default_name_of_parsed_text() -> None:
    with pytest.raises(DatasetError) as caught:
        parse_dataset("schema_version = 1\n")
    assert caught.value.file == "<text>"
    assert caught.value.hint == "run `rarecli validate <text>` to list them all"
    assert parse_dataset(HEADER).origin == "<text>"


# --- where the dataset comes from ----------------------------------------------------------------


def test_env_var_names_the_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, indicator("a", {2020: 1}))
    monkeypatch.setenv("RARECLI_DATA", str(path))
    assert resolve_path(None) == path
    assert load_dataset().info.title == "Test industry"


def test_explicit_path_beats_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RARECLI_DATA", str(tmp_path / "missing.toml"))
    assert resolve_path(default_data_path()) == default_data_path()


def test_an_empty_path_means_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_path("") == default_data_path()
    assert resolve_path(None) == default_data_path()
    monkeypatch.setenv("RARECLI_DATA", "")
    assert resolve_path(None) == default_data_path()


def test_the_shipped_dataset_is_found_in_the_checkout() -> None:
    path = default_data_path()
    assert path.name == "indicators.toml"
    assert path.is_file()


def test_installed_dataset_beside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rarecli.loader as loader

    package = tmp_path / "site" / "rarecli"
    (package / "data").mkdir(parents=True)
    (package / "data" / "indicators.toml").write_text(HEADER)
    monkeypatch.setattr(loader, "__file__", str(package / "loader.py"))
    assert default_data_path() == package / "data" / "indicators.toml"


def test_checkout_dataset_two_levels_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rarecli.loader as loader

    package = tmp_path / "checkout" / "src" / "rarecli"
    package.mkdir(parents=True)
    monkeypatch.setattr(loader, "__file__", str(package / "loader.py"))
    assert default_data_path() == tmp_path / "checkout" / "data" / "indicators.toml"


# --- each validation rule, with its place --------------------------------------------------------


RULES = [
    pytest.param(
        indicator("a", {2020: 1}).replace('unit = "units"', 'unti = "units"'),
        [
            "data.toml:11: indicators[0]: missing required key 'unit' (add unit = ...)",
            "data.toml:14: indicators[0].unti: unknown key 'unti' (did you mean 'unit'?)",
        ],
        id="unknown-key-with-suggestion-and-missing-key",
    ),
    pytest.param(
        indicator("a", {2020: 1}).replace("year = 2020", 'year = "2020"'),
        [
            "data.toml:17: indicators[0].observations[0].year: expected a year (an integer), "
            "got a string (write e.g. 2024)"
        ],
        id="year-type",
    ),
    pytest.param(
        indicator("a", {1850: 1}),
        ["data.toml:17: indicators[0].observations[0].year: year 1850 is outside 1900..2100"],
        id="year-range",
    ),
    pytest.param(
        indicator("a", {2020: 1}).replace("value = 1", "value = nan"),
        [
            "data.toml:18: indicators[0].observations[0].value: nan is not a finite number "
            "(give a real number)"
        ],
        id="nan",
    ),
    pytest.param(
        indicator("a", {2020: 1}).replace("value = 1", "value = -inf"),
        [
            "data.toml:18: indicators[0].observations[0].value: -inf is not a finite number "
            "(give a real number)"
        ],
        id="inf",
    ),
    pytest.param(
        indicator("a", {2020: 1}).replace("value = 1", 'value = "1"'),
        [
            "data.toml:18: indicators[0].observations[0].value: expected a number, got a string "
            "(write it without quotes)"
        ],
        id="value-type",
    ),
    pytest.param(
        indicator("a", {2020: 1, 2021: 2}).replace("year = 2021", "year = 2020"),
        [
            "data.toml:22: indicators[0].observations[1].year: a second observation for 2020 in "
            "indicator 'a', both undated (see line 16: keep one and put the other's source in "
            "corroborated_by, or give each its own published date)"
        ],
        id="one-observation-per-year",
    ),
    pytest.param(
        indicator("a", {2020: 1}).replace('source = "src"', 'source = "scr"'),
        [
            "data.toml:19: indicators[0].observations[0].source: unknown source id 'scr' "
            "(did you mean 'src'?)"
        ],
        id="dangling-source",
    ),
    pytest.param(
        indicator("a", {2020: 1}) + target("t", "b", 5),
        [
            "data.toml:23: targets[0].indicator: unknown indicator id 'b' "
            "(define it in [[indicators]])"
        ],
        id="dangling-indicator",
    ),
    pytest.param(
        indicator("a", {2020: 1}, scope="acme"),
        [
            "data.toml:16: indicators[0].scope: unknown enterprise id 'acme' "
            "(define it in [[enterprises]])"
        ],
        id="dangling-scope",
    ),
    pytest.param(
        indicator("a") + indicator("a"),
        ["data.toml:17: indicators[1].id: duplicate indicator id 'a' (also at indicators[0])"],
        id="duplicate-indicator",
    ),
    pytest.param(
        indicator("a") + target("t", "a", 1) + target("t", "a", 2),
        ["data.toml:22: targets[1].id: duplicate target id 't' (also at targets[0])"],
        id="duplicate-target",
    ),
    pytest.param(
        indicator("BadId"),
        [
            "data.toml:12: indicators[0].id: 'BadId' is not a snake_case id "
            "(use lowercase letters, digits and underscores)"
        ],
        id="snake-case",
    ),
    pytest.param(
        indicator("a", {2020: (1, "estimate")}),
        [
            "data.toml:20: indicators[0].observations[0].status: 'estimate' is not one of "
            "reported, derived, estimated, lower_bound, assumed_year (did you mean 'estimated'?)"
        ],
        id="status-vocabulary",
    ),
    pytest.param(
        indicator("a") + target("t", "a", 1, direction="atleast"),
        [
            "data.toml:21: targets[0].direction: 'atleast' is not one of at_least, at_most "
            "(did you mean 'at_least'?)"
        ],
        id="direction-vocabulary",
    ),
    pytest.param(
        enterprise("e", "E", kind="park"),
        [
            "data.toml:14: enterprises[0].kind: 'park' is not one of company, group, "
            "industrial_park, project"
        ],
        id="kind-vocabulary",
    ),
    pytest.param(
        indicator("a") + target("t", "a", 1, deadline=2024.5),
        [
            "data.toml:21: targets[0].deadline: expected a year (an integer), got a number "
            "(write e.g. 2024)"
        ],
        id="deadline-type",
    ),
]


@pytest.mark.parametrize(("body", "expected"), RULES)
def test_each_rule_reports_its_place(tmp_path: Path, body: str, expected: list[str]) -> None:
    path = write(tmp_path, body)
    got = problems_of(path)
    assert [line.replace(str(tmp_path) + "/", "") for line in got] == expected


def test_schema_version_must_be_known(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text(HEADER.replace("schema_version = 1", "schema_version = 2"))
    assert problems_of(path) == [
        f"{path}:1: schema_version: unknown schema_version 2 "
        "(this rarecli reads schema_version = 1)"
    ]


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    body = indicator("a", {2020: 1, 1800: 2}, scope="nobody") + target("t", "zzz", 1)
    path = write(tmp_path, body.replace('source = "src"', 'source = "nope"', 1))
    got = problems_of(path)
    assert [line.split(": ", 2)[1] for line in got] == [
        "indicators[0].scope",
        "indicators[0].observations[0].source",
        "indicators[0].observations[1].year",
        "targets[0].indicator",
    ]


def test_the_hint_names_validate() -> None:
    with pytest.raises(DatasetError) as caught:
        parse_dataset(HEADER + OBSERVATION.replace("  year = 2020\n", ""), "d.toml")
    assert caught.value.hint == RERUN


def test_root_problems_have_an_empty_path() -> None:
    with pytest.raises(DatasetError) as caught:
        parse_dataset(HEADER.replace("schema_version = 1\n", ""), "d.toml")
    assert [(p.path, p.line) for p in caught.value.problems] == [("", None)]


# --- required keys, each named -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("removed", "expected"),
    [
        (
            "  year = 2020\n",
            "d.toml:16: indicators[0].observations[0]: missing required key 'year' "
            "(add year = ...)",
        ),
        (
            "  value = 1\n",
            "d.toml:16: indicators[0].observations[0]: missing required key 'value' "
            "(add value = ...)",
        ),
        (
            '  source = "src"\n',
            "d.toml:16: indicators[0].observations[0]: missing required key 'source' "
            "(add source = ...)",
        ),
    ],
)
def test_observation_missing_a_required_key(removed: str, expected: str) -> None:
    assert problems(HEADER + OBSERVATION.replace(removed, "")) == [expected]


@pytest.mark.parametrize(
    ("removed", "expected"),
    [
        ('id = "t"\n', "d.toml:16: targets[0]: missing required key 'id' (add id = ...)"),
        (
            'indicator = "a"\n',
            "d.toml:16: targets[0]: missing required key 'indicator' (add indicator = ...)",
        ),
        ("value = 5\n", "d.toml:16: targets[0]: missing required key 'value' (add value = ...)"),
        (
            'source = "src"\n',
            "d.toml:16: targets[0]: missing required key 'source' (add source = ...)",
        ),
    ],
)
def test_target_missing_a_required_key(removed: str, expected: str) -> None:
    text = HEADER + indicator("a") + target("t", "a", 5).replace(removed, "")
    assert problems(text) == [expected]


def test_missing_top_level_keys_have_no_line() -> None:
    assert problems("schema_version = 1\n") == [
        "d.toml: missing required key 'dataset' (add dataset = ...)",
        "d.toml: dataset: missing required key 'title' (add title = ...)",
        "d.toml: dataset: missing required key 'region' (add region = ...)",
    ]
    assert problems(HEADER.replace("schema_version = 1\n", "")) == [
        "d.toml: missing required key 'schema_version' (add schema_version = ...)"
    ]


# --- the type and vocabulary of every field ------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "year = 2020",
            "year = true",
            "17: indicators[0].observations[0].year: expected a year (an integer), "
            "got a boolean (write e.g. 2024)",
        ),
        (
            "value = 1",
            "value = true",
            "18: indicators[0].observations[0].value: expected a number, got a boolean "
            "(write it without quotes)",
        ),
        (
            'source = "src"',
            "source = 5",
            "19: indicators[0].observations[0].source: expected a string, got an integer "
            '(write it in quotes: "...")',
        ),
        (
            'status = "reported"',
            "status = 1",
            "20: indicators[0].observations[0].status: expected a string, got an integer "
            '(write it in quotes: "...")',
        ),
        (
            'status = "reported"',
            'status = "zzzzzzzz"',
            "20: indicators[0].observations[0].status: 'zzzzzzzz' is not one of reported, "
            "derived, estimated, lower_bound, assumed_year",
        ),
    ],
)
def test_each_required_observation_field_is_checked(old: str, new: str, expected: str) -> None:
    assert problems(HEADER + OBSERVATION.replace(old, new)) == [f"d.toml:{expected}"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "months = 0",
            "months: months 0 is outside 1..12 "
            "(the figure covers January to this month; leave it out for a full year)",
        ),
        (
            "months = 13",
            "months: months 13 is outside 1..12 "
            "(the figure covers January to this month; leave it out for a full year)",
        ),
        (
            "months = 6.0",
            "months: expected a number of months (an integer), got a number",
        ),
        ('quote = "  "', "quote: must not be empty"),
        ("quote = 5", 'quote: expected a string, got an integer (write it in quotes: "...")'),
        ('note = ""', "note: must not be empty"),
        ("note = 5", 'note: expected a string, got an integer (write it in quotes: "...")'),
        (
            "extra = 5",
            "extra: unknown key 'extra' (known keys: year, months, value, source, quote, "
            "status, corroborated_by, note, published)",
        ),
    ],
)
def test_each_optional_observation_field_is_checked(line: str, expected: str) -> None:
    text = HEADER + OBSERVATION + f"  {line}\n"
    assert problems(text) == [f"d.toml:21: indicators[0].observations[0].{expected}"]


def test_months_must_not_be_a_boolean() -> None:
    assert problems(HEADER + OBSERVATION + "  months = true\n") == [
        "d.toml:21: indicators[0].observations[0].months: expected a number of months "
        "(an integer), got a boolean"
    ]


def test_an_observation_that_is_not_a_table() -> None:
    text = (
        HEADER
        + '[[indicators]]\nid = "a"\nname = "A"\nunit = "u"\ncategory = "c"\n'
        + 'observations = [{year = 2020, value = 1, source = "nope"}, 3]\n'
    )
    # inline tables have no line of their own: the problems point at the `observations` key
    assert problems(text) == [
        "d.toml:16: indicators[0].observations[0].source: unknown source id 'nope' "
        "(define it in [[sources]])",
        "d.toml:16: indicators[0].observations[1]: expected a table, got an integer",
    ]


def test_table_and_array_types() -> None:
    assert problems("schema_version = true\ndataset = 5\nsources = 5\n") == [
        "d.toml:1: schema_version: expected an integer, got a boolean",
        "d.toml:2: dataset: expected a table, got an integer",
        "d.toml:2: dataset: missing required key 'title' (add title = ...)",
        "d.toml:2: dataset: missing required key 'region' (add region = ...)",
        "d.toml:3: sources: expected an array of tables, got an integer (use [[...]] headers)",
    ]


def test_dataset_text_fields() -> None:
    text = HEADER.replace('region = "Testland"', 'region = ""\nzzz = 1\ndescription = 5')
    assert problems(text) == [
        "d.toml:5: dataset.region: must not be empty",
        "d.toml:6: dataset.zzz: unknown key 'zzz' "
        "(known keys: title, region, description, base_year, current_year, license)",
        "d.toml:7: dataset.description: expected a string, got an integer "
        '(write it in quotes: "...")',
    ]


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("true", "a boolean"),
        ("1", "an integer"),
        ("1.5", "a number"),
        ("[1]", "an array"),
        ("{a = 1}", "a table"),
        ("2024-01-01", "a date"),
        ("2024-01-01T10:00:00", "a datetime"),
        ("10:00:00", "time"),  # no name of our own: the Python type's
    ],
)
def test_type_names_in_messages(value: str, name: str) -> None:
    text = HEADER.replace('region = "Testland"', f"region = {value}")
    assert problems(text) == [
        f'd.toml:5: dataset.region: expected a string, got {name} (write it in quotes: "...")'
    ]


def test_enterprise_kind_and_sources_types() -> None:
    text = HEADER + enterprise("e", "E", kind="zzzzzzzz") + 'sources = "src"\n'
    assert problems(text) == [
        "d.toml:14: enterprises[0].kind: 'zzzzzzzz' is not one of company, group, "
        "industrial_park, project",
        "d.toml:15: enterprises[0].sources: expected an array of ids, got a string "
        '(write ["id_a", "id_b"])',
    ]


def test_bad_source_type(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text(HEADER + 'type = "agregator"\n')
    assert problems_of(path) == [
        f"{path}:11: sources[0].type: 'agregator' is not one of official, media, company, "
        "aggregator (did you mean 'aggregator'?)"
    ]


def test_choice_checker() -> None:
    from rarecli.loader import _Bad, _choice

    check = _choice(iter(["at_least", "at_most"]))  # any iterable, read once
    assert check("at_most") == "at_most"
    assert check("at_least") == "at_least"
    with pytest.raises(_Bad) as caught:
        check("at_lest")
    assert (caught.value.message, caught.value.hint) == (
        "'at_lest' is not one of at_least, at_most",
        "did you mean 'at_least'?",
    )
    with pytest.raises(_Bad) as caught:
        check("zzzzzzzz")
    assert (caught.value.message, caught.value.hint) == (
        "'zzzzzzzz' is not one of at_least, at_most",
        None,
    )
    with pytest.raises(_Bad) as caught:
        check(5)
    assert caught.value.message == "expected a string, got an integer"


def test_spec_knows_its_required_keys() -> None:
    from rarecli.loader import Spec

    spec = Spec({"a": (str, True), "b": (str, False), "c": (int, True)})
    assert list(spec) == ["a", "b", "c"]
    assert spec.required == frozenset({"a", "c"})


# --- years and months: 1900 and 2100 are in range ------------------------------------------------


EDGE_YEARS = (
    HEADER.replace('region = "Testland"', 'region = "T"\nbase_year = 1900\ncurrent_year = 2100')
    + indicator("a", {1900: 1, 2100: 2})
    + target("t", "a", 5, deadline=2100, baseline_year=1900, set_in=1900)
)


def test_years_1900_and_2100_are_accepted() -> None:
    ds = parse_dataset(EDGE_YEARS)
    assert (ds.info.base_year, ds.info.current_year) == (1900, 2100)
    assert [(o.year, o.value) for o in ds.indicators[0].observations] == [(1900, 1), (2100, 2)]
    got = ds.targets[0]
    assert (got.deadline, got.baseline_year, got.set_in) == (2100, 1900, 1900)


@pytest.mark.parametrize("year", [1899, 2101])
def test_years_just_outside_are_refused(year: int) -> None:
    text = HEADER + indicator("a", {year: 1})
    assert problems(text) == [
        f"d.toml:17: indicators[0].observations[0].year: year {year} is outside 1900..2100"
    ]
    text = HEADER + indicator("a") + target("t", "a", 5, deadline=year)
    assert problems(text) == [f"d.toml:21: targets[0].deadline: year {year} is outside 1900..2100"]


def test_base_year_may_equal_current_year() -> None:
    text = HEADER.replace(
        'region = "Testland"', 'region = "T"\nbase_year = 2020\ncurrent_year = 2020'
    )
    ds = parse_dataset(text + indicator("a", {2020: 1}))
    assert (ds.info.base_year, ds.info.current_year) == (2020, 2020)


def test_base_year_after_current_year(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    text = HEADER.replace(
        'region = "Testland"', 'region = "T"\nbase_year = 2024\ncurrent_year = 2022'
    )
    path.write_text(text + indicator("a", {2022: 1, 2024: 2}))
    assert problems_of(path) == [
        f"{path}:6: dataset.base_year: base_year 2024 is after current_year 2022"
    ]


def test_default_years_need_an_observation(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    text = HEADER.replace(
        'region = "Testland"', 'region = "T"\nbase_year = 2021\ncurrent_year = 2024'
    )
    path.write_text(text + indicator("a", {2022: 1, 2024: 2}))
    assert problems_of(path) == [
        f"{path}:6: dataset.base_year: base_year 2021 has no observation in the dataset "
        "(years with observations: 2022, 2024)"
    ]


def test_a_year_to_date_figure_counts_for_the_default_years(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    text = HEADER.replace('region = "Testland"', 'region = "T"\ncurrent_year = 2025')
    body = indicator("a", {2024: 2, 2025: 1}).replace("year = 2025", "year = 2025\n  months = 5")
    path.write_text(text + body)
    assert load_dataset(path).info.current_year == 2025


def test_deadline_before_baseline_year(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        indicator("a", {2020: 1, 2022: 2}),
        target("t", "a", 5, deadline=2019, baseline_year=2020),
    )
    assert problems_of(path) == [
        f"{path}:32: targets[0].deadline: deadline 2019 is before the baseline year 2020 "
        "(a target is due after its baseline: check both years)"
    ]


def test_baseline_year_needs_a_full_year_observation(tmp_path: Path) -> None:
    body = indicator("a", {2020: 1, 2022: 2}).replace("year = 2022", "year = 2022\n  months = 6")
    path = write(tmp_path, body, target("t", "a", 5, deadline=2030, baseline_year=2022))
    assert problems_of(path) == [
        f"{path}:34: targets[0].baseline_year: indicator 'a' has no full-year observation in "
        "2022 (its full-year observations: 2020; or leave baseline_year out to use the first)"
    ]


@pytest.mark.parametrize("months", [1, 12])
def test_months_1_and_12_are_accepted(months: int) -> None:
    ds = parse_dataset(HEADER + OBSERVATION + f"  months = {months}\n")
    assert ds.indicators[0].observations[0].months == months


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        (
            "months = 13",
            "months 13 is outside 1..12 (the figure covers January to this month; "
            "leave it out for a full year)",
        ),
        (
            "months = 0",
            "months 0 is outside 1..12 (the figure covers January to this month; "
            "leave it out for a full year)",
        ),
        ('months = "5"', "expected a number of months (an integer), got a string"),
    ],
)
def test_bad_months(tmp_path: Path, replace: str, message: str) -> None:
    body = indicator("a", {2024: 5}).replace("year = 2024", f"year = 2024\n  {replace}")
    path = write(tmp_path, body)
    assert problems_of(path) == [f"{path}:18: indicators[0].observations[0].months: {message}"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("year = 2020", "year = 1900"),
        ("year = 2020", "year = 2100"),
        ("year = 2020", "year = 2020\n  months = 1"),
        ("year = 2020", "year = 2020\n  months = 12"),
    ],
)
def test_edge_values_pass_the_full_check_too(old: str, new: str) -> None:
    # a bad quote sends the observation to the full check: only the quote is reported
    text = HEADER + OBSERVATION.replace(old, new) + '  quote = ""\n'
    lines = 22 if "months" in new else 21
    assert problems(text) == [
        f"d.toml:{lines}: indicators[0].observations[0].quote: must not be empty"
    ]


# --- one observation per year and period; one record per id --------------------------------------


def test_a_year_to_date_and_a_full_year_figure_may_share_a_year(tmp_path: Path) -> None:
    body = indicator("a", {2024: 5, 2023: 4}).replace("year = 2023", "year = 2024\n  months = 5")
    ds = load_dataset(write(tmp_path, body))
    assert [(o.year, o.months) for o in ds.indicators[0].observations] == [(2024, 5), (2024, 12)]
    twice = body.replace("months = 5", "months = 5").replace(
        "year = 2024\n  value = 5", "year = 2024\n  months = 5\n  value = 5", 1
    )
    path = write(tmp_path, twice, name="twice.toml")
    assert problems_of(path)[0].endswith(
        "a second observation for Jan–May 2024 in indicator 'a', both undated (see line 16: "
        "keep one and put the other's source in corroborated_by, or give each its own published "
        "date)"
    )


def test_a_second_partial_year_figure() -> None:
    text = HEADER + indicator("a", {2020: 1, 2021: 2}).replace("year = 2021", "year = 2020")
    text = text.replace('status = "reported"', 'status = "reported"\n  months = 6')
    assert problems(text) == [
        "d.toml:23: indicators[0].observations[1].year: a second observation for "
        "Jan–Jun 2020 in indicator 'a', both undated (see line 16: keep one and put the other's "
        "source in corroborated_by, or give each its own published date)"
    ]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # a duplicate year is found though the second figure also has a problem of its own
        (
            '  quote = ""\n',
            [
                "d.toml:22: indicators[0].observations[1].year: a second observation for 2020 "
                "in indicator 'a', both undated (see line 16: keep one and put the other's source "
                "in corroborated_by, or give each its own published date)",
                "d.toml:26: indicators[0].observations[1].quote: must not be empty",
            ],
        ),
        # a partial year of the same year is another period
        (
            '  quote = ""\n  months = 6\n',
            ["d.toml:26: indicators[0].observations[1].quote: must not be empty"],
        ),
        # a bad period is not compared
        (
            "  months = 13\n",
            [
                "d.toml:26: indicators[0].observations[1].months: months 13 is outside 1..12 "
                "(the figure covers January to this month; leave it out for a full year)"
            ],
        ),
    ],
)
def test_periods_of_figures_with_problems(second: str, expected: list[str]) -> None:
    text = HEADER + indicator("a", {2020: 1, 2021: 2}).replace("year = 2021", "year = 2020")
    assert problems(text + second) == expected


def test_a_figure_without_a_year_is_not_a_duplicate() -> None:
    text = HEADER + indicator("a", {2020: 1, 2021: 2}).replace("  year = 2021\n", "")
    assert problems(text) == [
        "d.toml:21: indicators[0].observations[1]: missing required key 'year' (add year = ...)"
    ]


def test_duplicate_partial_years_with_problems() -> None:
    text = HEADER + indicator("a", {2020: 1, 2021: 2}).replace("year = 2021", "year = 2020")
    text = text.replace('status = "reported"', 'status = "reported"\n  months = 6')
    assert problems(text + '  quote = ""\n') == [
        "d.toml:23: indicators[0].observations[1].year: a second observation for "
        "Jan–Jun 2020 in indicator 'a', both undated (see line 16: keep one and put the other's "
        "source in corroborated_by, or give each its own published date)",
        "d.toml:28: indicators[0].observations[1].quote: must not be empty",
    ]


def test_duplicate_source_and_enterprise_ids() -> None:
    text = (
        HEADER
        + '[[sources]]\nid = "src"\ntitle = "T"\npublisher = "P"\n'
        + enterprise("e", "E")
        + enterprise("e", "F")
    )
    assert problems(text) == [
        "d.toml:12: sources[1].id: duplicate source id 'src' (also at sources[0])",
        "d.toml:20: enterprises[1].id: duplicate enterprise id 'e' (also at enterprises[0])",
    ]


# --- references to sources -----------------------------------------------------------------------


def test_unknown_source_in_enterprise_sources() -> None:
    text = HEADER + enterprise("e", "E") + 'sources = ["src", "nope", "scr"]\n'
    assert problems(text) == [
        "d.toml:15: enterprises[0].sources[1]: unknown source id 'nope' (define it in [[sources]])",
        "d.toml:15: enterprises[0].sources[2]: unknown source id 'scr' (did you mean 'src'?)",
    ]


def test_unknown_source_in_corroborated_by() -> None:
    text = HEADER + OBSERVATION + '  corroborated_by = ["src", "nope", "scr"]\n'
    assert problems(text) == [
        "d.toml:21: indicators[0].observations[0].corroborated_by[1]: unknown source id 'nope' "
        "(define it in [[sources]])",
        "d.toml:21: indicators[0].observations[0].corroborated_by[2]: unknown source id 'scr' "
        "(did you mean 'src'?)",
    ]


def test_corroborated_by_must_be_an_array_of_ids() -> None:
    text = HEADER + OBSERVATION + '  corroborated_by = "src"\n'
    assert problems(text) == [
        "d.toml:21: indicators[0].observations[0].corroborated_by: expected an array of ids, "
        'got a string (write ["id_a", "id_b"])'
    ]
    text = HEADER + OBSERVATION + "  corroborated_by = [1]\n"
    assert problems(text) == [
        "d.toml:21: indicators[0].observations[0].corroborated_by: expected a string, "
        'got an integer (write it in quotes: "...")'
    ]


def test_unknown_target_source() -> None:
    text = HEADER + indicator("a") + target("t", "a", 5).replace('"src"', '"nothing"')
    assert problems(text) == [
        "d.toml:20: targets[0].source: unknown source id 'nothing' (define it in [[sources]])"
    ]


def test_a_problem_in_a_second_indicator_is_located() -> None:
    text = HEADER + indicator("a") + indicator("b", {2020: 1}).replace('"src"', '"nop"')
    assert problems(text) == [
        "d.toml:24: indicators[1].observations[0].source: unknown source id 'nop' "
        "(define it in [[sources]])"
    ]


# --- texts, dates and web addresses --------------------------------------------------------------


def test_published_date_forms(tmp_path: Path) -> None:
    good = HEADER.replace('publisher = "A publisher"', 'publisher = "P"\npublished = "2023-08"')
    assert parse_dataset(good).sources[0].published == "2023-08"
    dated = HEADER.replace('publisher = "A publisher"', 'publisher = "P"\npublished = 2024-10-09')
    assert parse_dataset(dated).sources[0].published == "2024-10-09"
    path = tmp_path / "data.toml"
    path.write_text(
        HEADER.replace('publisher = "A publisher"', 'publisher = "P"\npublished = "Oct"')
    )
    assert problems_of(path) == [
        f"{path}:11: sources[0].published: expected a date, got 'Oct' "
        '(write 2024-10-09, or "2024-10" / "2024" without a day)'
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "2024-01-01T10:00:00",
            "expected a date without a time (write e.g. 2024-10-09)",
        ),
        (
            "12:00:00",
            "expected a date, got datetime.time(12, 0) "
            '(write 2024-10-09, or "2024-10" / "2024" without a day)',
        ),
        (
            '"2024-1"',
            "expected a date, got '2024-1' "
            '(write 2024-10-09, or "2024-10" / "2024" without a day)',
        ),
    ],
)
def test_published_must_be_a_date(value: str, expected: str) -> None:
    text = HEADER.replace('publisher = "A publisher"', f'publisher = "P"\npublished = {value}')
    assert problems(text) == [f"d.toml:11: sources[0].published: {expected}"]


@pytest.mark.parametrize("value", ['"2024"', '"2024-02"', '"2024-02-29"', "2024-02-29"])
def test_published_forms_accepted(value: str) -> None:
    text = HEADER.replace('publisher = "A publisher"', f'publisher = "P"\npublished = {value}')
    assert parse_dataset(text).sources[0].published == value.strip('"')


@pytest.mark.parametrize(
    ("published", "message"),
    [
        (
            '"2024-13"',
            'expected a date, got \'2024-13\' (write 2024-10-09, or "2024-10" / "2024" '
            "without a day)",
        ),
        ('"2024-02-31"', "'2024-02-31' is not a day of the calendar (check the month and day)"),
    ],
)
def test_published_is_a_real_date(tmp_path: Path, published: str, message: str) -> None:
    path = tmp_path / "data.toml"
    path.write_text(HEADER + f"published = {published}\n")
    assert problems_of(path) == [f"{path}:11: sources[0].published: {message}"]
    path.write_text(HEADER + 'published = "2024-02-29"\n')
    assert load_dataset(path).sources[0].published == "2024-02-29"


@pytest.mark.parametrize(
    ("key", "value", "where"),
    [
        ("title", "a\\u001bb", "dataset.title"),
        ("region", "tab\\there", "dataset.region"),
    ],
)
def test_control_characters_in_one_line_texts(
    tmp_path: Path, key: str, value: str, where: str
) -> None:
    path = tmp_path / "data.toml"
    text = HEADER.replace(f'{key} = "', f'{key} = "{value}', 1)
    path.write_text(text)
    code = "001B" if "u001b" in value else "0009"
    assert problems_of(path) == [
        f"{path}:{4 if key == 'title' else 5}: {where}: contains a control character (U+{code}) "
        "(remove it; only description, quote and note may hold a newline or a tab)"
    ]


def test_quote_and_note_may_hold_newlines_and_tabs_but_no_other_control(tmp_path: Path) -> None:
    good = indicator("a", {2020: 1}).replace(
        'source = "src"', 'source = "src"\n  quote = "line\\nnext\\tcell"\n  note = "x\\ny"'
    )
    ds = load_dataset(write(tmp_path, good))
    assert ds.indicators[0].observations[0].quote == "line\nnext\tcell"
    bad = good.replace("next", "\\u0007bell")
    path = write(tmp_path, bad, name="bad.toml")
    assert problems_of(path) == [
        f"{path}:20: indicators[0].observations[0].quote: contains a control character (U+0007) "
        "(remove it)"
    ]


def test_urls_need_a_scheme(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text(HEADER + 'url = "example.org/report"\n')
    assert problems_of(path) == [
        f"{path}:11: sources[0].url: 'example.org/report' is not a web address "
        "(write it in full, with http:// or https://)"
    ]
    path.write_text(HEADER + 'url = "HTTPS://example.org/report"\n')
    assert load_dataset(path).sources[0].url == "HTTPS://example.org/report"


# --- line numbers --------------------------------------------------------------------------------


def test_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text(HEADER + "[[indicators]]\nid = \n")
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert caught.value.file == f"{path}:12:6"  # "id = " has no value
    assert caught.value.message.startswith("TOML syntax error: ")


def test_syntax_error_names_line_column_and_fix() -> None:
    with pytest.raises(DatasetError) as caught:
        parse_dataset(HEADER + "[[indicators]]\nid = \n", "d.toml")
    error = caught.value
    assert (error.file, error.message, error.hint) == (
        "d.toml:12:6",
        "TOML syntax error: Invalid value",
        "fix the syntax at that line and column",
    )


def test_line_of_a_sub_table_header() -> None:
    assert problems(HEADER + "[dataset.extra]\nx = 1\n") == [
        "d.toml:11: dataset.extra: unknown key 'extra' "
        "(known keys: title, region, description, base_year, current_year, license)"
    ]


def test_line_of_a_table_three_levels_deep() -> None:
    # the second indicator's second observation holds a table: indices at two levels count
    body = indicator("a", {2020: 1}) + indicator("b", {2020: 1, 2021: 2})
    text = HEADER + body + "  [indicators.observations.extra]\n  x = 1\n"
    assert problems(text) == [
        "d.toml:36: indicators[1].observations[1].extra: unknown key 'extra' "
        "(known keys: year, months, value, source, quote, status, corroborated_by, note, published)"
    ]


def test_line_under_a_quoted_header() -> None:
    body = indicator("a", {2020: 1}).replace("[[indicators]]", '[["indicators"]]')
    text = HEADER + body.replace("value = 1", 'value = "1"')
    assert problems(text) == [
        "d.toml:18: indicators[0].observations[0].value: expected a number, got a string "
        "(write it without quotes)"
    ]


def test_a_dotted_key_falls_back_to_its_table_header() -> None:
    # `extra.x = 1` has no line of its own that the locator reads: the observation's header has
    text = HEADER + OBSERVATION + "  extra.x = 1\n"
    assert problems(text) == [
        "d.toml:16: indicators[0].observations[0].extra: unknown key 'extra' "
        "(known keys: year, months, value, source, quote, status, corroborated_by, note, published)"
    ]


def test_an_upper_case_table_is_located() -> None:
    assert problems(HEADER + "[X]\na = 1\n") == [
        "d.toml:11: X: unknown key 'X' "
        "(known keys: schema_version, dataset, sources, enterprises, indicators, targets)"
    ]


# --- files that are not datasets -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"\x00\x01\x02binary", "the file holds binary data, not UTF-8 TOML"),
        ("schema_version = 1".encode("utf-16"), "the file holds UTF-16 text, not UTF-8 TOML"),
        (b'title = "caf\xe9"', "not UTF-8: byte 0xe9 cannot be decoded"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "data.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert caught.value.message == message
    assert str(path) in caught.value.file


@pytest.mark.parametrize(
    ("content", "message", "hint"),
    [
        (None, "no such file", "check the path"),
        (b"", "the file is empty", "a dataset needs at least schema_version"),
        (b" \n\t\n", "the file is empty", "a dataset needs at least schema_version"),
    ],
)
def test_missing_and_empty_files(
    tmp_path: Path, content: bytes | None, message: str, hint: str
) -> None:
    path = tmp_path / "data.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert (caught.value.file, caught.value.message, caught.value.hint) == (
        str(path),
        message,
        hint,
    )
    assert isinstance(caught.value, DatasetFileError) is (content is None)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="is a directory"):
        load_dataset(tmp_path)


def test_a_directory(tmp_path: Path) -> None:
    with pytest.raises(DatasetFileError) as caught:
        load_dataset(tmp_path)
    assert (caught.value.file, caught.value.message, caught.value.hint) == (
        str(tmp_path),
        "is a directory",
        "name a .toml dataset file",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text(HEADER)
    path.chmod(0)
    with pytest.raises(DatasetFileError) as caught:
        load_dataset(path)
    assert (caught.value.message, caught.value.hint) == (
        "permission denied",
        "make the file readable",
    )


@pytest.mark.parametrize(
    ("error", "message", "hint"),
    [
        (PermissionError(13, "Permission denied"), "permission denied", "make the file readable"),
        (OSError(5, "Input/output error"), "cannot read: Input/output error", None),
        (OSError("disk gone"), "cannot read: disk gone", None),  # no strerror: the error itself
    ],
)
def test_read_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str, hint: str | None
) -> None:
    def refuse(self: Path) -> bytes:
        raise error

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(DatasetFileError) as caught:
        load_dataset(tmp_path / "data.toml")
    got = caught.value
    assert (got.file, got.message, got.hint) == (str(tmp_path / "data.toml"), message, hint)


@pytest.mark.parametrize(
    "content",
    [
        b"\xfe\xff" + "schema_version = 1\n".encode("utf-16-be"),  # big-endian, with its BOM
        b"\xff\xfe" + "schema_version = 1\n".encode("utf-16-le"),  # little-endian, with its BOM
    ],
)
def test_utf16_files_are_named(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.toml"
    path.write_bytes(content)
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    error = caught.value
    assert (error.file, error.message, error.hint) == (
        str(path),
        "the file holds UTF-16 text, not UTF-8 TOML",
        "save it as UTF-8",
    )


def test_utf16_without_a_bom_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_bytes("schema_version = 1\n".encode("utf-16-be"))
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert (caught.value.message, caught.value.hint) == (
        "the file holds binary data, not UTF-8 TOML",
        "save it as UTF-8",
    )


@pytest.mark.parametrize(
    "content",
    [
        # 土 is U+571F: neither byte is NUL, so only the byte-order mark tells UTF-16 apart
        b"\xfe\xff" + ("土" * 3000).encode("utf-16-be"),
        b"\xff\xfe" + ("土" * 3000).encode("utf-16-le"),
    ],
)
def test_utf16_without_nul_bytes_is_named_by_its_bom(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.toml"
    path.write_bytes(content)
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert caught.value.message == "the file holds UTF-16 text, not UTF-8 TOML"


def test_a_nul_byte_after_the_first_4096_bytes_is_left_to_the_parser(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_bytes(b"#" * 4095 + b"\n\x00")  # the NUL is byte 4097 (index 4096)
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert (caught.value.file, caught.value.message) == (
        f"{path}:2:1",
        "TOML syntax error: Invalid statement",
    )


def test_a_nul_byte_within_the_first_4096_bytes_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_bytes(b"#" * 4094 + b"\n\x00")  # the NUL is byte 4096 (index 4095)
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert caught.value.message == "the file holds binary data, not UTF-8 TOML"


def test_bad_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_bytes(b'schema_version = 1\n\ntitle = "caf\xe9"\n')
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    error = caught.value
    assert (error.file, error.message, error.hint) == (
        f"{path}:3",
        "not UTF-8: byte 0xe9 cannot be decoded",
        "save the file as UTF-8",
    )


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, indicator("a", {2020: 1}))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_dataset(path).indicators[0].id == "a"


def test_utf8_with_a_bom_loads(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_bytes(b"\xef\xbb\xbf" + HEADER.encode())
    assert load_dataset(path).info.title == "Test industry"


def test_deeply_nested_inline_tables(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text("x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n")
    with pytest.raises(DatasetError):
        load_dataset(path)


def test_nested_too_deeply() -> None:
    with pytest.raises(DatasetError) as caught:
        parse_dataset("x = " + "[" * 5000 + "1" + "]" * 5000 + "\n", "d.toml")
    error = caught.value
    assert (error.file, error.message, error.hint) == (
        "d.toml",
        "TOML nested too deeply to read",
        None,
    )


# --- the garbage collector is paused while parsing, then restored --------------------------------


@pytest.fixture
def gc_disabled() -> Iterator[None]:
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_parsing_leaves_the_collector_enabled() -> None:
    assert gc.isenabled()
    parse_dataset(HEADER)
    assert gc.isenabled()
    with pytest.raises(DatasetError):
        parse_dataset("schema_version = 1\n")
    assert gc.isenabled()


@pytest.mark.usefixtures("gc_disabled")
def test_parsing_leaves_a_disabled_collector_disabled() -> None:
    parse_dataset(HEADER)
    assert not gc.isenabled()


# --- property tests: any text gives a dataset or a clean DatasetError ----------------------------


SHIPPED_TEXT = default_data_path().read_text(encoding="utf-8")


def parses_or_fails_cleanly(text: str) -> None:
    try:
        parse_dataset(text, "fuzz.toml")
    except DatasetError as exc:
        failure = exc
    else:
        return
    assert failure.message
    assert all(p.message for p in failure.problems)


@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    parses_or_fails_cleanly(HEADER + text)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SHIPPED_TEXT) - 1), st.characters(codec="utf-8"))
def test_shipped_file_with_one_character_changed(position: int, char: str) -> None:
    parses_or_fails_cleanly(SHIPPED_TEXT[:position] + char + SHIPPED_TEXT[position + 1 :])


@settings(max_examples=150)
@given(st.integers(0, SHIPPED_TEXT.count("\n")))
def test_shipped_file_with_one_line_dropped(line: int) -> None:
    lines = SHIPPED_TEXT.splitlines()
    parses_or_fails_cleanly("\n".join(lines[:line] + lines[line + 1 :]))


@settings(max_examples=100)
@given(
    st.sampled_from(["id", "year", "value", "source", "unit", "kind", "indicator"]),
    st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8),
)
def test_shipped_file_with_a_key_renamed(key: str, new: str) -> None:
    parses_or_fails_cleanly(SHIPPED_TEXT.replace(f"\n{key} =", f"\n{new} =", 1))
