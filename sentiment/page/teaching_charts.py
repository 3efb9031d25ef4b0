"""Plotly figures of the teaching views: the reading curve, the gates, contributions, the sentiment axis.

Same look as ``charts.py``; words shown in a figure go through ``markup.plotly_text`` (plotly renders tags).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from sentiment.decision.thresholds import Band
from sentiment.page.charts import ABSTAIN, NEGATIVE, POSITIVE, RULE, Tr, styled
from sentiment.page.markup import plotly_text

DIVERGING = [[0, NEGATIVE], [0.5, "#f2f2f2"], [1, POSITIVE]]
GATE_SCALE = [[0, "#ffffff"], [1, RULE]]


def word_axis(tokens: Sequence[str]) -> dict:
    """An x axis with one tick per token, in order (repeated words stay apart)."""
    return {
        "tickmode": "array",
        "tickvals": list(range(len(tokens))),
        "ticktext": [plotly_text(t) for t in tokens],
        "tickangle": 0 if len(tokens) <= 20 else -60,
    }


def reading_curve(tokens: Sequence[str], prefix_proba: np.ndarray, threshold: float, band: Band, tr: Tr):
    """P(positive) after each prefix, over the words, with the band shaded and the threshold dashed."""
    fig = go.Figure(
        go.Scatter(
            x=list(range(len(tokens))),
            y=prefix_proba,
            mode="lines+markers",
            line={"color": RULE},
            marker={"size": 8, "color": prefix_proba, "cmin": 0, "cmax": 1, "colorscale": DIVERGING},
            customdata=[plotly_text(t) for t in tokens],
            hovertemplate=f"%{{customdata}}<br>{tr('probability')}: %{{y:.3f}}<extra></extra>",
        )
    )
    lo, hi = band
    if hi > lo:
        fig.add_hrect(y0=lo, y1=hi, fillcolor=ABSTAIN, opacity=0.25, line_width=0, layer="below")
    fig.add_hline(y=threshold, line={"color": RULE, "dash": "dash", "width": 2})
    return styled(
        fig,
        tr("curve_title"),
        340,
        showlegend=False,
        xaxis=word_axis(tokens) | {"title": tr("curve_x")},
        yaxis={"range": [-0.02, 1.02], "title": tr("probability")},
    )


def gate_heatmap(
    tokens: Sequence[str], values: np.ndarray, rows: Sequence[str], title: str, full_scale: bool = True
):
    """Gate activations, one row per ``rows`` entry and one column per token; the colours span [0, 1],
    or with ``full_scale=False`` the values' own range (averages over units sit near 0.5)."""
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=list(range(len(tokens))),
            y=list(range(len(rows))),
            zmin=0 if full_scale else None,
            zmax=1 if full_scale else None,
            colorscale=GATE_SCALE,
            customdata=np.array([[plotly_text(t) for t in tokens]] * len(rows)),
            text=np.array([[plotly_text(r)] * len(tokens) for r in rows]),
            hovertemplate="%{text} · %{customdata}: %{z:.3f}<extra></extra>",
            colorbar={"thickness": 12},
        )
    )
    axis = {
        "tickmode": "array",
        "tickvals": list(range(len(rows))),
        "ticktext": [plotly_text(r) for r in rows],
    }
    return styled(
        fig,
        title,
        max(240, 110 + 20 * len(rows)),
        xaxis=word_axis(tokens),
        yaxis=axis | {"autorange": "reversed"},
    )


def contribution_bars(tokens: Sequence[str], contributions: np.ndarray, tr: Tr, title: str | None = None):
    """Each token's contribution (P(text) - P(text without it)), green pushing positive (or towards the
    class of a ``title`` such as "Each word's part in P(fear)"), red the other way."""
    fig = go.Figure(
        go.Bar(
            x=list(range(len(tokens))),
            y=contributions,
            marker_color=[POSITIVE if c >= 0 else NEGATIVE for c in contributions],
            customdata=[plotly_text(t) for t in tokens],
            hovertemplate="%{customdata}: %{y:+.3f}<extra></extra>",
        )
    )
    return styled(
        fig,
        title or tr("contrib_title"),
        300,
        showlegend=False,
        xaxis=word_axis(tokens),
        yaxis={"title": "ΔP"},
    )


def axis_chart(words: Sequence[str], positions: Sequence[float], poles: tuple[str, str], tr: Tr):
    """Words placed on the axis from the negative pole (0) to the positive pole (1)."""
    negative, positive = poles
    levels = [0.5 * (i % 3 - 1) for i in range(len(words))]  # words on three rows, so close ones stay legible
    fig = go.Figure(
        go.Scatter(
            x=[0, 1, *positions],
            y=[0, 0, *levels],
            mode="markers+text",
            text=[plotly_text(w) for w in (negative, positive, *words)],
            textposition=["bottom center"] * 2 + ["top center"] * len(words),
            marker={
                "size": [16, 16] + [11] * len(words),
                "symbol": ["diamond", "diamond"] + ["circle"] * len(words),
                "color": [0, 1, *positions],
                "cmin": 0,
                "cmax": 1,
                "colorscale": DIVERGING,
                "line": {"color": RULE, "width": 1},
            },
            hovertemplate="%{text}: %{x:.3f}<extra></extra>",
        )
    )
    low, high = min([0.0, *positions]) - 0.1, max([1.0, *positions]) + 0.1
    return styled(
        fig,
        tr("axis_title"),
        260,
        showlegend=False,
        xaxis={"range": [low, high], "zeroline": False},
        yaxis={"visible": False, "range": [-1, 1.2], "fixedrange": True},
    )
