"""`rarecli chart` and `rarecli report`: pictures of the ledger.

Both check the output's suffix before the dataset is read (a usage error costs no more than
--help), and import matplotlib and Jinja2 only when they draw.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from rarecli.commands._common import DataOpt, load
from rarecli.errors import OutputError, UsageError

CHART_SUFFIXES = {".png": "png", ".svg": "svg", ".pdf": "pdf", ".txt": "text"}
REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
TEXT_FILE_WIDTH = 100  # a text chart written to a file


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (a seam for tests)."""
    return sys.stdout.isatty()


def _kind(output: Path, suffixes: dict[str, str]) -> str:
    found = suffixes.get(output.suffix.lower())
    if found is None:
        from rarecli._suggest import nearest

        guess = nearest(output.suffix.lower(), suffixes) if output.suffix else None
        known = ", ".join(suffixes)
        raise UsageError(
            f"--output {output}: cannot tell the format from the suffix {output.suffix!r}",
            f"did you mean {guess!r}?" if guess else f"use one of {known}",
        )
    return found


def chart(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="An indicator id.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write an image: .png (1200 × 675), .svg (text stays text) or .pdf; .txt "
            "writes the text chart. Default: a text chart on standard output.",
        ),
    ] = None,
    data: DataOpt = None,
) -> None:
    """The series of one indicator with its targets, as an image or a text chart.

    Status shows in the marker (filled: reported; hollow: derived or estimated; triangle: lower
    bound); year-to-date figures stand apart; each target sits at its deadline with the
    projected (dashed) and required (dotted) paths of the SDG progress method; sources under it.
    Without -o: a text chart that fits the terminal (plain text when piped).

    [bold]Examples[/bold]: rarecli chart industry_output_value -o output.png ·
    rarecli chart national_high_tech_enterprises -o chart.svg · rarecli chart local_conversion_rate
    """
    kind = _kind(output, CHART_SUFFIXES) if output is not None else "text"
    ds = load(data)
    from rarecli.chart.content import chart_content
    from rarecli.render.write import write_atomic

    content = chart_content(ds, indicator_id)
    if kind != "text":
        from rarecli.chart.image import render

        assert output is not None
        write_atomic(output, render(content, kind), protect=Path(ds.origin))  # type: ignore[arg-type]
        return
    from rich.console import Console

    from rarecli.chart.text import text_chart

    if output is not None:
        import io

        buffer = io.StringIO()
        Console(file=buffer, width=TEXT_FILE_WIDTH, color_system=None).print(
            text_chart(content, TEXT_FILE_WIDTH)
        )
        write_atomic(output, buffer.getvalue().encode("utf-8"), protect=Path(ds.origin))
        return
    console = Console()
    console.print(text_chart(content, console.width))


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
    data: DataOpt = None,
) -> None:
    """A one-page brief: growth, targets, charts, notes and numbered citations.

    Every target with its progress, a chart per indicator, and citations with the sources' own
    words.

    The date on it is today's, or $RARECLI_TODAY (YYYY-MM-DD) for a reproducible file.

    [bold]Examples[/bold]: rarecli report -o baotou.html · rarecli report -o brief.md ·
    rarecli report > baotou.html
    """
    if output is not None:
        kind = _kind(output, REPORT_SUFFIXES)
    elif stdout_is_terminal():
        raise UsageError(
            "report writes a file, not a terminal page",
            "use -o FILE.html or -o FILE.md, or redirect: rarecli report > brief.html",
        )
    else:
        kind = "html"
    from rarecli.clock import today as clock_today

    today = clock_today()  # a bad $RARECLI_TODAY is a usage error, before any reading
    ds = load(data)
    from rarecli.render.write import write_atomic
    from rarecli.report.content import build_brief
    from rarecli.report.render import to_html, to_markdown

    brief = build_brief(ds, today)
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
    for path, svg in files.items():
        try:
            path.parent.mkdir(exist_ok=True)  # NAME_files/ beside NAME.md, not its parents
        except OSError as exc:
            raise OutputError(
                f"--output {output}: cannot make {path.parent}: {exc.strerror or exc}",
                "check the directory exists and is writable",
            ) from None
        write_atomic(path, svg, protect=protect)
    write_atomic(output, text.encode("utf-8"), protect=protect)
