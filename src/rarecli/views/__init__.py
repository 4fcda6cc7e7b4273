"""One module per command: the analysis frame -> a Report with title, table, caption, notes."""
