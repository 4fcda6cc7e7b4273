"""Today's date: the clock, or RARECLI_TODAY=YYYY-MM-DD for reproducible runs."""

from __future__ import annotations

import datetime as dt
import os
import re

from rarecli.environment import TODAY_ENV
from rarecli.errors import UsageError

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def today() -> dt.date:
    """$RARECLI_TODAY if set (a UsageError if it is not a date), else the system clock."""
    fixed = os.environ.get(TODAY_ENV, "")
    if not fixed:
        return dt.date.today()
    try:
        if not _ISO_DAY.fullmatch(fixed):  # 3.11's fromisoformat takes 20250101 and 2025-W01
            raise ValueError(fixed)
        return dt.date.fromisoformat(fixed)
    except ValueError:
        raise UsageError(
            f"{TODAY_ENV}={fixed!r} is not a date", "write it as YYYY-MM-DD, or unset it"
        ) from None
