"""What the Behaviour tab shows of a behavioural-test summary (``sentiment.behaviour.report.summary``):
its table of rates, and the pass rate per capability as a plotly bar chart, one bar per model."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
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


def rate_table(
    report: dict, titles: dict[str, str], models: dict[str, str], tr: Callable[..., str]
) -> pd.DataFrame:
    """The page's table of a ``summary``: a row per capability, then all cases; kinds, cases, and each
    model's pass and abstention rates, under column names from ``tr``."""
    first = report["models"]["lstm"]
    rows = [
        {
            tr("beh_col_capability"): titles[n],
            tr("beh_col_kinds"): "/".join(c["kinds"]),
            tr("beh_col_cases"): c["n"],
        }
        for n, c in first["capabilities"].items()
    ] + [
        {
            tr("beh_col_capability"): tr("beh_all"),
            tr("beh_col_kinds"): "",
            tr("beh_col_cases"): report["cases"],
        }
    ]
    for m, label in models.items():
        mine = report["models"][m]
        per = list(mine["capabilities"].values()) + [mine]
        for row, values in zip(rows, per):
            row[tr("beh_col_pass", model=label)] = values["pass_rate"]
            row[tr("beh_col_abstain", model=label)] = values["abstained"]
    return pd.DataFrame(rows)
