"""The Typer app: options in, a call into the core, a report out to the renderer.

Heavy modules (pandas, the analysis, the renderers) are imported inside the commands, so that
`rarecli --help`, `--version`, completion and usage errors stay fast.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from rarecli import __version__
from rarecli.errors import DatasetError, ExitCode, RarecliError
from rarecli.render.report import Format

if TYPE_CHECKING:
    from rarecli.model import Dataset
    from rarecli.render.report import Report

DEBUG_ENV = "RARECLI_DEBUG"
SHOWN_PROBLEMS = 10  # an invalid dataset's problems listed by commands other than validate


def _say(lines: list[str]) -> None:
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def report_error(exc: RarecliError, all_problems: bool = False) -> None:
    """Print one error message on stderr: what, where, and how to fix it."""
    if isinstance(exc, DatasetError):
        lines = [f"rarecli: error: {exc.file}: {exc.message}"]
        problems = exc.problems if all_problems else exc.problems[:SHOWN_PROBLEMS]
        lines += [f"  {p.render(exc.file)}" for p in problems]
        if exc.hint and (len(problems) < len(exc.problems) or not exc.problems):
            lines.append(f"  hint: {exc.hint}")
    else:
        lines = [f"rarecli: error: {exc.message}"]
        if exc.hint:
            lines.append(f"  hint: {exc.hint}")
    _say(lines)


class _Boundary(TyperGroup):
    """The one error boundary: core errors become a message and an exit code, never a trace."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except RarecliError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException, BrokenPipeError, KeyboardInterrupt):
            raise
        except Exception as exc:
            if ctx.params.get("debug") or os.environ.get(DEBUG_ENV):
                traceback.print_exc()
            else:
                _say(
                    [
                        f"rarecli: internal error ({type(exc).__name__}); "
                        "this is a bug in rarecli.",
                        f"  Please report it with the command you ran; rerun with --debug (or "
                        f"{DEBUG_ENV}=1) to see the traceback.",
                    ]
                )
            raise typer.Exit(ExitCode.FAILED) from None


app = typer.Typer(
    name="rarecli",
    cls=_Boundary,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "Sourced indicators and official targets of a regional industry.\n\n"
        "Ships with Baotou's rare earth industry; works on any dataset in the same TOML format "
        "(--data PATH or RARECLI_DATA). Every figure carries its source and a verbatim quote.\n\n"
        "Start with: [bold]rarecli growth[/bold], [bold]rarecli targets --year 2024[/bold]."
    ),
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rarecli {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help=f"Show tracebacks of internal errors (or {DEBUG_ENV}=1)."),
    ] = False,
) -> None:
    """Sourced indicators and official targets of a regional industry."""


# ---------------------------------------------------------------------------------------------
# Shared options
# ---------------------------------------------------------------------------------------------

FORMATS = [f.value for f in Format]


def _check_format(value: str | None) -> str | None:
    """--format, lower-cased and checked: text rather than Typer's Enum check, so that a typo
    gets "did you mean ...?" like every other closed vocabulary (SPEC: Errors)."""
    if value is None:
        return None
    from rarecli._suggest import check_choice

    return check_choice("format", "--format", value.lower(), FORMATS)


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        callback=_check_format,
        autocompletion=lambda: FORMATS,
        help="table, csv, tsv, json or markdown. Default: table on a terminal, csv when piped "
        "or redirected, else from the --output suffix.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (replaced atomically) instead of standard output.",
    ),
]
BomOpt = Annotated[bool, typer.Option("--bom", help="Start CSV/TSV with a UTF-8 BOM for Excel.")]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Dataset file. Default: $RARECLI_DATA, else the shipped Baotou dataset.",
        show_default=False,
    ),
]
IndicatorOpt = Annotated[
    list[str] | None,
    typer.Option("--indicator", "-i", help="Only this indicator id (repeatable)."),
]
CategoryOpt = Annotated[
    list[str] | None,
    typer.Option("--category", "-c", help="Only this category (repeatable)."),
]


def _load(data: Path | None) -> Dataset:
    from rarecli.loader import load_dataset

    return load_dataset(data)


def _emit(report: Report, ds: Dataset, fmt: str | None, output: Path | None, bom: bool) -> None:
    from rarecli.render.write import emit

    emit(report, Format(fmt) if fmt else None, output, bom, protect=Path(ds.origin))


# ---------------------------------------------------------------------------------------------
# Commands, in the order of the help
# ---------------------------------------------------------------------------------------------


@app.command()
def growth(
    start: Annotated[
        int | None,
        typer.Option("--from", help="Start year. Default: the dataset's base_year, else earliest."),
    ] = None,
    end: Annotated[
        int | None,
        typer.Option("--to", help="End year. Default: the dataset's current_year, else latest."),
    ] = None,
    category: CategoryOpt = None,
    indicator: IndicatorOpt = None,
    include_all: Annotated[
        bool, typer.Option("--all", help="Also list indicators that lack one of the years.")
    ] = False,
    sort: Annotated[
        str,
        typer.Option(
            "--sort", help="Row order: dataset, indicator, change, change_pct or cagr_pct."
        ),
    ] = "dataset",
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Change of every indicator between two years: absolute, relative and compound annual.

    A rate (unit %) changes in percentage points. A lower-bound figure makes the change a bound
    (≥ or ≤ in the table).

    [bold]Examples[/bold]: rarecli growth · rarecli growth --from 2016 --to 2024 --sort cagr_pct ·
    rarecli growth -c enterprises -f json
    """
    from rarecli.change import compare_years, resolve_years
    from rarecli.reports import growth_report

    ds = _load(data)
    years = resolve_years(ds, start, end)
    detail = compare_years(ds, years, category or (), indicator or (), sort)
    _emit(growth_report(ds, detail, years, include_all), ds, fmt, output, bom)


@app.command()
def targets(
    year: Annotated[
        int | None, typer.Option("--year", help="Only targets whose deadline is this year.")
    ] = None,
    as_of: Annotated[
        int | None, typer.Option("--as-of", help="Use only observations up to this year.")
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            help="Only this status (repeatable): no_data, achieved, missed, pending, "
            "insufficient_data, on_track, needs_acceleration, limited_progress, deteriorating.",
        ),
    ] = None,
    indicator: IndicatorOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Progress of each official target, by the UN SDG Progress Chart method.

    [bold]Examples[/bold]: rarecli targets --year 2024 · rarecli targets --year 2025 ·
    rarecli targets --as-of 2022 --status on_track
    """
    from rarecli.reports import targets_report
    from rarecli.targets import progress_detail

    ds = _load(data)
    detail = progress_detail(ds, year, as_of, status or (), indicator or ())
    _emit(targets_report(ds, detail, year, as_of), ds, fmt, output, bom)


@app.command()
def indicators(
    category: CategoryOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """One row per indicator: unit, scope, years covered, latest value, counts.

    [bold]Examples[/bold]: rarecli indicators · rarecli indicators --category output ·
    rarecli indicators > indicators.csv
    """
    from rarecli.catalog import indicator_table
    from rarecli.reports import indicators_report

    ds = _load(data)
    frame = indicator_table(ds, category or ())
    _emit(indicators_report(ds, frame), ds, fmt, output, bom)


@app.command()
def show(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="An indicator id.")],
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """One indicator in full: every observation with its status, source and quote; its targets.

    [bold]Examples[/bold]: rarecli show industry_output_value ·
    rarecli show local_conversion_rate -f json
    """
    from rarecli.catalog import observation_table
    from rarecli.reports import show_report
    from rarecli.targets import progress_detail

    ds = _load(data)
    frame = observation_table(ds, indicator_id)
    progress = progress_detail(ds, indicators=[indicator_id])
    _emit(show_report(ds, indicator_id, frame, progress), ds, fmt, output, bom)


@app.command()
def enterprises(
    enterprise_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="Show this enterprise in full.", show_default=False),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            help="Only this kind (repeatable): company, group, industrial_park, project.",
        ),
    ] = None,
    segment: Annotated[
        str | None, typer.Option("--segment", help="Only segments containing this text.")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", help="Only names (English or Chinese) or ids containing this."),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """The named enterprises, parks and projects, with their Chinese names and linked figures.

    With an ID, that one in full (the filters then do not apply).

    [bold]Examples[/bold]: rarecli enterprises · rarecli enterprises --kind industrial_park ·
    rarecli enterprises --search 稀土 · rarecli enterprises wolong_pm_motor_park
    """
    from rarecli.enterprises import enterprise_table, find_enterprise
    from rarecli.reports import enterprise_report, enterprises_report
    from rarecli.targets import progress_detail

    ds = _load(data)
    frame = enterprise_table(ds, kind or (), segment, search)
    if enterprise_id is None:
        report = enterprises_report(ds, frame)
    else:
        chosen = find_enterprise(ds, enterprise_id).id
        row = enterprise_table(ds).query("enterprise_id == @chosen").reset_index(drop=True)
        progress = progress_detail(ds).query("scope == @chosen")
        report = enterprise_report(ds, chosen, row, progress)
    _emit(report, ds, fmt, output, bom)


@app.command()
def sources(
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Each source with the number of observations, targets and enterprises that cite it.

    [bold]Examples[/bold]: rarecli sources · rarecli sources -f markdown -o sources.md
    """
    from rarecli.catalog import source_table
    from rarecli.reports import sources_report

    ds = _load(data)
    _emit(sources_report(ds, source_table(ds)), ds, fmt, output, bom)


@app.command()
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]", help="Dataset file. Default: --data, $RARECLI_DATA, else shipped."
        ),
    ] = None,
    data: DataOpt = None,
) -> None:
    """Check a dataset file and list every problem with its line; exit 1 if there is any.

    [bold]Examples[/bold]: rarecli validate · rarecli validate my-industry.toml
    """
    from rarecli.loader import load_dataset

    try:
        ds = load_dataset(path or data)
    except DatasetError as exc:
        report_error(exc, all_problems=True)
        raise typer.Exit(ExitCode.FAILED) from None
    typer.echo(f"OK {ds.origin}: {ds.summary()}")


def main() -> None:
    """Entry point of the `rarecli` script and `python -m rarecli`."""
    app(prog_name="rarecli")
