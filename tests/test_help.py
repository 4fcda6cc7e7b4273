"""What a user reads about the commands: rarecli alone shows the help; every command's --help
has a one-line summary and an example; the reading commands' help is free of type noise; the
README's table of commands names every command, and no other."""

from __future__ import annotations

import re
from itertools import takewhile
from pathlib import Path

import pytest
from typer.main import get_command

from helpers import run
from rarecli.cli import COMMANDS, app

README = Path(__file__).parents[1] / "README.md"
ADD_RECORDS = list(get_command(app).commands["add"].commands)  # type: ignore[attr-defined]
EVERY_COMMAND = [(name,) for name in COMMANDS] + [("add", record) for record in ADD_RECORDS]


def test_bare_call_shows_help() -> None:
    result = run()
    assert "growth" in result.out + result.err


# --- each command's --help -----------------------------------------------------------------------


@pytest.mark.parametrize("words", EVERY_COMMAND, ids=" ".join)
def test_every_command_has_help_with_a_summary_and_an_example(words: tuple[str, ...]) -> None:
    code, out, err = run(*words, "--help", env={"COLUMNS": "200"})
    assert (code, err) == (0, "")
    lines = [line.strip() for line in out.splitlines()]
    usage = next(i for i, line in enumerate(lines) if line.startswith("Usage: "))
    assert lines[usage].startswith(f"Usage: rarecli {' '.join(words)} ")
    # the summary: one sentence, a paragraph of one line under the usage line
    assert lines[usage + 1] == ""
    summary = lines[usage + 2]
    assert summary, out
    assert summary.endswith("."), summary
    assert lines[usage + 3] == "", summary
    # the example (or examples): a paragraph that runs the command itself
    start = next(i for i, line in enumerate(lines) if line.startswith(("Example:", "Examples:")))
    example = " ".join(takewhile(bool, lines[start:]))
    assert re.search(rf"\brarecli\b.* {' '.join(words)}\b", example), example


@pytest.mark.parametrize(
    "command", ["growth", "targets", "show", "enterprises", "validate", "sources"]
)
def test_help_has_no_type_noise(command: str) -> None:
    _, out, _ = run(command, "--help", env={"COLUMNS": "150"})
    options = [
        line
        for line in out.splitlines()
        if line.lstrip("│ ").startswith("--") and "--help" not in line
    ]
    assert options
    for line in options:
        assert not any(noise in line for noise in ("<bool>", "list[", "<path>", "<int>")), line


# --- the README's table of commands --------------------------------------------------------------


def readme_table() -> list[str]:
    """The first cell of each row of the README's "## Commands" table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [re.split(r"(?<!\\)\|", row)[1].strip() for row in rows]  # `\|` is not a cell break


def readme_commands() -> list[str]:
    """The commands the table names (`rarecli growth [--from Y] ...` names growth), in order."""
    names = [name for cell in readme_table() for name in re.findall(r"`rarecli ([\w-]+)", cell)]
    return list(dict.fromkeys(names))


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_is_in_the_readme_table(command: str) -> None:
    assert command in readme_commands()


def test_the_readme_table_names_no_command_that_does_not_exist() -> None:
    named = readme_commands()
    assert len(named) == len(readme_table())  # one command a row (export's two forms are one)
    assert [name for name in named if name not in COMMANDS] == []


def test_the_readme_table_names_every_record_add_adds() -> None:
    (cell,) = [cell for cell in readme_table() if cell.startswith("`rarecli add ")]
    records = re.fullmatch(r"`rarecli add ([\w\\|]+) \.\.\.`", cell)
    assert records is not None, cell
    assert records.group(1).split("\\|") == ADD_RECORDS
