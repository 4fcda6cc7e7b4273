"""`rarecli add` and `rarecli new`: placement, byte-for-byte preservation, rejected edits that
leave the file as it was, locking, symlinks, modes, and random edits (hypothesis)."""

from __future__ import annotations

import difflib
import fcntl
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import run
from rarecli.loader import load_dataset, parse_dataset

# A file written by hand: comments everywhere, odd spacing, an inline table, multi-line strings
# (one holding lines that look like headers), a multi-line array, trailing spaces.
TRICKY = (
    "# My ledger   \n"
    + '''# (hand-written)

schema_version   =   1 # the format

dataset = { title = "Tricky", region = "Somewhere", base_year = 2018 }

# ---- sources ----

[[sources]]
id = "s1"
title = 'Literal title'
publisher = "P"   # who
note = """
[[indicators]]
  [[indicators.observations]]
# not a comment, text
"""

# the second source, commented
[[sources]]
  id="s2"
  title = "Second"
  publisher = "Q"


[[indicators]]   # first indicator
id = "ind_a"
name = "A"
unit = "t"
category = "c"

    [[indicators.observations]]
    year = 2018
    value = 1_000  # underscores
    source = "s1"

    # 2022, with a corroboration
    [[indicators.observations]]
    year = 2022
    value = 12.50
    source = "s1"
    corroborated_by = [
      "s2",
    ]
    note = \'\'\'multi
line\'\'\'

[[indicators]]
id = "ind_b"
name = "B"
unit = "%"
category = "c"

# ---- targets ----

[[targets]]
id = "t1"
indicator = "ind_a"
value = 2000
source = "s1"
'''
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inserted(old: str, new: str) -> list[str]:
    """The lines of `new` that are not in `old`, asserting that `old` is `new` minus one run of
    consecutive lines (so everything else is byte for byte the same)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    head = 0
    while head < len(a) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    assert head + tail == len(a), "lines of the original changed"
    return b[head : len(b) - tail]


def only_keys_changed(old: str, new: str, keys: tuple[str, ...]) -> None:
    """Every line that differs between `old` and `new` is a line of one of `keys`."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    pattern = re.compile(r"[ \t]*(" + "|".join(keys) + r") = ")
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            for line in a[i1:i2] + b[j1:j2]:
                assert pattern.match(line), line


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    path = tmp_path / "tricky.toml"
    path.write_bytes(TRICKY.encode("utf-8"))
    load_dataset(path)  # the fixture itself is valid
    return path


def test_observation_between_two_keeps_every_other_byte(tricky: Path) -> None:
    code, out, err = run(
        "add",
        "observation",
        "ind_a",
        "--year",
        "2020",
        "--value",
        "67.75",
        "--source",
        "s2",
        "--quote",
        'a "quoted" \\ 中文\nline',
        data=tricky,
    )
    assert (code, err) == (0, "")
    assert "added observation ind_a 2020" in out
    new = tricky.read_text(encoding="utf-8")
    lines = inserted(TRICKY, new)
    assert lines == [
        "    [[indicators.observations]]\n",
        "    year = 2020\n",
        "    value = 67.75\n",
        '    source = "s2"\n',
        '    quote = "a \\"quoted\\" \\\\ 中文\\nline"\n',
        "\n",
    ]
    # after the 2018 block, before the comment that belongs to the 2022 block
    assert new.index("year = 2020") < new.index("# 2022, with a corroboration")
    obs = tomli.loads(new)["indicators"][0]["observations"]
    assert [o["year"] for o in obs] == [2018, 2020, 2022]
    assert obs[1]["quote"] == 'a "quoted" \\ 中文\nline'
    assert obs[1]["value"] == 67.75


@pytest.mark.parametrize(
    ("year", "months", "after"),
    [
        (2017, None, None),  # before the first, after the indicator's keys
        (2023, None, "line'''\n"),  # after the last
        (2022, 6, '    value = 1_000  # underscores\n    source = "s1"\n'),  # Jan-Jun 2022 < 2022
    ],
)
def test_observation_placement(
    tricky: Path, year: int, months: int | None, after: str | None
) -> None:
    args = ["add", "observation", "ind_a", "--year", str(year), "--value", "5", "--source", "s1"]
    if months:
        args += ["--months", str(months)]
    assert run(*args, data=tricky)[0] == 0
    new = tricky.read_text(encoding="utf-8")
    block = inserted(TRICKY, new)
    assert f"    year = {year}\n" in block
    years = [
        (o["year"], o.get("months", 12)) for o in tomli.loads(new)["indicators"][0]["observations"]
    ]
    assert years == sorted(years)
    if after is not None:
        position = new.index(f"year = {year}")
        assert new.rindex(after, 0, position) + len(after) < position


def test_first_observation_of_an_indicator_copies_the_indentation(tricky: Path) -> None:
    assert (
        run(
            "add",
            "observation",
            "ind_b",
            "--year",
            "2024",
            "--value",
            "3",
            "--source",
            "s1",
            data=tricky,
        )[0]
        == 0
    )
    new = tricky.read_text(encoding="utf-8")
    block = inserted(TRICKY, new)
    assert "    [[indicators.observations]]\n" in block
    assert 'unit = "%"\ncategory = "c"\n\n    [[indicators.observations]]\n    year = 2024\n' in new
    assert new.index("year = 2024") < new.index("# ---- targets ----")
    assert tomli.loads(new)["indicators"][1]["observations"] == [
        {"year": 2024, "value": 3, "source": "s1"}
    ]


@pytest.mark.parametrize(
    ("args", "before", "after"),
    [
        (
            ["source", "s3", "--title", "T", "--publisher", "P", "--published", "2024-10-09"],
            'publisher = "Q"',
            "[[indicators]]   # first indicator",
        ),
        (
            ["enterprise", "e1", "--name", "E", "--kind", "company", "--source", "s1"],
            'publisher = "Q"',
            "[[indicators]]   # first indicator",
        ),
        (
            ["indicator", "ind_c", "--name", "C", "--unit", "t", "--category", "c"],
            'id = "ind_b"',
            "# ---- targets ----",
        ),
        (
            ["target", "t2", "--indicator", "ind_b", "--value", "9", "--source", "s2"],
            "value = 2000",
            None,
        ),
    ],
)
def test_top_level_placement(tricky: Path, args: list[str], before: str, after: str | None) -> None:
    code, _, err = run("add", *args, data=tricky)
    assert (code, err) == (0, "")
    new = tricky.read_text(encoding="utf-8")
    block = inserted(TRICKY, new)
    header = next(line for line in block if line.startswith("[["))
    position = new.index(header, new.index(before))
    assert new.index(before) < position
    if after is not None:
        assert position < new.index(after)
    else:
        assert new.endswith(block[-1])  # appended at the end of the file
    load_dataset(tricky)


def test_published_is_a_toml_date_or_partial_text(tricky: Path) -> None:
    run(
        "add",
        "source",
        "s3",
        "--title",
        "T",
        "--publisher",
        "P",
        "--published",
        "2024-10-09",
        data=tricky,
    )
    run(
        "add",
        "source",
        "s4",
        "--title",
        "T",
        "--publisher",
        "P",
        "--published",
        "2024-10",
        data=tricky,
    )
    text = tricky.read_text(encoding="utf-8")
    assert "published = 2024-10-09\n" in text
    assert 'published = "2024-10"\n' in text


def test_crlf_bom_and_no_final_newline_are_kept(tmp_path: Path) -> None:
    text = TRICKY.rstrip("\n").replace("\n", "\r\n")
    path = tmp_path / "crlf.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, _, _ = run(
        "add",
        "target",
        "t2",
        "--indicator",
        "ind_a",
        "--value",
        "3",
        "--source",
        "s1",
        data=path,
    )
    assert code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + text.encode("utf-8") + b"\r\n")
    assert not data.endswith(b"\n")  # the file had no final newline and still has none
    assert b"\n" not in data.replace(b"\r\n", b"")  # every line end is CRLF
    assert data.endswith(b'source = "s1"')
    code, _, _ = run(
        "add",
        "observation",
        "ind_a",
        "--year",
        "2019",
        "--value",
        "1",
        "--source",
        "s1",
        data=path,
    )
    assert code == 0
    assert b"\n" not in path.read_bytes().replace(b"\r\n", b"")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_replace_changes_only_the_keys_given(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text(
        TRICKY.replace("    value = 12.50\n", "    value = 12.50   # as printed\n"),
        encoding="utf-8",
    )
    before = path.read_text(encoding="utf-8")
    code, out, _ = run(
        "add",
        "observation",
        "ind_a",
        "--year",
        "2022",
        "--value",
        "13",
        "--status",
        "estimated",
        "--replace",
        data=path,
    )
    assert code == 0
    assert "replaced observation ind_a 2022" in out
    after = path.read_text(encoding="utf-8")
    assert "    value = 13   # as printed\n" in after  # the trailing comment stays
    obs = tomli.loads(after)["indicators"][0]["observations"][1]
    assert obs == {
        "year": 2022,
        "value": 13,
        "source": "s1",
        "status": "estimated",
        "corroborated_by": ["s2"],
        "note": "multi\nline",
    }
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == ["    value = 13   # as printed", '    status = "estimated"']


def test_replace_adds_a_record_that_is_not_there(tricky: Path) -> None:
    code, out, _ = run(
        "add", "source", "s9", "--title", "T", "--publisher", "P", "--replace", data=tricky
    )
    assert code == 0
    assert "added source s9" in out


def test_identical_row_is_no_change_with_or_without_replace(tricky: Path) -> None:
    before = digest(tricky)
    mtime = tricky.stat().st_mtime_ns
    for extra in ([], ["--replace"]):
        code, out, err = run(
            "add",
            "observation",
            "ind_a",
            "--year",
            "2022",
            "--value",
            "12.5",
            "--source",
            "s1",
            *extra,
            data=tricky,
        )
        assert (code, err) == (0, "")
        assert "unchanged observation ind_a 2022" in out
    assert digest(tricky) == before
    assert tricky.stat().st_mtime_ns == mtime


def test_different_row_without_replace_is_a_duplicate(tricky: Path) -> None:
    before = digest(tricky)
    code, _, err = run(
        "add",
        "observation",
        "ind_a",
        "--year",
        "2022",
        "--value",
        "99",
        "--source",
        "s1",
        data=tricky,
    )
    assert code == 2
    assert "already holds observation ind_a 2022" in err
    assert "--replace" in err
    assert digest(tricky) == before
    code, _, err = run("add", "source", "s1", "--title", "Other", "--publisher", "P", data=tricky)
    assert code == 2
    assert digest(tricky) == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["observation", "ind_x", "--year", "2020", "--value", "1", "--source", "s1"],
            "unknown indicator id 'ind_x' (did you mean 'ind_",
        ),
        (
            ["observation", "ind_a", "--year", "2020", "--value", "1", "--source", "s11"],
            "unknown source id 's11' (did you mean 's1'?)",
        ),
        (
            [
                "observation",
                "ind_a",
                "--year",
                "2020",
                "--value",
                "1",
                "--source",
                "s1",
                "--status",
                "estimate",
            ],
            "did you mean 'estimated'?",
        ),
        (
            ["observation", "ind_a", "--year", "2020", "--value", "1,000", "--source", "s1"],
            "not a number",
        ),
        (
            [
                "observation",
                "ind_a",
                "--year",
                "2020",
                "--value",
                "1",
                "--source",
                "s1",
                "--months",
                "13",
            ],
            "--months: 13 is not a number of months 1..12",
        ),
        (
            ["observation", "ind_a", "--year", "1800", "--value", "1", "--source", "s1"],
            "outside 1900..2100",
        ),
        (["observation", "ind_a", "--year", "2020", "--source", "s1"], "needs value"),
        (["source", "Bad-Id", "--title", "T", "--publisher", "P"], "not a snake_case id"),
        (
            ["source", "s3", "--title", "T", "--publisher", "P", "--type", "offical"],
            "did you mean 'official'?",
        ),
        (["enterprise", "e1", "--name", "E", "--kind", "compny"], "did you mean 'company'?"),
        (
            ["enterprise", "e1", "--name", "E", "--kind", "company", "--source", "s7"],
            "unknown source id 's7'",
        ),
        (
            [
                "indicator",
                "ind_c",
                "--name",
                "C",
                "--unit",
                "t",
                "--category",
                "c",
                "--scope",
                "nope",
            ],
            "unknown enterprise id 'nope'",
        ),
        (
            ["target", "t2", "--indicator", "ind_q", "--value", "1", "--source", "s1"],
            "unknown indicator id 'ind_q' (did you mean 'ind_",
        ),
        (
            [
                "target",
                "t2",
                "--indicator",
                "ind_a",
                "--value",
                "1",
                "--source",
                "s1",
                "--direction",
                "at_mst",
            ],
            "did you mean 'at_most'?",
        ),
        (
            ["target", "t1", "--indicator", "ind_b", "--value", "1", "--source", "s1"],
            "already holds target t1",
        ),
    ],
)
def test_rejected_edit_leaves_the_file_unchanged(tricky: Path, args: list[str], says: str) -> None:
    before = digest(tricky)
    code, out, err = run("add", *args, data=tricky)
    assert code == 2
    assert out == ""
    assert says in err
    assert digest(tricky) == before
    assert not list(tricky.parent.glob(".tricky.toml.*.tmp"))


def test_an_edit_without_a_dataset_file_is_refused(tricky: Path) -> None:
    result = run("add", "source", "s3", "--title", "T", "--publisher", "P")
    assert result.code == 2
    assert "--data" in result.err
    assert "RARECLI_DATA" in result.err
    assert "hint:" in result.err


def test_rarecli_data_names_the_file_edited(tricky: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RARECLI_DATA", str(tricky))
    result = run("add", "source", "s3", "--title", "T", "--publisher", "P")
    assert result.code == 0
    assert 'id = "s3"' in tricky.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("schema_version = 1\n[dataset\n", "TOML syntax error"),
        ('schema_version = 1\n[dataset]\ntitle = "T"\n', "invalid before this edit"),
    ],
)
def test_a_broken_dataset_is_exit_1(tmp_path: Path, content: str, says: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(content, encoding="utf-8")
    code, _, err = run("add", "source", "s3", "--title", "T", "--publisher", "P", data=path)
    assert code == 1
    assert says in err
    assert path.read_text(encoding="utf-8") == content


def test_missing_directory_and_read_only_files_are_exit_1(tricky: Path, tmp_path: Path) -> None:
    args = ["add", "source", "s3", "--title", "T", "--publisher", "P"]
    assert run(*args, data=tmp_path / "nope.toml")[0] == 1
    assert run(*args, data=tmp_path)[0] == 1
    tricky.chmod(0o444)
    try:
        code, _, err = run(*args, data=tricky)
        assert code == 1
        assert "not writable" in err
        assert tricky.read_text(encoding="utf-8") == TRICKY
    finally:
        tricky.chmod(0o644)


def test_symlink_stays_a_link_and_mode_is_kept(tricky: Path) -> None:
    tricky.chmod(0o640)
    link = tricky.with_name("link.toml")
    link.symlink_to(tricky.name)
    assert run("add", "source", "s3", "--title", "T", "--publisher", "P", data=link)[0] == 0
    assert link.is_symlink()
    assert 'id = "s3"' in tricky.read_text(encoding="utf-8")
    assert (tricky.stat().st_mode & 0o777) == 0o640


def test_dry_run_prints_the_diff_and_writes_nothing(tricky: Path) -> None:
    before = digest(tricky)
    code, out, _ = run(
        "add",
        "observation",
        "ind_a",
        "--year",
        "2022",
        "--value",
        "14",
        "--replace",
        "--dry-run",
        data=tricky,
    )
    assert code == 0
    assert digest(tricky) == before
    assert "would replace observation ind_a 2022" in out
    assert f"--- {tricky}\n+++ {tricky}\n" in out
    assert "-    value = 12.50\n+    value = 14\n" in out
    hunk = next(line for line in out.splitlines() if line.startswith("@@"))
    line = TRICKY.splitlines().index("    value = 12.50") + 1
    assert hunk == f"@@ -{line - 3},7 +{line - 3},7 @@"


def test_lock_timeout_is_exit_1(tricky: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rarecli.ledger import files

    monkeypatch.setattr(files, "LOCK_TIMEOUT", 0.2)
    lock = tricky.with_name(f".{tricky.name}.lock")
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        code, _, err = run("add", "source", "s3", "--title", "T", "--publisher", "P", data=tricky)
    assert code == 1
    assert "lock" in err
    assert tricky.read_text(encoding="utf-8") == TRICKY


def test_twenty_processes_adding_at_once_all_succeed(tricky: Path) -> None:
    env = {**os.environ, "RARECLI_DATA": str(tricky)}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rarecli",
                "add",
                "observation",
                "ind_b",
                "--year",
                str(2000 + k),
                "--value",
                str(k),
                "--source",
                "s1",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for k in range(20)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 20, errors
    ds = load_dataset(tricky)
    years = [o.year for o in ds.indicators[1].observations]
    assert years == list(range(2000, 2020))
    text = tricky.read_text(encoding="utf-8")
    assert text.startswith(TRICKY[: TRICKY.index('[[indicators]]\nid = "ind_b"')])


def test_new_writes_a_valid_commented_skeleton(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    result = run("new", path, "--title", 'Ganzhou "rare" earth', "--region", "赣州")
    assert result.code == 0
    ds = load_dataset(path)
    assert (ds.info.title, ds.info.region) == ('Ganzhou "rare" earth', "赣州")
    text = path.read_text(encoding="utf-8")
    for header in (
        "# [[sources]]",
        "# [[enterprises]]",
        "# [[indicators]]",
        "#   [[indicators.observations]]",
        "# [[targets]]",
    ):
        assert header in text
    # every key of every table is explained
    from rarecli.loader import ENTERPRISE, INDICATOR, OBSERVATION, SOURCE, TARGET

    for spec in (SOURCE, ENTERPRISE, INDICATOR, OBSERVATION, TARGET):
        for key in spec:
            if key != "observations":
                assert f"# {key} = " in text or f"#   {key} = " in text, key
    # it grows with add
    args = ["--data", str(path), "add"]
    assert run(*args, "source", "s1", "--title", "T", "--publisher", "P").code == 0
    assert run(*args, "indicator", "i1", "--name", "I", "--unit", "t", "--category", "c").code == 0
    assert (
        run(*args, "observation", "i1", "--year", "2024", "--value", "1", "--source", "s1").code
        == 0
    )
    assert load_dataset(path).observation_count == 1


def test_new_refuses_to_overwrite(tricky: Path) -> None:
    result = run("new", tricky, "--title", "T", "--region", "R")
    assert result.code == 1
    assert "already exists" in result.err
    assert tricky.read_text(encoding="utf-8") == TRICKY


# ---------------------------------------------------------------------------------------------
# Random edits
# ---------------------------------------------------------------------------------------------

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x7f")
    | st.sampled_from(['"', "\\", "\n", "'", "#", "[", "中"]),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() != "")
_edit = st.tuples(
    st.sampled_from(["ind_a", "ind_b"]),
    st.integers(2010, 2030),
    st.sampled_from([None, 3, 6, 12]),
    st.one_of(st.integers(-(10**6), 10**6).map(str), st.decimals(-1000, 1000, places=2).map(str)),
    st.one_of(st.none(), _text),
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(_edit, min_size=1, max_size=4))
def test_random_edits_keep_the_file_valid_and_other_lines_unchanged(
    tmp_path_factory: pytest.TempPathFactory,
    edits: list[tuple[str, int, int | None, str, str | None]],
) -> None:
    path = tmp_path_factory.mktemp("random") / "d.toml"
    path.write_text(TRICKY, encoding="utf-8")
    expected: dict[tuple[str, int, int], tuple[str, str | None]] = {}
    for indicator, year, months, value, quote in edits:
        before = path.read_text(encoding="utf-8")
        args = [
            "add",
            "observation",
            indicator,
            "--year",
            str(year),
            "--value",
            value,
            "--source",
            "s2",
            "--replace",
            "--keep-quote",  # the layout is under test here, not the evidence
        ]
        if months:
            args += ["--months", str(months)]
        if quote is not None:
            args += ["--quote", quote]
        code, _, err = run(*args, data=path)
        assert code == 0, err
        after = path.read_text(encoding="utf-8")
        key = (indicator, year, months or 12)
        if key in expected or key in {("ind_a", 2018, 12), ("ind_a", 2022, 12)}:
            only_keys_changed(before, after, ("value", "source", "quote"))
        else:
            inserted(before, after)  # a new block: every old line kept, in order
        expected[(indicator, year, months or 12)] = (value, quote)
    ds = parse_dataset(path.read_text(encoding="utf-8"))
    found = {(i.id, o.year, o.months): o for i in ds.indicators for o in i.observations}
    for key, (value, quote) in expected.items():
        assert found[key].value == float(value)
        if quote is not None:
            assert found[key].quote == quote
    for indicator in ds.indicators:
        periods = [(o.year, o.months) for o in indicator.observations]
        assert periods == sorted(periods)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(TRICKY[: TRICKY.index("[[indicators]]   # first indicator")])
    assert text.endswith(TRICKY[TRICKY.index("# ---- targets ----") :])


# ---------------------------------------------------------------------------------------------
# The quick plan (blocks parsed alone) and the full one agree; layouts the editor refuses
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["observation", "ind_a", "--year", "2019", "--value", "2", "--source", "s1"],
        ["observation", "ind_a", "--year", "2022", "--value", "2", "--note", "n", "--replace"],
        ["observation", "ind_b", "--year", "2019", "--value", "2", "--source", "s1"],
        ["source", "s2", "--note", "a note", "--replace"],
        ["indicator", "ind_c", "--name", "C", "--unit", "t", "--category", "c"],
        ["target", "t1", "--value", "2500", "--replace"],
    ],
)
def test_quick_and_full_plans_write_the_same_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    from rarecli.ledger import session

    quick, full = tmp_path / "quick.toml", tmp_path / "full.toml"
    for path in (quick, full):
        path.write_text(TRICKY, encoding="utf-8")
    assert run("add", *args, data=quick)[0] == 0
    original = session.edit

    def full_only(*a: object, **k: object) -> object:
        k["quick"] = False
        return original(*a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(session, "edit", full_only)
    assert run("add", *args, data=full)[0] == 0
    assert quick.read_bytes() == full.read_bytes() != TRICKY.encode("utf-8")


def test_a_multi_line_value_is_replaced_by_one_line(tricky: Path) -> None:
    code, _, _ = run(
        "add",
        "observation",
        "ind_a",
        "--year",
        "2022",
        "--note",
        "one line",
        "--replace",
        data=tricky,
    )
    assert code == 0
    text = tricky.read_text(encoding="utf-8")
    assert '    note = "one line"\n\n[[indicators]]\nid = "ind_b"' in text
    assert "multi" not in text
    assert text.replace('    note = "one line"\n', "    note = '''multi\nline'''\n") == TRICKY


def test_data_after_the_command_name(tricky: Path) -> None:
    result = run("add", "source", "s3", "--title", "T", "--publisher", "P", "--data", tricky)
    assert result.code == 0
    assert 'id = "s3"' in tricky.read_text(encoding="utf-8")


def test_observations_written_as_an_inline_array_are_refused(tmp_path: Path) -> None:
    text = (
        'schema_version = 1\n[dataset]\ntitle = "T"\nregion = "R"\n\n[[sources]]\nid = "s1"\n'
        'title = "S"\npublisher = "P"\n\n[[indicators]]\nid = "a"\nname = "A"\nunit = "t"\n'
        'category = "c"\nobservations = [{ year = 2020, value = 1, source = "s1" }]\n'
    )
    path = tmp_path / "inline.toml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(
        "add", "observation", "a", "--year", "2021", "--value", "2", "--source", "s1", data=path
    )
    assert code == 1
    assert "cannot edit this file in place" in err
    assert path.read_text(encoding="utf-8") == text
    # the whole file is refused, whatever the edit: its counts of tables cannot be checked
    code, _, err = run("add", "source", "s2", "--title", "T", "--publisher", "P", data=path)
    assert code == 1
    assert path.read_text(encoding="utf-8") == text


def test_first_blocks_of_each_table_follow_the_table_order(tmp_path: Path) -> None:
    path = tmp_path / "small.toml"
    start = 'schema_version = 1\n\n[dataset]\ntitle = "T"\nregion = "R"\n'
    path.write_text(start, encoding="utf-8")
    steps = [
        ["indicator", "ind", "--name", "I", "--unit", "t", "--category", "c"],
        ["source", "src", "--title", "S", "--publisher", "P"],
        ["target", "tgt", "--indicator", "ind", "--value", "1", "--source", "src"],
        ["enterprise", "ent", "--name", "E", "--kind", "group"],
        ["observation", "ind", "--year", "2024", "--value", "1", "--source", "src"],
    ]
    for args in steps:
        code, _, err = run("add", *args, data=path)
        assert (code, err) == (0, "")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(start)
    order = [line for line in text.splitlines() if line.lstrip().startswith("[")]
    assert [line.strip() for line in order] == [
        "[dataset]",
        "[[sources]]",
        "[[enterprises]]",
        "[[indicators]]",
        "[[indicators.observations]]",
        "[[targets]]",
    ]
    assert "\n\n\n" not in text  # one blank line between blocks, as in the file
    load_dataset(path)
