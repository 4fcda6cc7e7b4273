"""One module per listing command: its query's frame -> a Listing (the frame, its column kinds,
title, sources caption, footnotes, cited sources), so that every format carries the same facts.
The terminal table is drawn by rarecli.tables only when asked for (Rich stays out of CSV and
JSON runs).
"""
