"""The "How it reads" tab: the reading curve, each word's contribution, and the gates, per word."""

from __future__ import annotations

import numpy as np
import streamlit as st

from sentiment import Predictor
from sentiment.core.explain import Explanation
from sentiment.page.markup import contribution_html
from sentiment.page.teaching_charts import contribution_bars, gate_heatmap, reading_curve
from views.common import PLAIN, Tr, chosen_text, explanation_of, rule

UNITS_SHOWN = 16  # hidden units in the per-unit heatmap at first: the ones that vary most over the words


def reading_view(predictor: Predictor, path: str | None, texts: list[str], tr: Tr) -> None:
    st.subheader(tr("reading"))
    text = chosen_text(texts, tr, "read_line")
    if text is None:
        return
    e = explanation_of(predictor, path, text)
    if not e.tokens:
        st.info(tr("teach_no_words", p=f"{e.proba:.3f}"))
        return
    threshold, band = rule()
    notes = [tr("curve_help")]
    if len(predictor.segment(text)) > len(e.tokens):
        notes.append(tr("teach_truncated", kept=len(e.tokens)))
    st.caption(" ".join(notes))
    st.plotly_chart(
        reading_curve(e.tokens, e.prefix_proba, threshold, band, tr), key="read_curve", config=PLAIN
    )
    st.markdown(f"**{tr('contrib_heading')}**")
    st.html(contribution_html(e.tokens, e.contributions))
    st.caption(tr("contrib_help"))
    st.plotly_chart(contribution_bars(e.tokens, e.contributions, tr), key="read_contrib", config=PLAIN)
    gates_section(e, tr)


def gates_section(e: Explanation, tr: Tr) -> None:
    """Mean gate activation per word (all gates, both directions), then one gate unit by unit."""
    st.markdown(f"**{tr('gates_heading')}**")
    st.caption(tr(f"gates_help_{'lstm' if 'forget' in e.gate_names else 'gru'}"))
    directions, gates, _, hidden = range(len(e.directions)), range(len(e.gate_names)), *e.gates.shape[2:]
    rows = [f"{tr(e.directions[d])} · {tr('gate_' + e.gate_names[g])}" for d in directions for g in gates]
    mean = e.gates.mean(axis=3).transpose(0, 2, 1).reshape(len(rows), -1)  # (directions * gates, T)
    st.plotly_chart(
        gate_heatmap(e.tokens, mean, rows, tr("gates_mean_title"), full_scale=False),
        key="gates_mean",
        config=PLAIN,
    )
    left, middle, right = st.columns(3)
    d = left.selectbox(tr("direction"), directions, format_func=lambda i: tr(e.directions[i]), key="gate_dir")
    g = middle.selectbox(
        tr("gate"), gates, format_func=lambda i: tr("gate_" + e.gate_names[i]), key="gate_name"
    )
    shown = (
        right.slider(tr("units_shown"), 1, hidden, min(UNITS_SHOWN, hidden), key="gate_units")
        if hidden > 1
        else 1
    )
    values = e.gates[d, :, g, :].T  # (hidden, T)
    order = np.argsort(-values.std(axis=1), kind="stable")[:shown]
    title = tr("gates_unit_title", gate=tr("gate_" + e.gate_names[g]), direction=tr(e.directions[d]))
    st.plotly_chart(
        gate_heatmap(e.tokens, values[order], [tr("unit", i=int(i)) for i in order], title),
        key="gates_units",
        config=PLAIN,
    )
    st.caption(tr("units_help", shown=shown, hidden=hidden))
