"""Writing the ledger: located text edits of the dataset file, validated through the same
loader that every reader uses, under a lock, replaced atomically.

Modules: `values` (TOML text of a value), `scan` (where each table sits in the text), `plan`
(changes -> splices, placement), `diff` (the unified diff of a plan), `files` (lock, read,
atomic replace), `session` (one edit, start to end), `tabular` and `rows` (import files),
`skeleton` (`rarecli new`).
"""
