"""`rarecli export FILE.xlsx`: every table of the ledger in one workbook."""

from __future__ import annotations

from rarecli.model import Dataset
from rarecli.render.report import Report

SHEETS = (
    "Indicators",
    "Observations",
    "Series",
    "Growth",
    "Targets",
    "Enterprises",
    "Sources",
)


def ledger_reports(ds: Dataset) -> list[tuple[str, Report]]:
    """(sheet name, report) for each table, as the listing commands build them with their
    default options: growth between the default years, every target, every source."""
    from rarecli.analysis.growth import compare_years, resolve_years
    from rarecli.analysis.progress import progress_detail
    from rarecli.catalog import indicator_table, source_table
    from rarecli.enterprises import enterprise_table
    from rarecli.figure_reports import observations_report, series_report
    from rarecli.figures import observation_detail, series
    from rarecli.reports import (
        enterprises_report,
        growth_report,
        indicators_report,
        sources_report,
        targets_report,
    )

    detail = observation_detail(ds)
    years = resolve_years(ds)
    reports = (
        indicators_report(ds, indicator_table(ds)),
        observations_report(ds, detail),
        series_report(ds, detail, series(ds, detail)),
        growth_report(ds, compare_years(ds, years), years, False),
        targets_report(ds, progress_detail(ds), None, None),
        enterprises_report(ds, enterprise_table(ds)),
        sources_report(ds, source_table(ds)),
    )
    return list(zip(SHEETS, reports, strict=True))


def ledger_workbook(ds: Dataset) -> bytes:
    """The workbook: one sheet per table (SHEETS), then Notes with one section per table."""
    from rarecli.render.xlsx import Book

    book = Book()
    sections = ledger_reports(ds)
    for name, report in sections:
        book.table(name, report)
    book.notes(sections)
    return book.close()
