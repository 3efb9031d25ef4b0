"""Plotly figures of the Emotions tab: the probability of each class, and the reading curve of the top
classes word by word (each word's part in the top class is ``teaching_charts.contribution_bars``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from sentiment.page.charts import Tr, styled
from sentiment.page.markup import plotly_text
from sentiment.page.teaching_charts import word_axis

PALETTE = ("#6a4c93", "#8c564b", "#2a9d8f", "#e9c46a", "#f4a261", "#457b9d", "#d1495b")  # one per class


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def class_bars(names: Sequence[str], proba: np.ndarray, tr: Tr):
    """One bar per class, in the checkpoint's order, its probability written on it."""
    fig = go.Figure(
        go.Bar(
            x=[plotly_text(n) for n in names],
            y=proba,
            marker_color=[colour(i) for i in range(len(names))],
            text=[f"{p:.3f}" for p in proba],
            textposition="outside",
            hovertemplate="%{x}: %{y:.3f}<extra></extra>",
        )
    )
    return styled(
        fig,
        tr("emo_bars_title"),
        320,
        showlegend=False,
        yaxis={"range": [0, 1.08], "title": tr("emo_probability")},
    )


def class_curves(tokens: Sequence[str], prefix_proba: np.ndarray, names: Sequence[str], shown, tr: Tr):
    """The probability of each class in ``shown`` (indices into ``names``) after each prefix, over the
    words: one line per class, in its bar's colour."""
    fig = go.Figure()
    for c in shown:
        fig.add_trace(
            go.Scatter(
                x=list(range(len(tokens))),
                y=prefix_proba[:, c],
                name=plotly_text(names[c]),
                mode="lines+markers",
                line={"color": colour(int(c))},
                customdata=[plotly_text(t) for t in tokens],
                hovertemplate=f"%{{customdata}}<br>{plotly_text(names[c])}: %{{y:.3f}}<extra></extra>",
            )
        )
    return styled(
        fig,
        tr("emo_curve_title"),
        360,
        xaxis=word_axis(tokens) | {"title": tr("curve_x")},
        yaxis={"range": [-0.02, 1.02], "title": tr("emo_probability")},
    )
