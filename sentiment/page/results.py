"""What the page shows of scored texts, uploaded or typed: scoring in chunks for a progress bar, the
result table, the table of rows not used, and the download.

Every input row ends up in the download: scored rows with probability and verdict, unusable ones
with the reason; cells that a spreadsheet would run as formulas are defused.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sentiment.data import loaders
from sentiment.data.decoding import LINES_NAMED, numbers_named
from sentiment.data.formulas import defused
from sentiment.data.labels import ACCEPTED_LABELS
from sentiment.data.limits import CHUNK, TEXT_CHARS
from sentiment.data.messages import Message
from sentiment.decision.classes import top_class
from sentiment.decision.outcomes import OUTCOMES, row_outcomes
from sentiment.decision.thresholds import Band
from sentiment.decision.verdict import verdict_labels

Describe = Callable[[Message], str]  # a Message in the reader's language; str gives English


@dataclass
class Scored:
    """An upload after scoring: ``frame`` as from sentiment.data.loaders, one score per frame row; the lists
    and notes of the ``loaders.Loaded`` it came from."""

    name: str
    frame: pd.DataFrame
    scores: np.ndarray
    skipped: list[loaders.Skipped]
    unlabelled: list[loaders.Skipped] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)

    @property
    def label_codes(self) -> np.ndarray:
        """Each scored row's label, -1 where it has none."""
        return self.frame["label"].fillna(-1).to_numpy(dtype=np.int64)

    @property
    def labels(self) -> np.ndarray | None:
        """0/1 labels of the rows that have one (scored as ``labelled_scores``); None if no row has."""
        codes = self.label_codes
        return codes[codes >= 0] if (codes >= 0).any() else None

    @property
    def labelled_scores(self) -> np.ndarray:
        """The scores of the rows that have a label, in the order of ``labels``."""
        return self.scores[self.label_codes >= 0]


@dataclass(frozen=True)
class Emotions:
    """Each scored row's most likely emotion (its class name) and that emotion's probability, from the
    emotion checkpoint: the two columns an upload gets when the user asks for them."""

    names: np.ndarray
    proba: np.ndarray

    @classmethod
    def of(cls, classes: Sequence[str], proba: np.ndarray) -> Emotions:
        """From (n, classes) probabilities."""
        proba = np.asarray(proba).reshape(-1, len(classes))
        top = top_class(proba)
        return cls(np.asarray(classes, dtype=object)[top], proba[np.arange(len(top)), top])


def unlabelled_summary(
    unlabelled: Sequence[loaders.Skipped], describe: Describe = str, shown: int = LINES_NAMED
) -> dict[str, str]:
    """How many rows lost their label, the ``shown`` commonest spellings found (with counts; an empty
    label as ``describe`` words it) and the first row numbers, as fields for the page's message."""
    spellings = Counter(
        repr(u.reason.get("label")) if u.reason.code == "unknown_label" else describe(u.reason)
        for u in unlabelled
    )
    return {
        "n": f"{len(unlabelled):,}",
        "spellings": ", ".join(f"{s} × {n}" for s, n in spellings.most_common(shown)),
        "rows": numbers_named([u.row for u in unlabelled]),
        "accepted": ACCEPTED_LABELS,
    }


def long_lines(texts: Sequence[str]) -> list[int]:
    """1-based positions of the texts over ``TEXT_CHARS`` characters."""
    return [i for i, text in enumerate(texts, 1) if len(text) > TEXT_CHARS]


def score_in_chunks(
    predict: Callable[[list[str]], np.ndarray], texts: Sequence[str], chunk: int = CHUNK
) -> Iterator[tuple[int, np.ndarray]]:
    """Score ``texts`` a chunk at a time, yielding (texts done, scores of this chunk) for a progress bar."""
    for start in range(0, len(texts), chunk):
        part = list(texts[start : start + chunk])
        yield start + len(part), predict(part)


def split_lines(text: str) -> list[str]:
    """The non-blank lines of a text area, stripped: one review each."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def lines_frame(lines: Sequence[str], rows: Sequence[int] | None = None) -> pd.DataFrame:
    """Typed lines in the shape of an upload's frame: text, label (all <NA>), row (each line's
    1-based number among the typed lines: ``rows``, or 1, 2, ...)."""
    return pd.DataFrame(
        {
            "text": list(lines),
            "label": pd.array([pd.NA] * len(lines), dtype="Int64"),
            "row": range(1, len(lines) + 1) if rows is None else list(rows),
        }
    )


def result_table(
    frame: pd.DataFrame,
    scores: np.ndarray,
    threshold: float,
    band: Band,
    unlabelled: Sequence[loaders.Skipped] = (),
    describe: Describe = str,
    emotions: Emotions | None = None,
) -> pd.DataFrame:
    """One row per scored text: row, text, label (when labelled), probability, verdict, with
    ``emotions`` the top emotion and its probability, and with ``unlabelled`` a note saying which
    label could not be read (its spelling is not lost)."""
    table = pd.DataFrame({"row": frame["row"].to_numpy(), "text": frame["text"].to_numpy()})
    if frame["label"].notna().any():
        table["label"] = frame["label"].to_numpy()
    table["probability"] = scores
    table["verdict"] = verdict_labels(scores, threshold, band) if len(scores) else []
    if emotions is not None:
        table["emotion"], table["emotion_probability"] = emotions.names, emotions.proba
    if unlabelled:
        notes = {u.row: describe(u.reason) for u in unlabelled}
        table["note"] = [notes.get(row, "") for row in table["row"]]
    return table


def skipped_table(skipped: Sequence[loaders.Skipped], describe: Describe = str) -> pd.DataFrame:
    """The rows that could not be used, with why (as ``describe`` words it) and what they held."""
    return pd.DataFrame(
        {
            "row": [s.row for s in skipped],
            "reason": [describe(s.reason) for s in skipped],
            "text": [s.text for s in skipped],
        },
        dtype=object,
    )


def download_csv(
    frame: pd.DataFrame,
    scores: np.ndarray,
    skipped: Sequence[loaders.Skipped],
    threshold: float,
    band: Band,
    unlabelled: Sequence[loaders.Skipped] = (),
    describe: Describe = str,
    emotions: Emotions | None = None,
) -> bytes:
    """The scored file as UTF-8 CSV with a BOM (for Excel): one line per input row, in file order.

    Texts and labels are the file's own cells, as written (``label`` when the file has a label
    column); the probability, verdict and note of each row are ``row_outcomes``'s: unusable rows
    keep their row number, with an empty probability and the reason in ``note``; scored rows whose
    label could not be read say so in ``note``. Cells that a spreadsheet would run as a formula
    are defused (``defused``). With ``emotions``, scored rows also carry the top emotion and its
    probability (empty for unusable rows).
    """
    outcomes = row_outcomes(frame["row"], scores, skipped, unlabelled, threshold, band, describe)
    rows = frame["row"].tolist()
    texts = dict(zip(rows, frame["text"])) | {s.row: s.text for s in skipped}
    table = pd.DataFrame({"row": outcomes["row"], "text": outcomes["row"].map(texts)})
    if loaders.LABEL_CELL in frame:
        labels = dict(zip(rows, frame[loaders.LABEL_CELL])) | {s.row: s.label for s in skipped}
        table["label"] = outcomes["row"].map(labels)
    elif frame["label"].notna().any():
        table["label"] = outcomes["row"].map(dict(zip(rows, frame["label"])))
    table[list(OUTCOMES)] = outcomes[list(OUTCOMES)]
    if emotions is not None:
        at = table.columns.get_loc("note")
        table.insert(at, "emotion", outcomes["row"].map(dict(zip(rows, emotions.names))))
        table.insert(at + 1, "emotion_probability", outcomes["row"].map(dict(zip(rows, emotions.proba))))
    for column in ("text", "label", "note"):
        if column in table:
            table[column] = table[column].map(defused)
    return table.to_csv(index=False).encode("utf-8-sig")
