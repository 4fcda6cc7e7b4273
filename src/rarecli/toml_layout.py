"""Where tables and keys sit in TOML text: TOML parsers give no positions, so the loader (for
the line of a problem) and the editor (for where a table or key sits) find the headers
(`[dataset]`, `[[indicators.observations]]`) and `key = value` lines with these patterns."""

from __future__ import annotations

import re

# indent, "[" or "[[", the dotted name, "]" or "]]"; a comment may follow. re.M: finditer and
# match work on a whole text, and match on a single line too.
HEADER = re.compile(
    r"^([ \t]*)(\[\[?)[ \t]*([A-Za-z0-9_\-.\"' \t]+?)[ \t]*(\]\]?)[ \t]*(?:#[^\n]*)?\r?$", re.M
)

# A `key = ` line start: indent, a quote or none, the bare key (group 2), the same quote.
KEY = re.compile(r"[ \t]*(\"?)([A-Za-z0-9_-]+)\1[ \t]*=[ \t]*")


def header_parts(match: re.Match[str]) -> tuple[str, ...]:
    """The keys of a header's dotted name, unquoted: ('indicators', 'observations')."""
    return tuple(part.strip().strip("\"'") for part in match.group(3).split("."))
