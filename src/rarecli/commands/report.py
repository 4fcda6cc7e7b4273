"""`rarecli report`: the brief of the whole ledger, as HTML or Markdown.

The output's suffix is checked before the dataset is read; matplotlib and Jinja2 are imported
only to write the brief.
"""

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from rarecli.commands.chart import output_kind
from rarecli.commands.options import DataOpt, KnownAtOpt, load_known
from rarecli.commands.output import stdout_is_terminal
from rarecli.errors import OutputError, UsageError

BRIEF_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def report(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the brief: .html (one self-contained file) or .md (charts as SVG files "
            "in NAME_files/ beside it). Default: HTML on standard output when it is piped or "
            "redirected.",
        ),
    ] = None,
    known_at: KnownAtOpt = None,
    data: DataOpt = None,
) -> None:
    """A one-page brief: growth, targets, charts, notes and numbered citations.

    Every target with its progress, a chart per indicator, and citations with the sources' own
    words.

    The date on it is today's, or $RARECLI_TODAY (YYYY-MM-DD) for a reproducible file. With
    --known-at, the brief a reader could have written on that day.

    [bold]Examples[/bold]: rarecli report -o baotou.html · rarecli report -o brief.md ·
    rarecli report > baotou.html · rarecli report --known-at 2022-12-31 -o 2022.html
    """
    if output is not None:
        kind = output_kind(output, BRIEF_SUFFIXES)
    elif stdout_is_terminal():
        raise UsageError(
            "report writes a file, not a terminal page",
            "use -o FILE.html or -o FILE.md, or redirect: rarecli report > brief.html",
        )
    else:
        kind = "html"
    from rarecli.clock import today as clock_today

    today = clock_today()  # a bad $RARECLI_TODAY is a usage error, before any reading
    ds, view = load_known(data, known_at)
    from rarecli.brief.content import build_brief
    from rarecli.brief.pages import to_html, to_markdown
    from rarecli.render.write import check_output, write_atomic

    brief = build_brief(ds, today, view)
    protect = Path(ds.origin)
    if kind == "html":
        page = to_html(brief)
        if output is None:
            sys.stdout.write(page)
            sys.stdout.flush()
        else:
            write_atomic(output, page.encode("utf-8"), protect=protect)
        return
    assert output is not None
    text, files = to_markdown(brief, output)
    check_output(output, protect)  # every refusal before any chart is written
    created: list[Path] = []  # charts and their folder that did not exist before this run
    try:
        for path, svg in files.items():
            if not path.parent.exists():
                try:
                    path.parent.mkdir()  # NAME_files/ beside NAME.md, not its parents
                except OSError as exc:
                    raise OutputError(
                        f"--output {output}: cannot make {path.parent}: {exc.strerror or exc}",
                        "check the directory exists and is writable",
                    ) from None
                created.append(path.parent)
            if not path.exists():
                created.append(path)
            write_atomic(path, svg, protect=protect)
        write_atomic(output, text.encode("utf-8"), protect=protect)
    except BaseException:
        for made in reversed(created):  # the page failed: its new charts go with it
            with contextlib.suppress(OSError):
                made.rmdir() if made.is_dir() else made.unlink()
        raise
