"""rarecli: sourced indicators and official targets of a regional industry.

The library API mirrors the CLI and returns pandas DataFrames::

    import rarecli
    ds = rarecli.load_dataset()            # the shipped Baotou dataset
    rarecli.growth(ds, 2022, 2024)         # what `rarecli growth` prints
    rarecli.target_progress(ds, year=2024) # what `rarecli targets --year 2024` prints
    rarecli.observations(ds, wide=True)    # what `rarecli observations --wide` prints
    rarecli.revisions(ds)                  # what `rarecli revisions` prints

Each answer lives in rarecli.queries, one module per command. Names are imported lazily so that
`rarecli --help` never pays for pandas.
"""

from __future__ import annotations

# Nothing is imported here at run time, not even typing: the `rarecli` command runs this module
# before its entry point, and Ctrl-C meanwhile could only end in a traceback (rarecli.entry).
TYPE_CHECKING = False

__version__ = "0.1.0"

_EXPORTS = {
    "load_dataset": "rarecli.loader",
    "default_data_path": "rarecli.loader",
    "Dataset": "rarecli.model",
    "growth": "rarecli.queries.growth",
    "resolve_years": "rarecli.queries.growth",
    "target_progress": "rarecli.queries.targets",
    "indicator_table": "rarecli.queries.indicators",
    "observation_table": "rarecli.queries.show",
    "enterprise_table": "rarecli.queries.enterprises",
    "source_table": "rarecli.queries.sources",
    "observations": "rarecli.queries.observations",
    "revisions": "rarecli.queries.revisions",
    "RarecliError": "rarecli.errors",
    "DatasetError": "rarecli.errors",
    "UsageError": "rarecli.errors",
}
# Modules of the library, importable as attributes: `rarecli.frames.observations(ds)`.
_MODULES = ("errors", "frames", "loader", "model", "queries")
# The module names of 0.1, kept for one release as attributes (with a DeprecationWarning): a
# package, its submodules renamed; a module, the public names of the modules that hold them now.
_RENAMED_PACKAGES = {
    "analysis": {"growth": "rarecli.queries.growth", "progress": "rarecli.queries.targets"},
}
_RENAMED_MODULES = {
    "catalog": (
        "rarecli.queries.indicators",
        "rarecli.queries.show",
        "rarecli.queries.sources",
        "rarecli.queries.selection",
    ),
    "enterprises": ("rarecli.queries.enterprises",),
}

__all__ = [
    "Dataset",
    "DatasetError",
    "RarecliError",
    "UsageError",
    "__version__",
    "default_data_path",
    "enterprise_table",
    "errors",
    "frames",
    "growth",
    "indicator_table",
    "load_dataset",
    "loader",
    "model",
    "observation_table",
    "observations",
    "queries",
    "resolve_years",
    "revisions",
    "source_table",
    "target_progress",
]

if TYPE_CHECKING:
    import types
    from typing import Any

    from rarecli import errors, frames, loader, model, queries
    from rarecli.errors import DatasetError, RarecliError, UsageError
    from rarecli.loader import default_data_path, load_dataset
    from rarecli.model import Dataset
    from rarecli.queries.enterprises import enterprise_table
    from rarecli.queries.growth import growth, resolve_years
    from rarecli.queries.indicators import indicator_table
    from rarecli.queries.observations import observations
    from rarecli.queries.revisions import revisions
    from rarecli.queries.show import observation_table
    from rarecli.queries.sources import source_table
    from rarecli.queries.targets import target_progress


def _renamed(name: str) -> types.ModuleType:
    """The 0.1 module `name`, rebuilt from the modules that now hold its names."""
    import importlib
    import types
    import warnings

    warnings.warn(
        f"rarecli.{name} is renamed: use rarecli.queries (see the README's Library use); the "
        "old name goes in the next release",
        DeprecationWarning,
        stacklevel=3,
    )
    alias = types.ModuleType(f"rarecli.{name}")
    for attribute, module in _RENAMED_PACKAGES.get(name, {}).items():
        setattr(alias, attribute, importlib.import_module(module))
    for module in _RENAMED_MODULES.get(name, ()):
        public = vars(importlib.import_module(module)).items()
        alias.__dict__.update({k: v for k, v in public if not k.startswith("_")})
    if name == "catalog":  # the columns of `show` were OBSERVATION_COLUMNS
        alias.OBSERVATION_COLUMNS = alias.SHOW_COLUMNS  # type: ignore[attr-defined]
    return alias


def __getattr__(name: str) -> Any:
    import importlib

    if name in _MODULES:
        return importlib.import_module(f"rarecli.{name}")
    if name in _RENAMED_PACKAGES or name in _RENAMED_MODULES:
        return _renamed(name)
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rarecli' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*__all__, *_MODULES})
