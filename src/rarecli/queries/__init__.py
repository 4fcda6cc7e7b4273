"""The library's answers, one module per listing command: a dataset in, the contract's frame out
(growth, targets, indicators, show, observations, sources, enterprises; selection checks the
ids and categories they are given).

The API is re-exported by `rarecli` itself (`rarecli.growth`, `rarecli.target_progress`, ...),
not here: importing a submodule sets it as an attribute of its package, so a function
`queries.growth` would become the module `queries.growth` once anything imported that.
"""
