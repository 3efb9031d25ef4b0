"""The reproduction's report: its three columns as a Markdown table and the TPR/TNR chart with each
column's steep band (``python -m sentiment.reproduce`` writes both)."""

from __future__ import annotations

from sentiment.decision.thresholds import rates_by_threshold
from sentiment.page.charts import mark_rule, rate_traces
from sentiment.su2015.protocol import COLUMNS, THRESHOLD


def table(columns: dict) -> str:
    """The three columns side by side, as Markdown."""
    rows = [
        ("training texts", "n_train", "{:,}"),
        ("test texts", "n_test", "{:,}"),
        ("test texts also in training", "test_texts_in_training", "{:,}"),
        ("accuracy at 0.5", "accuracy", "{:.2%}"),
        ("AUC", "auc", "{:.4f}"),
    ]
    lines = ["| | " + " | ".join(COLUMNS[c] for c in columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for label, key, spec in rows:
        lines.append(f"| {label} | " + " | ".join(spec.format(col[key]) for col in columns.values()) + " |")
    bands = [col["band"] for col in columns.values()]
    lines.append("| steep band | " + " | ".join(f"[{b['lo']:.3f}, {b['hi']:.3f}]" for b in bands) + " |")
    lines.append("| coverage outside it | " + " | ".join(f"{b['coverage']:.1%}" for b in bands) + " |")
    lines.append("| accuracy outside it | " + " | ".join(_pct(b["selective_accuracy"]) for b in bands) + " |")
    lines.append("| accuracy inside it | " + " | ".join(_pct(b["accuracy_inside"]) for b in bands) + " |")
    return "\n".join(lines)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.2%}"


def band_chart(columns: dict, names: tuple[str, ...] = ("post", "dedup")):
    """TPR/TNR against the threshold for some columns side by side, their steep bands shaded: the
    page's rates chart, once per column."""
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=len(names), subplot_titles=[COLUMNS[n] for n in names])
    for col, name in enumerate(names, 1):
        band = columns[name]["band"]
        for trace in rate_traces(rates_by_threshold(*columns[name]["_curve"]), _english):
            fig.add_trace(trace.update(showlegend=col == 1), row=1, col=col)
        mark_rule(fig, THRESHOLD, (band["lo"], band["hi"]), row=1, col=col)
    fig.update_xaxes(title="threshold", range=[0, 1])
    fig.update_yaxes(range=[0, 1.02])
    fig.update_layout(
        width=1100,
        height=420,
        margin={"l": 50, "r": 20, "t": 60, "b": 50},
        title="TPR and TNR against the threshold; shaded: the steep band (chosen on held-out scores)",
    )
    return fig


def _english(key: str) -> str:
    return key.upper()
