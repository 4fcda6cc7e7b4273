"""`rarecli chart ID`: one indicator's series and targets, as an image or a text chart.

The output's suffix is checked before the dataset is read (a usage error costs no more than
--help); matplotlib is imported only to draw an image.
"""

from pathlib import Path
from typing import Annotated

import typer

from rarecli.commands.options import DataOpt, KnownAtOpt, load_known
from rarecli.errors import DatasetError, UsageError

CHART_SUFFIXES = {".png": "png", ".svg": "svg", ".pdf": "pdf", ".txt": "text"}
TEXT_FILE_WIDTH = 100  # a text chart written to a file


def output_kind(output: Path, suffixes: dict[str, str]) -> str:
    """What the suffix of -o names among `suffixes`; a usage error with the nearest one."""
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
    known_at: KnownAtOpt = None,
    data: DataOpt = None,
) -> None:
    """The series of one indicator with its targets, as an image or a text chart.

    Status shows in the marker (filled: reported; hollow: derived or estimated; triangle: lower
    bound); year-to-date figures stand apart; each target sits at its deadline with the
    projected (dashed) and required (dotted) paths of the SDG progress method; sources under it.
    The current version of each figure, an earlier one that said otherwise (a forecast) as a
    grey hollow point; a restated target faded beside the one that restates it.
    Without -o: a text chart that fits the terminal (plain text when piped).

    [bold]Examples[/bold]: rarecli chart industry_output_value -o output.png ·
    rarecli chart national_high_tech_enterprises -o chart.svg · rarecli chart local_conversion_rate
    """
    kind = output_kind(output, CHART_SUFFIXES) if output is not None else "text"
    ds, view = load_known(data, known_at)
    from rarecli.chart.content import chart_content
    from rarecli.render.write import terminal_console, write_atomic

    content = chart_content(ds, indicator_id, known_at=view.day if view else None)
    problem = content.span_problem()
    if problem is not None:
        raise DatasetError(
            ds.origin,
            f"cannot draw {indicator_id}: {problem}",
            f"check its figures and targets: rarecli show {indicator_id}",
        )
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
    console = terminal_console()
    console.print(text_chart(content, console.width))
