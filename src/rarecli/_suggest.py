"""'Did you mean ...?' for ids, keys and choices."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from rarecli.errors import UsageError


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to `word`, or None when nothing is close."""
    pool = list(candidates)
    found = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not found:
        lowered = {c.lower(): c for c in pool}
        found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        found = [lowered[f] for f in found]
    return found[0] if found else None


def check_choice(what: str, param: str, value: str, choices: Iterable[str]) -> str:
    """Return `value` if it is one of `choices`; else raise a UsageError about `param` (the
    argument's name) naming the nearest choice."""
    pool = sorted(set(choices))
    if value in pool:
        return value
    guess = nearest(value, pool)
    listing = ", ".join(pool) if len(pool) <= 12 else ", ".join(pool[:12]) + ", ..."
    hint = f"did you mean {guess!r}?" if guess else f"valid {what}s: {listing or '(none)'}"
    raise UsageError(f"unknown {what} {value!r}", hint, param)
