"""The pass rate per capability as a plotly bar chart, one bar per model side by side."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

COLOURS = ("#264653", "#e9c46a")  # the LSTM, then the bag of words


def pass_rate_chart(
    capabilities: Sequence[str], rates: dict[str, Sequence[float]], title: str, axis: str
) -> go.Figure:
    """Horizontal bars: a row per capability (the first on top), a bar per model; ``rates``: model
    name -> pass rate per capability, in [0, 1]."""
    fig = go.Figure()
    for (name, values), colour in zip(rates.items(), COLOURS):
        fig.add_bar(
            y=list(capabilities),
            x=list(values),
            name=name,
            orientation="h",
            marker_color=colour,
            hovertemplate="%{y}: %{x:.1%}<extra>" + name + "</extra>",
        )
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        barmode="group",
        height=140 + 34 * len(capabilities),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom"},
        xaxis={"title": axis, "range": [0, 1], "tickformat": ".0%"},
        yaxis={"autorange": "reversed"},
    )
    return fig
