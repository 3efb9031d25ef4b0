"""What the command says at the end: counts of rows and verdicts, and with labels the metrics the
page shows on a labelled upload (plus the rest of ``binary_metrics`` and ``selective_metrics``)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from sentiment.decision.thresholds import Band, upload_metrics


class Tally:
    """Rows, verdicts, notes and the labelled rows' scores, gathered block by block (the scores and
    labels are kept for the metrics: 16 bytes a labelled row)."""

    def __init__(self) -> None:
        self.verdicts: Counter[str] = Counter()
        self.notes: list[str] = []
        self._scores: list[np.ndarray] = []
        self._labels: list[np.ndarray] = []

    def add(self, probability: pd.Series, verdict: pd.Series, label: pd.Series, notes: pd.Series) -> None:
        self.verdicts.update(verdict.tolist())
        self.notes.extend(note for note in notes if note)
        labelled = (label >= 0).to_numpy()
        self._scores.append(probability.to_numpy(dtype=float)[labelled])
        self._labels.append(label.to_numpy(dtype=np.int64)[labelled])

    @property
    def rows(self) -> int:
        return sum(self.verdicts.values())

    def labelled(self) -> tuple[np.ndarray, np.ndarray]:
        """The scores and 0/1 labels of the scored rows that have a label."""
        if not self._scores:
            return np.empty(0), np.empty(0, dtype=np.int64)
        return np.concatenate(self._scores), np.concatenate(self._labels)

    def summary(self, threshold: float, band: Band) -> dict:
        scores, labels = self.labelled()
        summary = {
            "rows": self.rows,
            "verdicts": dict(self.verdicts),
            "threshold": threshold,
            "band": list(band),
            "labelled": int(labels.size),
        }
        if labels.size:
            summary["metrics"] = upload_metrics(scores, labels, threshold, band)
        return summary


def summary_lines(summary: dict) -> list[str]:
    """The summary as a few lines of English."""
    verdicts = summary["verdicts"]
    counts = ", ".join(
        f"{name} {verdicts.get(name, 0):,}" for name in ("positive", "negative", "abstained", "skipped")
    )
    lines = [f"{summary['rows']:,} rows: {counts}"]
    metrics = summary.get("metrics")
    if metrics:
        shown = ", ".join(
            f"{name} {'-' if value is None else f'{value:.3f}'}" for name, value in metrics["shown"].items()
        )
        (tn, fp), (fn, tp) = metrics["binary"]["confusion"]
        lines += [
            f"on {summary['labelled']:,} labelled rows: {shown}",
            f"confusion at the threshold (label: predicted negative / positive): "
            f"negative {tn:,} / {fp:,}, positive {fn:,} / {tp:,}",
        ]
    return lines
