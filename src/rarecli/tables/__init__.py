"""The terminal tables, one module per command: a Listing and its frame -> a Rich renderable
(a Grid that fits itself to the terminal).
"""
