"""Rendering: a Listing (a frame plus what a person needs to read it) to a format.

Nothing here imports typer; the CLI picks the format and the destination.
"""
