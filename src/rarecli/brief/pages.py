"""The brief as HTML (one self-contained file) or Markdown (charts as SVG files beside it).

Jinja2 renders both. HTML autoescapes every value; Markdown escapes every value through the
environment's `finalize`, so dataset text can never become markup in either (a value is left as
it is only when the code marks it safe, as the inline SVG, which matplotlib has escaped).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from rarecli import __version__
from rarecli.chart.image import render as render_chart
from rarecli.render.structured import md_text
from rarecli.render.write import fitting_name

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rarecli.brief.content import Brief, Cite, Figure, TargetCard

_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)  # the XML declaration and doctype
_GENERIC_ID = re.compile(r'\bid="([a-z0-9.]+_\d+)"')
_SVG_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
BAR_CELLS = 10


def _loader() -> PackageLoader:
    return PackageLoader("rarecli.brief", "templates")


def inline_svg(svg: bytes, label: str, prefix: str) -> Markup:
    """A standalone SVG as an element of the page: no prologue, scaled by CSS, labelled, and
    matplotlib's generic ids ("figure_1", "axes_1", ...) prefixed, unique on the page."""
    text = _PROLOGUE.sub("", svg.decode("utf-8"), count=1)
    text = _GENERIC_ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', text)
    head, rest = text.split(">", 1)
    head = _SVG_SIZE.sub("", head)
    return Markup(f'{head} role="img" aria-label="{escape(label)}">{rest}')


def to_html(brief: Brief) -> str:
    """The brief as one HTML file: inline CSS and SVG, no script, nothing fetched."""
    env = Environment(
        loader=_loader(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    svgs = [
        inline_svg(
            render_chart(c.content, "svg", "compact"),
            c.content.name,
            f"chart-{c.content.indicator_id}",
        )
        for c in brief.charts
    ]
    template = env.get_template("brief.html.j2")
    return template.render(b=brief, svgs=svgs, version=__version__)


def md_escape(value: Any) -> str:
    """A value as literal Markdown text: punctuation that could start markup escaped, line
    breaks folded into spaces (a table row or list item stays one line)."""
    if isinstance(value, Markup):
        return str(value)
    return md_text(str(value)) if value is not None else ""


def _bar(card: TargetCard) -> Markup:
    """Progress as text: '███░░░░░░░ 30 %'."""
    if card.progress_pct is None:
        return Markup("—")
    filled = round(card.bar_width / 100 * BAR_CELLS)
    return Markup("█" * filled + "░" * (BAR_CELLS - filled) + f" {card.progress_pct:.0f} %")


def _md_cites(refs: Iterable[Cite]) -> Markup:
    return Markup("".join(f"[{c.number}]" for c in refs))


def _md_figure(figure: Figure) -> Markup:
    """A figure and its citations: '≥ 100[4]'."""
    return Markup(md_escape(figure.text)) + _md_cites(figure.cites)


def to_markdown(brief: Brief, path: Path) -> tuple[str, dict[Path, bytes]]:
    """The brief as Markdown for `path`, and the chart files to write beside it
    (`NAME_files/ID.svg`, linked by relative paths)."""
    folder = fitting_name(path.stem, "_files")
    files: dict[Path, bytes] = {}
    links = []
    for chart in brief.charts:
        name = fitting_name(chart.content.indicator_id, ".svg")  # an id may be long
        files[path.parent / folder / name] = render_chart(chart.content, "svg", "wide")
        links.append(Markup(quote(f"{folder}/{name}")))  # a space or ")" would end the link
    env = Environment(
        loader=_loader(),
        autoescape=False,
        finalize=md_escape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(bar=_bar, cites=_md_cites, figure=_md_figure)
    template = env.get_template("brief.md.j2")
    text = template.render(b=brief, images=links, version=Markup(__version__))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n", files
