from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))  # tests/helpers.py

from rarecli.loader import default_data_path, load_dataset
from rarecli.model import Dataset

# No per-example deadline: examples run pandas and whole CLI commands, whose time depends on the
# machine, not on the code; a slow CI host must not turn into a flaky failure.
settings.register_profile("rarecli", deadline=None)
settings.load_profile("rarecli")


@pytest.fixture(autouse=True)
def _no_env_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the shipped dataset unless they say otherwise, whatever the caller's shell has."""
    monkeypatch.delenv("RARECLI_DATA", raising=False)
    monkeypatch.delenv("RARECLI_DEBUG", raising=False)


@pytest.fixture(scope="session")
def shipped() -> Dataset:
    return load_dataset(default_data_path())
