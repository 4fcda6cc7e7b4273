"""Where each table of a dataset sits in its text: headers, blocks, key lines.

TOML parsers give no positions, so the text is scanned for `[[...]]` and `[...]` headers with
one regular expression, and the headers found are checked against the parsed document: as many
of each table, and of each indicator's observations, as tomli read. A header-looking line inside
a multi-line string makes the counts differ; only then is the text tokenised line by line, which
is exact but slower.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import tomli

from rarecli.toml_layout import HEADER, KEY, header_parts

TOP_LEVEL = ("dataset", "sources", "enterprises", "indicators", "targets")
OBSERVATIONS = "observations"
HEADER_OF = {
    "dataset": "[dataset]",
    "sources": "[[sources]]",
    "enterprises": "[[enterprises]]",
    "indicators": "[[indicators]]",
    "targets": "[[targets]]",
    OBSERVATIONS: "[[indicators.observations]]",
}
_NAMES = {
    ("[", "]", "dataset"): "dataset",
    ("[[", "]]", "sources"): "sources",
    ("[[", "]]", "enterprises"): "enterprises",
    ("[[", "]]", "indicators"): "indicators",
    ("[[", "]]", "targets"): "targets",
    ("[[", "]]", "indicators.observations"): OBSERVATIONS,
}


class LayoutError(Exception):
    """The file holds a table in a form the editor cannot edit in place (an inline array)."""


class Header(NamedTuple):
    kind: str  # a TOP_LEVEL name or OBSERVATIONS; "" for a header the ledger does not know
    offset: int  # start of the header line
    end: int  # just after the header line (its line end included)
    indent: str


class Block(NamedTuple):
    """One table of the file: its header line; `Layout.start` and `Layout.body_end` say where
    it begins (its comments) and where its content ends."""

    kind: str
    nth: int  # position in its array (doc order); for observations, within the indicator
    parent: int  # the indicator's index for an observation, else -1
    header: int
    header_end: int
    indent: str
    pos: int  # position among all blocks of the file


class Layout:
    """The blocks of a text, with their extents computed when asked (an edit needs a few)."""

    def __init__(self, text: str, blocks: list[Block], eol: str) -> None:
        self.text, self.blocks, self.eol = text, blocks, eol
        self._starts: dict[int, int] = {}

    def start(self, block: Block) -> int:
        """The first line of the comments right above the header, else the header."""
        found = self._starts.get(block.pos)
        if found is None:
            found = self._starts[block.pos] = _attached_start(self.text, block.header)
        return found

    def limit(self, pos: int) -> int:
        """Where the block after the one at `pos` begins (or the end of the text)."""
        following = pos + 1
        if following < len(self.blocks):
            return self.start(self.blocks[following])
        return len(self.text)

    def body_end(self, block: Block) -> int:
        """Just after its last key line (and the comments right below it)."""
        return _body_end(self.text, block.header_end, self.limit(block.pos))

    @property
    def root_end(self) -> int:
        """Just after the last key line before the first header."""
        first = self.start(self.blocks[0]) if self.blocks else len(self.text)
        return _body_end(self.text, 0, first)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_end(text: str, offset: int) -> int:
    """Just after the line that holds `offset` (its "\\n" included), or the end of the text."""
    found = text.find("\n", offset)
    return len(text) if found < 0 else found + 1


_CANDIDATE = re.compile(r"\n[ \t]*\[")  # a line that starts with "[": found at C speed
_PLAIN = {f"{HEADER_OF[kind]}": kind for kind in HEADER_OF}


def _quick_headers(text: str) -> list[Header]:
    """Every line that reads as a header, wherever it is (strings included)."""
    out = []
    starts = [m.start() + 1 for m in _CANDIDATE.finditer(text)]
    if text.lstrip(" \t").startswith("["):
        starts.insert(0, 0)
    find, plain = text.find, _PLAIN
    for start in starts:
        end = find("\n", start) + 1 or len(text)
        line = text[start:end]
        stripped = line.strip()
        kind = plain.get(stripped)
        if kind is not None:
            out.append(Header(kind, start, end, line[: len(line) - len(line.lstrip(" \t"))]))
            continue
        m = HEADER.match(line)
        if m is None:
            continue
        name = ".".join(header_parts(m))
        kind = _NAMES.get((m.group(2), m.group(4), name), "")
        out.append(Header(kind, start, end, m.group(1)))
    return out


def _careful_headers(text: str) -> list[Header]:
    """Headers outside strings and multi-line arrays, found by tokenising each line."""
    out: list[Header] = []
    closing: str | None = None  # the delimiter that ends an open multi-line string
    depth = 0  # open brackets of a value that spans lines
    pos = 0
    while pos < len(text):
        end = _line_end(text, pos)
        line = text[pos:end]
        if closing is None and depth == 0:
            m = HEADER.match(line)
            if m:
                out += [h._replace(offset=pos, end=end) for h in _quick_headers(line)]
                pos = end
                continue
        closing, depth = _tokenise(line, closing, depth)
        pos = end
    return out


def _tokenise(line: str, closing: str | None, depth: int) -> tuple[str | None, int]:
    """The string and bracket state after one line."""
    i, n = 0, len(line)
    while i < n:
        if closing is not None:
            j = line.find(closing, i)
            if closing == '"""':  # an escaped quote does not close
                while j > 0 and _escaped(line, j):
                    j = line.find(closing, j + 1)
            if j < 0:
                return closing, depth
            i = j + 3
            while i < n and line[i] == closing[0]:  # up to two quotes may end the content
                i += 1
            closing = None
            continue
        ch = line[i]
        if ch == "#":
            return None, depth
        if line.startswith(('"""', "'''"), i):
            closing, i = line[i : i + 3], i + 3
        elif ch == '"':
            j = i + 1
            while j < n and (line[j] != '"' or _escaped(line, j)):
                j += 1
            i = j + 1
        elif ch == "'":
            j = line.find("'", i + 1)
            i = n if j < 0 else j + 1
        else:
            if ch in "[{" and (depth > 0 or "=" in line[:i]):
                depth += 1
            elif ch in "]}" and depth > 0:
                depth -= 1
            i += 1
    return closing, depth


def _escaped(line: str, j: int) -> bool:
    backslashes = 0
    while j - backslashes - 1 >= 0 and line[j - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _matches(headers: list[Header], doc: dict[str, Any]) -> bool:
    """Whether the headers are exactly the tables tomli read."""
    counts = dict.fromkeys(TOP_LEVEL, 0)
    observations: list[int] = []
    for h in headers:
        if h.kind == "":
            return False
        if h.kind == OBSERVATIONS:
            if not observations:
                return False
            observations[-1] += 1
        else:
            counts[h.kind] += 1
            if h.kind == "indicators":
                observations.append(0)
    for kind in TOP_LEVEL[1:]:
        items = doc.get(kind, [])
        if not isinstance(items, list) or counts[kind] != len(items):
            return False
    if counts["dataset"] > 1:
        return False
    for table, count in zip(doc.get("indicators", []), observations, strict=True):
        obs = table.get(OBSERVATIONS, []) if isinstance(table, dict) else []
        if not isinstance(obs, list) or len(obs) != count:
            return False
    return True


def layout(text: str, doc: dict[str, Any] | None) -> Layout:
    """Every table of `text` (parsed by tomli as `doc`) with where it starts and ends.

    Without `doc` (a quick edit that parses only the blocks it touches) the headers are taken
    as found, unchecked; the caller checks the edited result's counts instead.
    """
    headers = _quick_headers(text)
    if doc is None:
        if any(h.kind == "" for h in headers) or (headers and headers[0].kind == OBSERVATIONS):
            raise LayoutError("a header the quick scan cannot place")
    elif not _matches(headers, doc):
        headers = _careful_headers(text)
        if not _matches(headers, doc):
            raise LayoutError(
                "the file writes a table as an inline array (e.g. observations = [{...}]) or "
                "in a form the editor cannot place a line in"
            )
    first_break = text.find("\n")
    eol = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
    blocks: list[Block] = []
    counters = dict.fromkeys(TOP_LEVEL, -1)
    obs_index = -1
    indicator = -1
    for k, h in enumerate(headers):
        if h.kind == OBSERVATIONS:
            obs_index += 1
            blocks.append(Block(h.kind, obs_index, indicator, h.offset, h.end, h.indent, k))
            continue
        counters[h.kind] += 1
        if h.kind == "indicators":
            obs_index, indicator = -1, counters[h.kind]
        blocks.append(Block(h.kind, counters[h.kind], -1, h.offset, h.end, h.indent, k))
    return Layout(text, blocks, eol)


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _attached_start(text: str, header: int) -> int:
    """The start of the comment lines right above a header (no blank line between)."""
    start = header
    while start > 0:
        prev = _line_start(text, start - 1)
        if not _is_comment(text[prev:start]):
            break
        start = prev
    return start


def _body_end(text: str, begin: int, limit: int) -> int:
    """Just after the last key line in [begin, limit), with the comments right below it.

    Blank lines and comments set off by a blank line (a section banner) belong to no block.
    """
    last = begin  # an empty body ends at the header's line end
    pos = begin
    pending = -1
    while pos < limit:
        end = min(_line_end(text, pos), limit)
        line = text[pos:end]
        if not line.strip():
            pending = -1
        elif _is_comment(line):
            if pending >= 0:
                last = end
                pending = end
        else:
            last = pending = end
        pos = end
    return last


def key_spans(text: str, begin: int, end: int) -> dict[str, tuple[int, int, int, int]]:
    """The keys of one block's body [begin, end): key -> (line start, value start, value end,
    line end), where the value ends before any trailing comment and spaces."""
    spans: dict[str, tuple[int, int, int, int]] = {}
    pos = begin
    while pos < end:
        line_end = _line_end(text, pos)
        m = KEY.match(text, pos, line_end)
        if m is None:
            pos = line_end
            continue
        value_start = m.end()
        stop = line_end
        while True:
            raw = text[value_start:stop]
            try:
                parsed = tomli.loads("v = " + raw)["v"]
                break
            except tomli.TOMLDecodeError:
                if stop >= end:
                    parsed = None
                    break
                stop = _line_end(text, stop)
        last_line = _line_start(text, stop - 1) if stop > value_start else value_start
        value_end = _value_end(text, value_start, max(last_line, value_start), stop, parsed)
        spans[m.group(2)] = (pos, value_start, value_end, stop)
        pos = stop
    return spans


def _value_end(text: str, value_start: int, last_line: int, stop: int, parsed: Any) -> int:
    """Where the value's own text ends: before a trailing comment and the spaces before it."""
    hash_at = text.find("#", last_line, stop)
    while hash_at >= 0:
        try:
            if tomli.loads("v = " + text[value_start:hash_at])["v"] == parsed:
                return value_start + len(text[value_start:hash_at].rstrip())
        except tomli.TOMLDecodeError:
            pass
        hash_at = text.find("#", hash_at + 1, stop)
    return value_start + len(text[value_start:stop].rstrip())


_ID_LINE = re.compile(r"\n[ \t]*id[ \t]*=[ \t]*\"([^\"\\\n]*)\"")


def body(layout: Layout, block: Block) -> dict[str, Any]:
    """The keys of one block, parsed from its own lines."""
    return tomli.loads(layout.text[block.header_end : layout.limit(block.pos)])


def id_doc(layout: Layout) -> dict[str, Any]:
    """The ids of every top-level table, as {"sources": [{"id": ...}, ...], ...}, read from the
    `id = "..."` lines (a block whose id is written otherwise is parsed alone)."""
    text, blocks = layout.text, layout.blocks
    found: dict[int, str | None] = {}
    k = 0
    for m in _ID_LINE.finditer(text):
        at = m.start()
        while k + 1 < len(blocks) and blocks[k + 1].header < at:
            k += 1
        if not blocks or blocks[k].header > at or blocks[k].kind in (OBSERVATIONS, "dataset"):
            continue
        found[k] = None if k in found else m.group(1)  # two id lines: parse the block alone
    doc: dict[str, Any] = {kind: [] for kind in TOP_LEVEL[1:]}
    for pos, block in enumerate(blocks):
        if block.kind in doc:
            ident = found.get(pos)
            if ident is None:
                ident = body(layout, block).get("id")
            doc[block.kind].append({"id": ident})
    return doc
