"""Each input row's outcome after scoring, in file order: its probability, its verdict (or "skipped")
and a note. The page's download and the batch command's output are both made of these rows, so a
row reads the same in either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from sentiment.data.loaders import Skipped
from sentiment.data.messages import Message
from sentiment.decision.thresholds import Band
from sentiment.decision.verdict import verdict_labels

SKIPPED = "skipped"  # the verdict of a row that could not be scored
OUTCOMES = ("probability", "verdict", "note")


def row_outcomes(
    rows: Sequence[int],
    scores: np.ndarray,
    skipped: Sequence[Skipped],
    unlabelled: Sequence[Skipped],
    threshold: float,
    band: Band,
    describe: Callable[[Message], str] = str,
) -> pd.DataFrame:
    """One line per row, sorted by row: ``row``, ``probability`` (NaN for a skipped row),
    ``verdict`` (positive/negative/abstained, or "skipped") and ``note`` (why a row was skipped, or
    why a scored row's label could not be read, as ``describe`` words it; "" otherwise).

    ``rows`` and ``scores`` are the scored rows; ``skipped`` and ``unlabelled`` as in a Loaded."""
    notes = {u.row: describe(u.reason) for u in unlabelled}
    rows = np.asarray(rows, dtype=np.int64)
    scored = pd.DataFrame(
        {
            "row": rows,
            "probability": np.asarray(scores, dtype=float),
            "verdict": verdict_labels(scores, threshold, band) if len(rows) else np.array([], dtype=object),
            "note": [notes.get(row, "") for row in rows.tolist()],
        }
    )
    unused = pd.DataFrame(
        {
            "row": np.array([s.row for s in skipped], dtype=np.int64),
            "probability": np.full(len(skipped), np.nan),
            "verdict": [SKIPPED] * len(skipped),
            "note": [describe(s.reason) for s in skipped],
        }
    )
    parts = [part for part in (scored, unused) if len(part)] or [scored]
    table = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return table.sort_values("row", kind="stable").reset_index(drop=True)
