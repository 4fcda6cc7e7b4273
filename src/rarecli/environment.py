"""The environment variables rarecli reads, each named once."""

from __future__ import annotations

DATA_ENV = "RARECLI_DATA"  # the dataset file when --data is not given
DEBUG_ENV = "RARECLI_DEBUG"  # show the traceback of an internal error
TODAY_ENV = "RARECLI_TODAY"  # today's date as YYYY-MM-DD, for reproducible runs
MIN_COLUMNS = 20  # the narrowest terminal width a table's stacked rows keep every number whole in
