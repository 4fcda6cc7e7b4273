"""The CLI's commands, one module per command or family, registered in rarecli.cli.

Each command is Typer wiring only: options in, a call into the core, a listing out to the
renderer. Heavy modules (pandas, the analyses, the renderers) are imported inside the command
functions, so that `rarecli --help`, completion and usage errors stay fast.
"""
