"""A unified diff of a planned edit, built from its splices: no line-matching over the whole
file, so a dry run on 100,000 observations costs what the edit costs."""

from __future__ import annotations

from rarecli.ledger.plan import Splice

CONTEXT = 3


def _lines(text: str) -> list[str]:
    return [line.rstrip("\r") for line in text.split("\n")]


def unified(old: str, splices: list[Splice], name: str) -> str:
    """The diff of `old` and the text the (sorted, line-aligned) splices make, `git diff` style."""
    if not splices:
        return ""
    splices = _whole_lines(old, splices)
    old_lines = _lines(old[:-1] if old.endswith("\n") else old)
    # each splice as (first old line, old line count, new lines), 0-based
    changes: list[tuple[int, int, list[str]]] = []
    line, pos = 0, 0
    for s in splices:
        line += old.count("\n", pos, s.start)
        pos = s.start
        removed = old.count("\n", s.start, s.end)
        if s.end == len(old) and not old.endswith("\n") and s.end > s.start:
            removed += 1
        added = s.text[:-1] if s.text.endswith("\n") else s.text
        new = _lines(added) if s.text else []
        changes.append((line, removed, new))
    out = [f"--- {name}", f"+++ {name}"]
    shift = 0  # new line number minus old line number before the current change
    k = 0
    while k < len(changes):
        group = [changes[k]]
        while (
            k + 1 < len(changes)
            and changes[k + 1][0] - (group[-1][0] + group[-1][1]) <= 2 * CONTEXT
        ):
            k += 1
            group.append(changes[k])
        first = max(0, group[0][0] - CONTEXT)
        last = min(len(old_lines), group[-1][0] + group[-1][1] + CONTEXT)
        body: list[str] = []
        cursor = first
        new_count = 0
        group_shift = 0
        for start, removed, new in group:
            body += [" " + x for x in old_lines[cursor:start]]
            new_count += start - cursor
            body += ["-" + x for x in old_lines[start : start + removed]]
            body += ["+" + x for x in new]
            new_count += len(new)
            group_shift += len(new) - removed
            cursor = start + removed
        body += [" " + x for x in old_lines[cursor:last]]
        new_count += last - cursor
        old_count = last - first
        new_first = first + shift
        out.append(
            f"@@ -{first + 1 if old_count else first},{old_count} "
            f"+{new_first + 1 if new_count else new_first},{new_count} @@"
        )
        out += body
        shift += group_shift
        k += 1
    return "\n".join(out) + "\n"


def _whole_lines(old: str, splices: list[Splice]) -> list[Splice]:
    """The splices widened to whole lines (a replaced value becomes its replaced line); edits
    that share a line become one."""
    regions: list[tuple[int, int, list[Splice]]] = []
    for s in splices:
        start = old.rfind("\n", 0, s.start) + 1
        end = s.end
        if not (s.start == s.end == start) and end < len(old) and old[end - 1 : end] != "\n":
            found = old.find("\n", end)
            end = len(old) if found < 0 else found + 1
        if regions and start < regions[-1][1]:
            first, _, raw = regions.pop()
            regions.append((first, max(end, s.end), [*raw, s]))
        else:
            regions.append((start, end, [s]))
    out = []
    for start, end, raw in regions:
        parts, pos = [], start
        for s in raw:
            parts += [old[pos : s.start], s.text]
            pos = s.end
        parts.append(old[pos:end])
        out.append(Splice(start, end, "".join(parts)))
    return out
