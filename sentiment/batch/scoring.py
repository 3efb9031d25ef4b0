"""A block scored: its cells with each row's outcome (``decision.outcomes``, as in the page's
download) and two columns the driver takes off before writing (each row's label for the metrics,
the block's reading notes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sentiment.batch.blocks import Block
from sentiment.batch.reading import Parsed, read_block
from sentiment.data.loaders import distinct
from sentiment.decision.outcomes import OUTCOMES, SKIPPED, row_outcomes
from sentiment.decision.thresholds import Band

LABEL = "__sentiment_label__"  # each row's label, 0/1, -1 for none or a row not scored
NOTES = "__sentiment_notes__"  # the block's reading notes, on its first row
Predict = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Job:
    """What every block is scored with: the checkpoint, the columns and the decision rule."""

    checkpoint: str | None
    text_col: str | None
    label_col: str | None
    threshold: float
    band: Band


def outcome_names(columns: list[str]) -> list[str]:
    """The outcome columns' names after the input's: probability, verdict, note, made distinct."""
    return distinct([*map(str, columns), *OUTCOMES])[len(columns) :]


def score_block(block: Block, predict: Predict, job: Job) -> pd.DataFrame:
    """The block's rows in order with their outcomes (and ``LABEL``, ``NOTES``)."""
    return scored(read_block(block, job.text_col, job.label_col), predict, job)


def scored(parsed: Parsed, predict: Predict, job: Job) -> pd.DataFrame:
    """``parsed``'s cells, each row followed by its probability, verdict and note."""
    loaded = parsed.loaded
    texts = loaded.frame["text"].tolist()
    scores = predict(texts) if texts else np.empty(0)
    rows = loaded.frame["row"]
    outcomes = row_outcomes(rows, scores, loaded.skipped, loaded.unlabelled, job.threshold, job.band)
    outcomes = outcomes.set_index("row").reindex(parsed.cells.index)
    if parsed.replaced:
        replaced = list(parsed.replaced)
        outcomes.loc[replaced, "probability"] = np.nan
        outcomes.loc[replaced, "verdict"] = SKIPPED
        outcomes.loc[replaced, "note"] = [str(reason) for reason in parsed.replaced.values()]
    for row, reason in parsed.added.items():
        outcomes.loc[row, "note"] = "; ".join(filter(None, [outcomes.loc[row, "note"], str(reason)]))
    labels = pd.Series(loaded.frame["label"].fillna(-1).to_numpy(dtype=np.int64), index=rows.to_numpy())
    labels = labels.reindex(parsed.cells.index, fill_value=-1)
    labels[outcomes["verdict"] == SKIPPED] = -1
    table = parsed.cells.reset_index(drop=True)
    for name, column in zip(outcome_names(list(table.columns)), OUTCOMES):
        table[name] = outcomes[column].to_numpy()
    table[LABEL] = labels.to_numpy(dtype=np.int8)
    table[NOTES] = ""
    if len(table) and parsed.notes:
        first, last = parsed.cells.index[0], parsed.cells.index[-1]
        table.loc[0, NOTES] = "\n".join(f"rows {first:,}-{last:,}: {note}" for note in parsed.notes)
    return table
