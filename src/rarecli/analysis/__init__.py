"""The analyses of the library API: growth between two years, progress towards targets.

A package of their own rather than `rarecli/growth.py`: importing a submodule sets it as an
attribute of its parent, and `rarecli.growth` must stay the function whatever was imported.
"""
