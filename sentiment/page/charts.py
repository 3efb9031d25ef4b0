"""Plotly figures for the demo page; each takes plain numbers and a translator, never streamlit.

Every chart whose x axis is a probability marks the decision rule the same way: the abstain
band shaded, the threshold as a dashed line (``mark_rule``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from sentiment.decision.thresholds import Band, Curve, classify
from sentiment.page.markup import plotly_text

Tr = Callable[..., str]
POSITIVE, NEGATIVE, ABSTAIN, RULE = "#2a9d8f", "#d1495b", "#f4a261", "#264653"
_MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}


def styled(fig: go.Figure, title: str, height: int, **layout: object) -> go.Figure:
    """The shared look: title, height, small margins, legend on top."""
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        height=height,
        margin=_MARGIN,
        legend={"orientation": "h", "y": -0.25},
        **layout,
    )
    return fig


def mark_rule(fig: go.Figure, threshold: float, band: Band, **subplot: int) -> None:
    """Shade the abstain band and draw the threshold line on a probability x axis (of the ``row``,
    ``col`` subplot, if given)."""
    lo, hi = band
    if hi > lo:
        fig.add_vrect(x0=lo, x1=hi, fillcolor=ABSTAIN, opacity=0.25, line_width=0, layer="below", **subplot)
    fig.add_vline(x=threshold, line={"color": RULE, "dash": "dash", "width": 2}, **subplot)


def _current(x: list[float], y: list[float], name: str, size: int) -> go.Scatter:
    """The user's current choice (threshold or band) marked on a curve."""
    return go.Scatter(
        x=x,
        y=y,
        name=name,
        mode="markers",
        marker={"size": size, "color": ABSTAIN, "line": {"color": RULE, "width": 2}},
    )


def _diagonal() -> go.Scatter:
    """The y = x line: chance on a ROC curve, perfect calibration on a reliability diagram."""
    return go.Scatter(
        x=[0, 1], y=[0, 1], showlegend=False, line={"color": "lightgrey", "dash": "dot"}, hoverinfo="skip"
    )


def _count_axis(title: str, top: int, **axis: object) -> dict:
    """A count axis with whole-number ticks: plotly's own ticks step by 0.2 or 0.5 below a count
    of 10, which read as 0, 0, 1, 1, 1 once formatted as whole numbers."""
    ticks = {"tickmode": "linear", "tick0": 0, "dtick": 1} if top < 10 else {"tickmode": "auto"}
    return {"title": title, "tickformat": ",d", "rangemode": "tozero", **ticks, **axis}


def probability_scale(score: float, threshold: float, band: Band, tr: Tr) -> go.Figure:
    """One score on the 0-1 scale, with the band and the threshold marked."""
    colour = {1: POSITIVE, 0: NEGATIVE, -1: ABSTAIN}[int(classify([score], threshold, band)[0])]
    fig = go.Figure(
        go.Scatter(
            x=[score],
            y=[0],
            mode="markers+text",
            text=[f"{score:.3f}"],
            textposition="top right" if score < 0.1 else "top left" if score > 0.9 else "top center",
            marker={"size": 18, "color": colour, "line": {"color": RULE, "width": 1}},
            hovertemplate=f"{tr('probability')}: %{{x:.4f}}<extra></extra>",
        )
    )
    mark_rule(fig, threshold, band)
    return styled(
        fig,
        tr("probability"),
        150,
        showlegend=False,
        xaxis={"range": [-0.02, 1.02], "dtick": 0.1, "fixedrange": True},
        yaxis={"visible": False, "range": [-1, 1.5], "fixedrange": True},
    )


def histogram(
    scores: np.ndarray, labels: np.ndarray | None, threshold: float, band: Band, tr: Tr
) -> go.Figure:
    """Probabilities in 50 bins (pre-binned, so the figure stays small), split by label when known
    (``labels`` 0/1, -1 for a row without one)."""
    edges = np.linspace(0, 1, 51)
    labels = np.full(len(scores), -1) if labels is None else labels
    kinds = [("label_negative", 0, NEGATIVE), ("label_positive", 1, POSITIVE)] * bool((labels >= 0).any())
    kinds += [("unlabelled", -1, RULE)] * bool((labels < 0).any() or not len(labels))
    counts = [
        (tr(name), np.histogram(scores[labels == code], edges)[0], colour) for name, code, colour in kinds
    ]
    fig = go.Figure(
        [
            go.Bar(
                x=(edges[:-1] + edges[1:]) / 2, y=n, width=0.02, name=name, marker_color=colour, opacity=0.8
            )
            for name, n, colour in counts
        ]
    )
    mark_rule(fig, threshold, band)
    return styled(
        fig,
        tr("histogram_title"),
        300,
        barmode="stack",
        xaxis={"range": [0, 1], "title": tr("probability")},
        yaxis=_count_axis(tr("count"), int(sum(n for _, n, _ in counts).max(initial=0))),
    )


def rate_traces(rates: Curve, tr: Tr) -> list[go.Scatter]:
    """The TPR and TNR curves against the threshold, in the page's colours."""
    return [
        go.Scatter(x=rates["threshold"], y=rates["tpr"], name=tr("tpr"), line={"color": POSITIVE}),
        go.Scatter(x=rates["threshold"], y=rates["tnr"], name=tr("tnr"), line={"color": NEGATIVE}),
    ]


def rates_chart(rates: Curve, threshold: float, band: Band, tr: Tr) -> go.Figure:
    """TPR and TNR against the threshold (from thresholds.rates_by_threshold)."""
    fig = go.Figure(rate_traces(rates, tr))
    mark_rule(fig, threshold, band)
    return styled(
        fig,
        tr("rates_title"),
        320,
        xaxis={"range": [0, 1], "title": tr("threshold")},
        yaxis={"range": [0, 1.02]},
        hovermode="x unified",
    )


def roc_chart(roc: Curve, point: tuple[float, float], tr: Tr) -> go.Figure:
    """The ROC curve (from thresholds.roc_points) with the current threshold's (FPR, TPR)."""
    fig = go.Figure(
        [
            go.Scatter(x=roc["fpr"], y=roc["tpr"], name="ROC", line={"color": RULE}),
            _diagonal(),
            _current([point[0]], [point[1]], tr("operating_point"), 12),
        ]
    )
    return styled(
        fig,
        tr("roc_title"),
        320,
        xaxis={"range": [0, 1], "title": tr("fpr")},
        yaxis={"range": [0, 1.02], "title": tr("tpr")},
    )


def selective_chart(curve: Curve, band: Band, current: dict, tr: Tr) -> go.Figure:
    """Coverage and selective accuracy against the band's width (thresholds.selective_curve),
    with the current band's own values (thresholds.selective_metrics) marked."""
    width = 2 * curve["width"]
    fig = go.Figure(
        [
            go.Scatter(x=width, y=curve["coverage"], name=tr("coverage"), line={"color": RULE}),
            go.Scatter(
                x=width,
                y=curve["selective_accuracy"],
                name=tr("selective_accuracy"),
                line={"color": POSITIVE},
            ),
            _current(
                [band[1] - band[0]] * 2,
                [current["coverage"], current["selective_accuracy"]],
                tr("current_band"),
                11,
            ),
        ]
    )
    return styled(
        fig,
        tr("selective_title"),
        320,
        xaxis={"range": [0, 1], "title": tr("band_width")},
        yaxis={"range": [0, 1.02]},
    )


def reliability_chart(bins: dict[str, np.ndarray], ece: float, tr: Tr) -> go.Figure:
    """Observed share of positives against mean predicted probability per bin (calibration.reliability),
    each point labelled with its count; the diagonal is perfect calibration, the bars the counts."""
    full = bins["count"] > 0
    fig = go.Figure(
        [
            go.Bar(
                x=(bins["lo"] + bins["hi"]) / 2,
                y=bins["count"],
                width=bins["hi"] - bins["lo"],
                name=tr("count"),
                yaxis="y2",
                marker_color="lightgrey",
                opacity=0.5,
            ),
            _diagonal(),
            go.Scatter(
                x=bins["predicted"][full],
                y=bins["observed"][full],
                mode="lines+markers+text",
                text=[f"{n:,}" for n in bins["count"][full]],
                textposition="top left",
                cliponaxis=False,  # a count over a point near 1 is not cut off at the top
                name=tr("observed"),
                line={"color": POSITIVE},
                hovertemplate=f"{tr('predicted')}: %{{x:.3f}}<br>{tr('observed')}: %{{y:.3f}}<br>"
                f"{tr('count')}: %{{text}}<extra></extra>",
            ),
        ]
    )
    return styled(
        fig,
        tr("reliability_title", ece=f"{ece:.3f}"),
        320,
        xaxis={"range": [0, 1], "title": tr("predicted")},
        yaxis={"range": [0, 1.02], "title": tr("observed")},
        yaxis2=_count_axis(  # its own ticks, not synced to the probability axis
            tr("count"), int(bins["count"].max(initial=0)), overlaying="y", side="right", showgrid=False
        ),
    )


def neighbor_scatter(points: pd.DataFrame, tr: Tr) -> go.Figure:
    """Words at their 2-D PCA coordinates, coloured by their score alone; chosen words drawn larger.

    ``points`` has columns word, x, y, score, chosen (bool), hover (a line shown on hover), as from
    ``neighbors.scatter_points``.
    """
    fig = go.Figure()
    for chosen, size, symbol in ((False, 10, "circle"), (True, 18, "diamond")):
        part = points[points["chosen"] == chosen]
        fig.add_trace(
            go.Scatter(
                x=part["x"],
                y=part["y"],
                mode="markers+text",
                text=[plotly_text(w) for w in part["word"]],
                textposition="top center",
                name=tr("chosen") if chosen else tr("col_neighbor"),
                customdata=list(zip(map(plotly_text, part["hover"]), part["score"])),
                hovertemplate=f"<b>%{{text}}</b><br>%{{customdata[0]}}<br>{tr('col_score')}: "
                "%{customdata[1]:.3f}<extra></extra>",
                marker={
                    "size": size,
                    "symbol": symbol,
                    "color": part["score"],
                    "cmin": 0,
                    "cmax": 1,
                    "colorscale": [[0, NEGATIVE], [0.5, "#e9e9e9"], [1, POSITIVE]],
                    "line": {"color": RULE, "width": 1},
                    "showscale": chosen,
                    "colorbar": {"title": {"text": tr("col_score")}, "thickness": 12},
                },
            )
        )
    return styled(fig, tr("pca_title"), 460, xaxis={"title": "PC1"}, yaxis={"title": "PC2"})
