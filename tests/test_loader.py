"""The loader: the shipped file, every validation rule with its place, hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import HEADER, enterprise, indicator, target, write
from rarecli import frames
from rarecli.errors import DatasetError
from rarecli.loader import default_data_path, load_dataset, parse_dataset, resolve_path
from rarecli.model import Dataset


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    return [p.render(caught.value.file) for p in caught.value.problems]


def value(ds: Dataset, indicator_id: str, year: int) -> tuple[float, str]:
    found = next(i for i in ds.indicators if i.id == indicator_id)
    obs = next(o for o in found.observations if o.year == year and o.months == 12)
    return obs.value, obs.status


# --- the shipped dataset --------------------------------------------------------------------


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


# --- where the dataset comes from -----------------------------------------------------------


def test_env_var_names_the_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, indicator("a", {2020: 1}))
    monkeypatch.setenv("RARECLI_DATA", str(path))
    assert resolve_path(None) == path
    assert load_dataset().info.title == "Test industry"


def test_explicit_path_beats_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RARECLI_DATA", str(tmp_path / "missing.toml"))
    assert resolve_path(default_data_path()) == default_data_path()


# --- each validation rule, with its place ---------------------------------------------------

RULES = [
    pytest.param(
        indicator("a", {2020: 1}).replace('unit = "units"', 'unti = "units"'),
        [
            "data.toml:14: indicators[0].unti: unknown key 'unti' (did you mean 'unit'?)",
            "data.toml:11: indicators[0]: missing required key 'unit' (add unit = ...)",
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
            "indicator 'a' (one observation per year and period: see observations[0])"
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


def test_a_year_to_date_and_a_full_year_figure_may_share_a_year(tmp_path: Path) -> None:
    body = indicator("a", {2024: 5, 2023: 4}).replace("year = 2023", "year = 2024\n  months = 5")
    ds = load_dataset(write(tmp_path, body))
    assert [(o.year, o.months) for o in ds.indicators[0].observations] == [(2024, 5), (2024, 12)]
    twice = body.replace("months = 5", "months = 5").replace(
        "year = 2024\n  value = 5", "year = 2024\n  months = 5\n  value = 5", 1
    )
    path = write(tmp_path, twice, name="twice.toml")
    assert problems_of(path)[0].endswith(
        "a second observation for Jan–May 2024 in indicator 'a' "
        "(one observation per year and period: see observations[0])"
    )


def test_bad_source_type(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text(HEADER + 'type = "agregator"\n')
    assert problems_of(path) == [
        f"{path}:11: sources[0].type: 'agregator' is not one of official, media, company, "
        "aggregator (did you mean 'aggregator'?)"
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


def test_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text(HEADER + "[[indicators]]\nid = \n")
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert caught.value.file == f"{path}:12:6"  # "id = " has no value
    assert caught.value.message.startswith("TOML syntax error: ")


# --- files that are not datasets ------------------------------------------------------------


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


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="is a directory"):
        load_dataset(tmp_path)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, indicator("a", {2020: 1}))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_dataset(path).indicators[0].id == "a"


def test_deeply_nested_inline_tables(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text("x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n")
    with pytest.raises(DatasetError):
        load_dataset(path)


# --- property tests: any text gives a dataset or a clean DatasetError ------------------------

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
