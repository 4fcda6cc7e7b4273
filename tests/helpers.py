"""Small datasets written as TOML text, for tests that need a dataset of their own."""

from __future__ import annotations

from pathlib import Path

HEADER = """schema_version = 1

[dataset]
title = "Test industry"
region = "Testland"

[[sources]]
id = "src"
title = "A source"
publisher = "A publisher"
"""

Point = float | tuple[float, str]


def indicator(
    ident: str,
    points: dict[int, Point] | None = None,
    unit: str = "units",
    category: str = "things",
    scope: str | None = None,
) -> str:
    """An [[indicators]] table; a point is a value or (value, status)."""
    lines = [
        "[[indicators]]",
        f'id = "{ident}"',
        f'name = "{ident.replace("_", " ").capitalize()}"',
        f'unit = "{unit}"',
        f'category = "{category}"',
    ]
    if scope:
        lines.append(f'scope = "{scope}"')
    for year, point in (points or {}).items():
        value, status = point if isinstance(point, tuple) else (point, "reported")
        lines += [
            "  [[indicators.observations]]",
            f"  year = {year}",
            f"  value = {value!r}",
            '  source = "src"',
            f'  status = "{status}"',
        ]
    return "\n".join(lines) + "\n"


def target(ident: str, of: str, value: float, **extra: object) -> str:
    """A [[targets]] table; extra keys as given (strings quoted)."""
    lines = ["[[targets]]", f'id = "{ident}"', f'indicator = "{of}"', f"value = {value!r}"]
    lines.append('source = "src"')
    for key, item in extra.items():
        lines.append(f'{key} = "{item}"' if isinstance(item, str) else f"{key} = {item!r}")
    return "\n".join(lines) + "\n"


def enterprise(ident: str, name: str, kind: str = "company", **extra: str) -> str:
    lines = ["[[enterprises]]", f'id = "{ident}"', f'name = "{name}"', f'kind = "{kind}"']
    lines += [f'{key} = "{item}"' for key, item in extra.items()]
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, *parts: str, name: str = "data.toml") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(parts), encoding="utf-8")
    return path
