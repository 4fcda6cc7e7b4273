"""The shape of the code that the names promise: one way down the layers, one error boundary,
one command module per command."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import rarecli
from rarecli.cli import COMMANDS

SRC = Path(rarecli.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _files(folder: str = "") -> list[Path]:
    return sorted((SRC / folder).rglob("*.py"))


def test_nothing_below_the_command_line_imports_typer() -> None:
    below = [p for p in _files() if p.parent.name != "commands" and p.name != "cli.py"]
    assert below  # the walk found the package
    assert [p.name for p in below if "typer" in _imports(p)] == []


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("queries", ("rarecli.listings", "rarecli.render", "rarecli.tables", "rarecli.commands")),
        ("listings", ("rarecli.commands", "rarecli.brief", "rarecli.chart")),
        ("render", ("rarecli.queries", "rarecli.listings", "rarecli.commands", "rarecli.tables")),
        ("ledger", ("rarecli.commands", "rarecli.listings", "rarecli.tables")),
    ],
)
def test_layers_import_only_downwards(folder: str, forbidden: tuple[str, ...]) -> None:
    wrong = {
        f"{p.relative_to(SRC)} imports {m}"
        for p in _files(folder)
        for m in _imports(p)
        if m.startswith(forbidden)
    }
    assert wrong == set()


def test_commands_leave_errors_to_the_one_boundary() -> None:
    """No command prints to standard error or exits with an error code of its own: it raises,
    and rarecli.cli words the error (commands/messages.py) and picks the exit code."""
    for path in _files("commands"):
        if path.name == "messages.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "stderr" not in text, path.name
        assert "typer.Exit(" not in text, path.name


def test_every_command_module_is_named_by_its_command() -> None:
    modules = {module for module, _ in COMMANDS.values()}
    assert {p.stem for p in _files("commands")} >= modules
    named = {name.replace("import", "import_file") for name in COMMANDS}
    assert modules == named
