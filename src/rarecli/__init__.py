"""rarecli: sourced indicators and official targets of a regional industry.

The library API mirrors the CLI and returns pandas DataFrames::

    import rarecli
    ds = rarecli.load_dataset()            # the shipped Baotou dataset
    rarecli.growth(ds, 2022, 2024)         # what `rarecli growth` prints
    rarecli.target_progress(ds, year=2024) # what `rarecli targets --year 2024` prints
    rarecli.observations(ds, wide=True)    # what `rarecli observations --wide` prints

Names are imported lazily so that `rarecli --help` never pays for pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_dataset": "rarecli.loader",
    "default_data_path": "rarecli.loader",
    "Dataset": "rarecli.model",
    "indicator_table": "rarecli.catalog",
    "observation_table": "rarecli.catalog",
    "observations": "rarecli.figures",
    "source_table": "rarecli.catalog",
    "growth": "rarecli.analysis.growth",
    "resolve_years": "rarecli.analysis.growth",
    "target_progress": "rarecli.analysis.progress",
    "enterprise_table": "rarecli.enterprises",
    "RarecliError": "rarecli.errors",
    "DatasetError": "rarecli.errors",
    "UsageError": "rarecli.errors",
}
# Modules of the library, importable as attributes: `rarecli.frames.observations(ds)`.
_MODULES = ("analysis", "catalog", "enterprises", "errors", "frames", "loader", "model")

__all__ = [
    "Dataset",
    "DatasetError",
    "RarecliError",
    "UsageError",
    "__version__",
    "analysis",
    "catalog",
    "default_data_path",
    "enterprise_table",
    "enterprises",
    "errors",
    "frames",
    "growth",
    "indicator_table",
    "load_dataset",
    "loader",
    "model",
    "observation_table",
    "observations",
    "resolve_years",
    "source_table",
    "target_progress",
]

if TYPE_CHECKING:
    from rarecli import analysis, catalog, enterprises, errors, frames, loader, model
    from rarecli.analysis.growth import growth, resolve_years
    from rarecli.analysis.progress import target_progress
    from rarecli.catalog import indicator_table, observation_table, source_table
    from rarecli.enterprises import enterprise_table
    from rarecli.errors import DatasetError, RarecliError, UsageError
    from rarecli.figures import observations
    from rarecli.loader import default_data_path, load_dataset
    from rarecli.model import Dataset


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return importlib.import_module(f"rarecli.{name}")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rarecli' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*__all__, *_MODULES})
