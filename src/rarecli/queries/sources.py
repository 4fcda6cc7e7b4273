"""`rarecli sources`: each source, with how many figures, targets and enterprises cite it."""

from __future__ import annotations

import pandas as pd

from rarecli import frames
from rarecli.columns import Columns
from rarecli.model import Dataset
from rarecli.queries.indicators import count_ids
from rarecli.vocabulary import split_ids

SOURCE_COLUMNS: Columns = {
    "source_id": "text",
    "title": "text",
    "publisher": "text",
    "published": "text",
    "type": "text",
    "url": "text",
    "observations": "int",
    "targets": "int",
    "enterprises": "int",
}


def source_table(ds: Dataset) -> pd.DataFrame:
    """Each source with how many observations, targets and enterprises cite it.

    An observation counts for its source and for each source that corroborates it.
    """
    table = frames.sources(ds).set_index("source_id", drop=False)
    obs = frames.observations(ds, evidence=False)
    cited = pd.concat(
        [obs["source_id"], pd.Series(split_ids(obs["corroborated_by"]), dtype=object)],
        ignore_index=True,
    )
    table["observations"] = count_ids(cited, table.index)
    table["targets"] = count_ids(frames.targets(ds)["source_id"], table.index)
    table["enterprises"] = count_ids(
        pd.Series(split_ids(frames.enterprises(ds)["sources"]), dtype=object), table.index
    )
    return table[list(SOURCE_COLUMNS)].reset_index(drop=True)
