"""`rarecli add observation|source|indicator|target|enterprise`: add or replace one record without
hand-editing TOML (the engine is rarecli.ledger)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from rarecli.commands.editing import print_outcomes, run_edit
from rarecli.commands.options import DataOpt, DryRunOpt, KeepQuoteOpt, ReplaceOpt
from rarecli.environment import DATA_ENV
from rarecli.errors import UsageError

if TYPE_CHECKING:
    from rarecli.ledger.plan import Change
    from rarecli.ledger.session import Request
    from rarecli.ledger.values import Value

add_app = typer.Typer(
    name="add",
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Add (or with --replace, add or replace) one record of the dataset given by --data or "
    f"${DATA_ENV}.\n\n[bold]Example[/bold]: rarecli --data my.toml add observation "
    "rare_earth_enterprises --year 2025 --value 230 --source my_source",
)

QuoteOpt = Annotated[
    str | None, typer.Option("--quote", metavar="TEXT", help="The source's words, verbatim.")
]
NoteOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note.")]
PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published",
        metavar="DATE",
        help='When it was published, if not its source\'s date: 2024-10-09, or "2024-10" / "2024".',
    ),
]


def _choice(what: str, option: str, value: str | None, choices: Any) -> str | None:
    from rarecli._suggest import check_choice

    return None if value is None else check_choice(what, option, value, choices)


def _ref(doc: dict[str, Any], table: str, option: str, value: str | None, what: str) -> list[Any]:
    """A problem for an id the file does not hold, with the nearest one."""
    from rarecli._suggest import nearest
    from rarecli.errors import Problem

    if value is None:
        return []
    known = [r.get("id") for r in doc.get(table, []) if isinstance(r, dict)]
    if value in known:
        return []
    guess = nearest(value, [k for k in known if isinstance(k, str)])
    hint = f"did you mean {guess!r}?" if guess else f"add it first with `rarecli add {what}`"
    return [Problem(option, f"unknown {what} id {value!r}", hint)]


def _fields(**given: Value | None) -> dict[str, Value | None]:
    return {k: v for k, v in given.items() if v is not None}


def _text(value: str | None) -> Value | None:
    from rarecli.ledger.values import text

    return None if value is None else text(value)


def _int(value: int | None) -> Value | None:
    from rarecli.ledger.values import integer

    return None if value is None else integer(value)


def _number(option: str, value: str | None) -> Value | None:
    from rarecli.ledger.values import BadValue, number

    if value is None:
        return None
    try:
        return number(value)
    except BadValue as exc:
        raise UsageError(f"{option}: {exc.message}", exc.hint) from None


def _simple(change: Change, refs: Any, keep_quote: bool = False) -> Any:
    from rarecli.ledger.session import Request

    def build(doc: dict[str, Any]) -> Request:
        problems = refs(doc)
        return Request([] if problems else [change], problems, keep_quote=keep_quote)

    return build


@add_app.command("observation")
def add_observation(
    indicator: Annotated[str, typer.Argument(metavar="INDICATOR", help="The indicator id.")],
    year: Annotated[int, typer.Option("--year", help="The year of the figure.")],
    value: Annotated[
        str | None, typer.Option("--value", metavar="NUMBER", help="The figure, as written.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="ID", help="The source id.")
    ] = None,
    quote: QuoteOpt = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="reported (default), derived, estimated, lower_bound or assumed_year.",
        ),
    ] = None,
    months: Annotated[
        int | None,
        typer.Option("--months", help="1..12: a year-to-date figure, January to this month."),
    ] = None,
    note: NoteOpt = None,
    published: PublishedOpt = None,
    replace: ReplaceOpt = False,
    keep_quote: KeepQuoteOpt = False,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Add one figure to an indicator, among its observations in year order.

    A figure whose known date (--published, else its source's date) differs from every
    version the ledger holds for that year and period is a new version of it: no --replace.

    [bold]Example[/bold]: rarecli --data my.toml add observation rare_earth_enterprises
    --year 2025 --value 230 --source my_source --quote "230 rare earth enterprises"
    """
    from rarecli.ledger.plan import Change
    from rarecli.ledger.scan import OBSERVATIONS
    from rarecli.ledger.values import date
    from rarecli.model import FULL_YEAR, OBSERVATION_STATUSES

    status = _choice("status", "--status", status, OBSERVATION_STATUSES)
    if months is not None and not 1 <= months <= FULL_YEAR:
        raise UsageError(
            f"{months} is not a number of months 1..{FULL_YEAR}",
            "a year-to-date figure covers January to month 1..12; leave --months out for a "
            "full year",
            param="months",
        )
    fields = _fields(
        year=_int(year),
        months=_int(months),
        value=_number("--value", value),
        source=_text(source),
        quote=_text(quote),
        status=_text(status),
        note=_text(note),
        published=None if published is None else _date(date, published),
    )
    change = Change(OBSERVATIONS, (indicator, year, months or FULL_YEAR), fields)

    def refs(doc: dict[str, Any]) -> list[Any]:
        return _ref(doc, "indicators", "INDICATOR", indicator, "indicator") + _ref(
            doc, "sources", "--source", source, "source"
        )

    edit = _simple(change, refs, keep_quote)
    print_outcomes(run_edit(data, edit, replace, dry_run), dry_run)


@add_app.command("source")
def add_source(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The new source's id (snake_case).")],
    title: Annotated[str | None, typer.Option("--title", help="Title of the text.")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Who published it.")] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", metavar="DATE", help='2024-10-09, or "2024-10" / "2024".'),
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where the text was read.")] = None,
    kind: Annotated[
        str | None,
        typer.Option("--type", metavar="TYPE", help="official, media, company or aggregator."),
    ] = None,
    language: Annotated[str | None, typer.Option("--language", help="e.g. en, zh.")] = None,
    note: NoteOpt = None,
    replace: ReplaceOpt = False,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Add a source, after the last source.

    [bold]Example[/bold]: rarecli --data my.toml add source xinhua_2025_01_02 --title "..."
    --publisher Xinhua --published 2025-01-02 --type media
    """
    from rarecli.ledger.plan import Change
    from rarecli.ledger.values import date
    from rarecli.model import SOURCE_TYPES

    kind = _choice("source type", "--type", kind, SOURCE_TYPES)
    fields = _fields(
        id=_text(ident),
        title=_text(title),
        publisher=_text(publisher),
        published=None if published is None else _date(date, published),
        url=_text(url),
        language=_text(language),
        note=_text(note),
        type=_text(kind),
    )
    change = Change("sources", ident, fields)
    print_outcomes(run_edit(data, _simple(change, lambda doc: []), replace, dry_run), dry_run)


def _date(date: Any, typed: str) -> Value:
    from rarecli.ledger.values import BadValue

    try:
        return date(typed)  # type: ignore[no-any-return]
    except BadValue as exc:
        raise UsageError(f"--published: {exc.message}", exc.hint) from None


@add_app.command("indicator")
def add_indicator(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The new indicator's id.")],
    name: Annotated[str | None, typer.Option("--name", help="Its name.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help='Free text; "%" marks a rate.')] = None,
    category: Annotated[str | None, typer.Option("--category", help="e.g. output.")] = None,
    scope: Annotated[
        str | None,
        typer.Option("--scope", metavar="ENTERPRISE", help="An enterprise id; absent: region."),
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="What it counts.")
    ] = None,
    replace: ReplaceOpt = False,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Add an indicator, after the last indicator (and its observations), before the targets.

    [bold]Example[/bold]: rarecli --data my.toml add indicator magnet_exports --name "Magnet
    exports" --unit t --category trade
    """
    from rarecli.ledger.plan import Change

    fields = _fields(
        id=_text(ident),
        name=_text(name),
        unit=_text(unit),
        category=_text(category),
        scope=_text(scope),
        description=_text(description),
    )
    change = Change("indicators", ident, fields)

    def refs(doc: dict[str, Any]) -> list[Any]:
        return _ref(doc, "enterprises", "--scope", scope, "enterprise")

    print_outcomes(run_edit(data, _simple(change, refs), replace, dry_run), dry_run)


@add_app.command("target")
def add_target(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The new target's id.")],
    indicator: Annotated[
        str | None, typer.Option("--indicator", metavar="ID", help="The indicator it sets.")
    ] = None,
    value: Annotated[
        str | None, typer.Option("--value", metavar="NUMBER", help="The target value.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="ID", help="The source id.")
    ] = None,
    deadline: Annotated[
        int | None, typer.Option("--deadline", help="The year to reach it.")
    ] = None,
    direction: Annotated[
        str | None,
        typer.Option("--direction", metavar="DIRECTION", help="at_least (default) or at_most."),
    ] = None,
    baseline_year: Annotated[
        int | None,
        typer.Option(
            "--baseline-year",
            help="Default: the last full-year figure in or before --set-in (else the first after "
            "it); without --set-in, the first observation.",
        ),
    ] = None,
    set_in: Annotated[
        int | None, typer.Option("--set-in", help="The year the target was announced.")
    ] = None,
    supersedes: Annotated[
        str | None,
        typer.Option("--supersedes", metavar="ID", help="The id of the target this one restates."),
    ] = None,
    published: PublishedOpt = None,
    quote: QuoteOpt = None,
    note: NoteOpt = None,
    replace: ReplaceOpt = False,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Add an official target, after the last target.

    [bold]Example[/bold]: rarecli --data my.toml add target output_2027 --indicator
    industry_output_value --value 150 --deadline 2027 --source my_source
    """
    from rarecli.ledger.plan import Change
    from rarecli.ledger.values import date
    from rarecli.model import DIRECTIONS

    direction = _choice("direction", "--direction", direction, DIRECTIONS)
    fields = _fields(
        id=_text(ident),
        indicator=_text(indicator),
        deadline=_int(deadline),
        value=_number("--value", value),
        direction=_text(direction),
        baseline_year=_int(baseline_year),
        set_in=_int(set_in),
        source=_text(source),
        quote=_text(quote),
        note=_text(note),
        published=None if published is None else _date(date, published),
        supersedes=_text(supersedes),
    )
    change = Change("targets", ident, fields)

    def refs(doc: dict[str, Any]) -> list[Any]:
        return (
            _ref(doc, "indicators", "--indicator", indicator, "indicator")
            + _ref(doc, "sources", "--source", source, "source")
            + _ref(doc, "targets", "--supersedes", supersedes, "target")
        )

    print_outcomes(run_edit(data, _simple(change, refs), replace, dry_run), dry_run)


@add_app.command("enterprise")
def add_enterprise(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The new enterprise's id.")],
    name: Annotated[str | None, typer.Option("--name", help="Its name.")] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", metavar="KIND", help="company, group, industrial_park or project."),
    ] = None,
    name_zh: Annotated[str | None, typer.Option("--name-zh", help="Its Chinese name.")] = None,
    segment: Annotated[str | None, typer.Option("--segment", help="Its segment.")] = None,
    distinction: Annotated[
        str | None, typer.Option("--distinction", help="What sets it apart.")
    ] = None,
    sources: Annotated[
        list[str] | None,
        typer.Option("--source", metavar="ID", help="A source id (repeatable)."),
    ] = None,
    note: NoteOpt = None,
    replace: ReplaceOpt = False,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Add a named enterprise, park or project, after the last enterprise.

    [bold]Example[/bold]: rarecli --data my.toml add enterprise baotou_magnet --name "Baotou
    Magnet Co" --kind company --source my_source
    """
    from rarecli.ledger.plan import Change
    from rarecli.ledger.values import ids
    from rarecli.model import ENTERPRISE_KINDS

    kind = _choice("kind", "--kind", kind, ENTERPRISE_KINDS)
    fields = _fields(
        id=_text(ident),
        name=_text(name),
        name_zh=_text(name_zh),
        kind=_text(kind),
        segment=_text(segment),
        distinction=_text(distinction),
        sources=ids(sources) if sources else None,
        note=_text(note),
    )
    change = Change("enterprises", ident, fields)

    def refs(doc: dict[str, Any]) -> list[Any]:
        return [p for s in sources or () for p in _ref(doc, "sources", "--source", s, "source")]

    print_outcomes(run_edit(data, _simple(change, refs), replace, dry_run), dry_run)
