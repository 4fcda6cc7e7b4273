"""What a user reads about the commands: rarecli alone shows the help, and each command's
--help is free of type noise."""

from __future__ import annotations

import pytest

from helpers import run


def test_bare_call_shows_help() -> None:
    result = run()
    assert "growth" in result.out + result.err


@pytest.mark.parametrize(
    "command", ["growth", "targets", "indicators", "show", "enterprises", "sources", "validate"]
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = run(f"{command} --help")
    assert code == 0
    assert "Examples" in out
    assert f"rarecli {command}" in out


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
