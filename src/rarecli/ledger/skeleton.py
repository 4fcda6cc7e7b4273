"""The text of a new dataset: `[dataset]` filled in, every other table as a commented example
with each key explained. It validates as it stands."""

from __future__ import annotations

from rarecli.ledger.values import text

_BODY = """
# Sources: where the figures were read. One [[sources]] table each.
#
# [[sources]]
# id = "example_2024_10_09"    # snake_case, unique; figures cite it
# title = "Title of the article or report"
# publisher = "Who published it"
# published = 2024-10-09       # optional: a date, or "2024-10" / "2024" without a day
# url = "https://..."          # optional: where the text was read
# type = "media"               # optional: official | media | company | aggregator
# language = "en"              # optional
# note = "..."                 # optional

# Enterprises: named companies, groups, parks and projects.
#
# [[enterprises]]
# id = "example_company"       # snake_case, unique
# name = "Example Co"
# name_zh = "示例公司"           # optional: the Chinese name
# kind = "company"             # company | group | industrial_park | project
# segment = "smelting"         # optional
# distinction = "..."          # optional
# sources = ["example_2024_10_09"]   # optional: source ids
# note = "..."                 # optional

# Indicators, each with its observations (one per year and period).
#
# [[indicators]]
# id = "example_indicator"     # snake_case, unique
# name = "Example indicator"
# unit = "t"                   # free text; "%" marks a rate (changes in percentage points)
# category = "output"
# scope = "example_company"    # optional: an enterprise id; absent = the whole region
# description = "..."          # optional
#
#   [[indicators.observations]]
#   year = 2024
#   value = 209                # a number, in the indicator's unit
#   source = "example_2024_10_09"
#   quote = "..."              # optional: the sentence the figure comes from, verbatim
#   status = "reported"        # optional: reported | derived | estimated | lower_bound
#                              #   | assumed_year
#   months = 12                # optional: 1..12, the figure covers January to this month
#   corroborated_by = []       # optional: further source ids giving the same figure
#   note = "..."               # optional: e.g. how a derived figure was computed
#   published = 2024-10-09     # optional: when this figure was published, if not its
#                              #   source's date; several figures of one year and period are
#                              #   its versions, the last published is the current one

# Targets: official goals for an indicator.
#
# [[targets]]
# id = "example_target_2025"   # snake_case, unique
# indicator = "example_indicator"
# value = 300
# deadline = 2025              # optional: leave out for "upon completion"
# direction = "at_least"       # optional: at_least | at_most
# baseline_year = 2022         # optional: default, the last full-year figure in or before
#                              #   set_in, else the indicator's first
# set_in = 2024                # optional: the year the target was announced
# published = 2024-10-09       # optional: when it was published, if not its source's date
# supersedes = "old_target"    # optional: the id of the target this one restates
# source = "example_2024_10_09"
# quote = "..."                # optional
# note = "..."                 # optional
#
# Add figures with `rarecli add ...` or `rarecli import FILE`; check with `rarecli validate`.
"""


def skeleton(title: str, region: str) -> str:
    return (
        "# A rarecli dataset (format version 1). Every figure carries its source and a quote.\n"
        "\n"
        "schema_version = 1\n"
        "\n"
        "[dataset]\n"
        f"title = {text(title).toml}\n"
        f"region = {text(region).toml}\n"
        '# description = "..."       # optional\n'
        "# base_year = 2022           # optional: default --from of `rarecli growth`\n"
        "# current_year = 2024        # optional: default --to\n" + _BODY
    )
