"""Changes to a dataset, planned as located text edits (splices) on the file's own text.

A change names one record (a source, enterprise, indicator, target, or an indicator's
observation) and the keys it sets; a key set to None is removed. Every splice replaces whole
lines, so the text outside the inserted or replaced lines stays byte for byte the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from rarecli.history import known_day
from rarecli.ledger.scan import OBSERVATIONS, TOP_LEVEL, Block, Layout, body, key_spans
from rarecli.ledger.values import Value, same
from rarecli.loader import ENTERPRISE, INDICATOR, OBSERVATION, SOURCE, TARGET, Spec

SPECS: dict[str, Spec] = {
    "sources": SOURCE,
    "enterprises": ENTERPRISE,
    "indicators": INDICATOR,
    "targets": TARGET,
    OBSERVATIONS: OBSERVATION,
}
# Keys whose absence means this value: writing it would change nothing the loader reads.
DEFAULTS: dict[tuple[str, str], Any] = {
    (OBSERVATIONS, "status"): "reported",
    (OBSERVATIONS, "months"): 12,
    ("targets", "direction"): "at_least",
}
HEADERS = {
    "sources": "[[sources]]",
    "enterprises": "[[enterprises]]",
    "indicators": "[[indicators]]",
    "targets": "[[targets]]",
    OBSERVATIONS: "[[indicators.observations]]",
}
DEFAULT_INDENT = {OBSERVATIONS: "  "}

Ident = str | tuple[str, int, int]  # an id, or (indicator id, year, months) of an observation


class Change(NamedTuple):
    table: str
    ident: Ident
    fields: dict[str, Value | None]  # None: remove the key


class Splice(NamedTuple):
    start: int
    end: int
    text: str
    order: tuple[Any, ...] = ()  # among insertions at one place: keys first, then by period


class Outcome(NamedTuple):
    change: Change
    action: str  # "added", "replaced" or "unchanged"
    existing: dict[str, Any] | None  # the record as the file holds it, if it does


def observation_key(change: Change) -> tuple[str, int, int]:
    """(indicator id, year, months) of an observation change."""
    ident = change.ident
    assert isinstance(ident, tuple)
    return ident


def describe(change: Change) -> str:
    if change.table == OBSERVATIONS:
        indicator, year, months = observation_key(change)
        period = str(year) if months == 12 else f"{year} (January–month {months})"
        return f"observation {indicator} {period}"
    return f"{change.table[:-1]} {change.ident}"


def effective(table: str, record: dict[str, Any], key: str) -> Any:
    return record.get(key, DEFAULTS.get((table, key)))


def differs(change: Change, record: dict[str, Any]) -> bool:
    """Whether applying the change to the record would alter what the loader reads."""
    for key, value in change.fields.items():
        now = effective(change.table, record, key)
        wanted = DEFAULTS.get((change.table, key)) if value is None else value.py
        if wanted is None and now is None:
            continue
        if wanted is None or now is None or not same(wanted, now):
            return True
    return False


class Planner:
    """Splices for a list of changes against one parsed text."""

    def __init__(self, text: str, doc: dict[str, Any], layout: Layout, lazy: bool) -> None:
        """`doc` is the parsed file, or with `lazy` only its ids (see scan.id_doc): the records
        an edit touches are then parsed from their own lines."""
        self.text, self.doc, self.layout, self.lazy = text, doc, layout, lazy
        self.eol = layout.eol
        self.splices: list[Splice] = []
        self._groups: dict[int, list[Block]] = {}  # top-level block position -> its group
        self.tops: dict[str, list[int]] = {k: [] for k in TOP_LEVEL}
        self.observations: dict[int, list[Block]] = {}
        for pos, block in enumerate(layout.blocks):
            if block.kind == OBSERVATIONS:
                self.observations.setdefault(block.parent, []).append(block)
            else:
                self.tops[block.kind].append(pos)

    # -- finding records ------------------------------------------------------------------

    def records(self, table: str) -> list[dict[str, Any]]:
        items = self.doc.get(table, [])
        return items if isinstance(items, list) else []

    def record(self, block: Block) -> dict[str, Any]:
        """The parsed keys of a block."""
        if self.lazy:
            return body(self.layout, block)
        if block.kind == OBSERVATIONS:
            parent = self.records("indicators")[block.parent]
            return parent.get(OBSERVATIONS, [])[block.nth]  # type: ignore[no-any-return]
        return self.records(block.kind)[block.nth]

    def find(self, change: Change, replace: bool = False) -> tuple[Block, dict[str, Any]] | None:
        """The block and parsed record the change names, if the file holds it. An observation
        names the version of its period with the change's known date; a change without one (no
        source given) names the current version, and so does a `replace` that gives a source
        but no `published` when no version has its known date (it corrects the current one)."""
        if change.table == OBSERVATIONS:
            indicator, year, months = observation_key(change)
            i = self.index_of("indicators", indicator)
            if i is None:
                return None
            versions = []
            for block in self.observations.get(i, []):
                obs = self.record(block)
                if (obs.get("year"), obs.get("months", 12)) == (year, months):
                    versions.append((block, obs))
            if not versions:
                return None
            wanted = self.change_known(change)
            same = [v for v in versions if self.known(v[1]) == wanted]
            if same and wanted is not None:
                return same[0]
            given = change.fields.get("published") is not None
            if wanted is None or (replace and not given):
                return max(versions, key=lambda v: _order(self.known(v[1])))  # the current one
            return None
        k = self.index_of(change.table, change.ident)  # type: ignore[arg-type]
        if k is None:
            return None
        block = self.layout.blocks[self.tops[change.table][k]]
        return block, self.record(block)

    def known(self, obs: dict[str, Any]) -> dt.date | None:
        """The known date of an observation the file holds: its published, else its source's."""
        return known_day(_written(obs.get("published")) or self.source_date(obs.get("source")))

    def change_known(self, change: Change) -> dt.date | None:
        """The known date of the observation a change writes (its published, else its source's):
        a different one from every version's adds a version."""
        published, source = change.fields.get("published"), change.fields.get("source")
        own = _written(published.py) if published is not None else None
        return known_day(own or self.source_date(source.py if source is not None else None))

    def source_date(self, source: Any) -> str | None:
        dates = getattr(self, "_source_dates", None)
        if dates is None:
            blocks = self.layout.blocks
            records = [self.record(blocks[p]) for p in self.tops["sources"]]
            dates = self._source_dates = {
                r.get("id"): _written(r.get("published")) for r in records
            }
        return dates.get(source)

    def index_of(self, table: str, ident: str) -> int | None:
        index = getattr(self, "_index", None)
        if index is None:
            index = self._index = {
                (t, r.get("id")): k
                for t in TOP_LEVEL[1:]
                for k, r in enumerate(self.records(t))
                if isinstance(r, dict)
            }
        return index.get((table, ident))

    # -- editing an existing record -------------------------------------------------------

    def replace(self, change: Change, block: Block, record: dict[str, Any]) -> None:
        """Set the keys the change gives; a key line's trailing comment stays."""
        spans = key_spans(self.text, block.header_end, self.layout.body_end(block))
        order = list(SPECS[change.table])
        indent = self.key_indent(block)
        for key, value in change.fields.items():
            current = effective(change.table, record, key)
            wanted = DEFAULTS.get((change.table, key)) if value is None else value.py
            if (wanted is None and current is None) or (
                wanted is not None and current is not None and same(wanted, current)
            ):
                continue
            if key in spans:
                line, value_start, value_end, line_end = spans[key]
                if value is None:
                    self.splices.append(Splice(line, line_end, ""))
                else:
                    self.splices.append(Splice(value_start, value_end, value.toml))
                continue
            if value is None:
                continue  # an absent key whose default is wanted (removal of nothing)
            earlier = [k for k in order[: order.index(key)] if k in spans]
            at = spans[earlier[-1]][3] if earlier else block.header_end
            if earlier == [] and spans:
                at = min(s[0] for s in spans.values())
            self.insert_lines(at, [f"{indent}{key} = {value.toml}"], (0, order.index(key)))

    # -- adding a record ------------------------------------------------------------------

    def add(self, change: Change) -> None:
        table = change.table
        keys = [k for k in SPECS[table] if change.fields.get(k) is not None]
        values = {k: change.fields[k] for k in keys}
        body = [
            (k, v)
            for k, v in values.items()
            if v is not None and not (DEFAULTS.get((table, k)) == v.py and (table, k) in DEFAULTS)
        ]
        if table == OBSERVATIONS:
            self.add_observation(change, body)
        else:
            self.add_top(change, body)

    def add_observation(self, change: Change, body: list[tuple[str, Value]]) -> None:
        indicator, year, months = observation_key(change)
        i = self.index_of("indicators", indicator)
        assert i is not None, "the indicator is checked before planning"
        siblings = self.observations.get(i, [])
        period = (year, months, self.change_known(change) or dt.date.min)
        periods = {}
        for b in siblings:
            obs = self.record(b)
            periods[b.nth] = (
                obs.get("year"),
                obs.get("months", 12),
                self.known(obs) or dt.date.min,
            )
        smaller = [b for b in siblings if _lt(periods[b.nth], period)]
        order = (1, period)
        if smaller:
            after = max(smaller, key=lambda b: periods[b.nth])
            self.insert_block(self.layout.body_end(after), change.table, body, after, order)
        elif siblings:
            first = min(siblings, key=lambda b: b.header)
            self.insert_block(
                self.layout.start(first), change.table, body, first, order, before=True
            )
        else:
            parent = self.layout.blocks[self.tops["indicators"][i]]
            neighbour = self.any_block(OBSERVATIONS)
            self.insert_block(
                self.layout.body_end(parent), change.table, body, neighbour, order, gap_from=parent
            )

    def add_top(self, change: Change, body: list[tuple[str, Value]]) -> None:
        table = change.table
        rank = TOP_LEVEL.index(table)
        order = (1, 0)
        same_kind = self.tops[table]
        if same_kind:
            last = same_kind[-1]
            self.insert_block(self.group_end(last), table, body, self.layout.blocks[last], order)
            return
        blocks = self.layout.blocks
        before = [p for p, b in enumerate(blocks) if b.kind in TOP_LEVEL[:rank]]
        if before:
            last = before[-1]
            self.insert_block(self.group_end(last), table, body, None, order, gap_from=blocks[last])
            return
        after = [p for p, b in enumerate(blocks) if b.kind in TOP_LEVEL[rank + 1 :]]
        if after:
            first = blocks[after[0]]
            self.insert_block(
                self.layout.start(first), table, body, None, order, before=True, gap_from=first
            )
            return
        self.insert_block(self.layout.root_end, table, body, None, order)

    # -- text helpers ---------------------------------------------------------------------

    def group_end(self, position: int) -> int:
        """The end of a top-level block's content, its observations included."""
        blocks = self.layout.blocks
        last = position
        while last + 1 < len(blocks) and blocks[last + 1].kind == OBSERVATIONS:
            last += 1
        return self.layout.body_end(blocks[last])

    def any_block(self, kind: str) -> Block | None:
        for block in self.layout.blocks:
            if block.kind == kind:
                return block
        return None

    def key_indent(self, block: Block | None) -> str:
        if block is None:
            return ""
        pos, body_end = block.header_end, self.layout.body_end(block)
        while pos < body_end:
            end = self.text.find("\n", pos, body_end)
            end = body_end if end < 0 else end + 1
            line = self.text[pos:end]
            if line.strip() and not line.lstrip().startswith("#"):
                return line[: len(line) - len(line.lstrip(" \t"))]
            pos = end
        return block.indent

    def gap(self, block: Block | None) -> int:
        """Blank lines right above a block: the spacing the new block copies (0 to 2)."""
        start = None if block is None else self.layout.start(block)
        if start is None or start == 0:
            return 1
        count, pos = 0, start
        while pos > 0 and count < 3:
            prev = self.text.rfind("\n", 0, pos - 1) + 1
            if self.text[prev:pos].strip():
                break
            count += 1
            pos = prev
        return min(count, 2)

    def insert_block(
        self,
        at: int,
        table: str,
        body: list[tuple[str, Value]],
        neighbour: Block | None,
        order: tuple[Any, ...],
        before: bool = False,
        gap_from: Block | None = None,
    ) -> None:
        if neighbour is not None and neighbour.kind == table:
            header_indent, key_indent = neighbour.indent, self.key_indent(neighbour)
        else:
            same_kind = self.any_block(table)
            default = DEFAULT_INDENT.get(table, "")
            header_indent = same_kind.indent if same_kind else default
            key_indent = self.key_indent(same_kind) if same_kind else default
        lines = [header_indent + HEADERS[table]]
        lines += [f"{key_indent}{k} = {v.toml}" for k, v in body]
        gap = [""] * self.gap(gap_from or neighbour)
        self.insert_lines(at, lines + gap if before else gap + lines, order)

    def insert_lines(self, at: int, lines: Sequence[str], order: tuple[Any, ...]) -> None:
        eol = self.eol
        text = "".join(line + eol for line in lines)
        if at == len(self.text) and self.text and not self.text.endswith("\n"):
            # the file has no final newline: keep it so, after a line break before the new text
            start = self.text.rfind("\n") + 1
            self.splices.append(
                Splice(start, at, self.text[start:at] + eol + text[: -len(eol)], order)
            )
            return
        self.splices.append(Splice(at, at, text, order))


def _written(published: Any) -> str | None:
    """A published date as the loader reads it: a TOML date as ISO text, a partial date as is;
    None for what is no date (the validation after the edit reports it)."""
    if isinstance(published, dt.date):
        return published.isoformat()
    if isinstance(published, str) and published[:4].isdigit():
        try:
            known_day(published)
        except ValueError:
            return None
        return published
    return None


def _lt(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    try:
        return bool(a < b)
    except TypeError:
        return False


def apply(text: str, splices: list[Splice]) -> tuple[str, list[Splice]]:
    """The text with every splice made, and the splices in the order they were made."""
    ordered = sorted(splices, key=lambda s: (s.start, s.end, s.order))
    out, pos = [], 0
    for splice in ordered:
        if splice.start < pos:
            raise ValueError("overlapping edits")  # a bug: each block is edited once
        out += [text[pos : splice.start], splice.text]
        pos = splice.end
    out.append(text[pos:])
    return "".join(out), ordered


def _order(known: dt.date | None) -> dt.date:
    """A known date as a sort key: an undated version (the only one of its figure) first."""
    return dt.date.min if known is None else known
