"""The "What if" tab: swap one word for a neighbor (counterfactuals), and the LSTM beside the
bag-of-words baseline on texts where word order decides."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from sentiment import Predictor
from sentiment.decision.verdict import describe, verdict_text
from sentiment.page import results
from sentiment.page.markup import escape_markdown
from sentiment.teaching.counterfactual import substitutions
from views.common import Tr, chosen_text, explanation_of, probability_column, rule

ORDER_EXAMPLES = (  # pairs where the words are (nearly) the same and their order decides
    "不是很好",
    "很不好",
    "虽然价格有点贵，但是质量很好",
    "虽然质量很好，但是价格有点贵",
    "一开始觉得不好用，后来发现很好用",
    "一开始觉得很好用，后来发现不好用",
    "东西不错，就是物流太慢",
    "物流太慢，东西倒是不错",
    "没有不满意的地方",
    "没有满意的地方",
    "不好不坏",
)
OWN_LINES = 50  # own texts compared at once


@st.cache_data(max_entries=64, show_spinner=False)
def substitutions_of(_predictor: Predictor, path, text: str, k: int, threshold: float, band) -> pd.DataFrame:
    e = explanation_of(_predictor, path, text)
    return substitutions(e, _predictor.network_vectors, _predictor.logits, k, threshold, band)


@st.cache_data(max_entries=64, show_spinner=False)
def both_scores(_predictor: Predictor, path, texts: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    return _predictor.predict_proba(list(texts)), _predictor.baseline_proba(list(texts))


def counterfactual_view(predictor: Predictor, path: str | None, texts: list[str], tr: Tr) -> None:
    st.subheader(tr("cf_title"))
    st.caption(tr("cf_help"))
    text = chosen_text(texts, tr, "cf_line")
    if text is None:
        return
    threshold, band = rule()
    k = st.slider(tr("cf_k"), 1, 20, 5, key="cf_k")
    e = explanation_of(predictor, path, text)
    table = substitutions_of(predictor, path, text, k, threshold, band)
    st.markdown(
        tr("cf_now", verdict=verdict_text(describe(e.proba, threshold, band), tr), p=f"{e.proba:.3f}")
    )
    if table.empty:
        st.info(tr("cf_none"))
        return
    positions = list(dict.fromkeys(table["position"]))
    at = st.selectbox(
        tr("cf_word"), positions, format_func=lambda i: f"{i + 1}: {e.tokens[i]}", key="cf_word"
    )
    st.caption(tr("cf_swaps", word=escape_markdown(e.tokens[at])))
    show(table[table["position"] == at], tr, "cf_table")
    flips = table[table["flips"]].sort_values("change", key=np.abs, ascending=False)
    st.markdown(f"**{tr('cf_flips', n=len(flips), total=len(table))}**")
    if len(flips):
        show(flips, tr, "cf_flips")


def show(table: pd.DataFrame, tr: Tr, key: str) -> None:
    """Substitutions with translated headers and verdicts."""
    shown = table.drop(columns=["position", "flips"]).assign(verdict=[tr(v) for v in table["verdict"]])
    st.dataframe(
        shown.rename(columns={c: tr(f"cf_col_{c}") for c in shown.columns}),
        hide_index=True,
        key=key,
        column_config={tr("cf_col_proba"): probability_column()},
    )


def word_order_view(predictor: Predictor, path: str | None, tr: Tr) -> None:
    st.subheader(tr("order_title"))
    st.caption(tr("order_help"))
    try:
        baseline = predictor.baseline
    except ValueError as err:  # a damaged baseline file: the rest of the page still works
        st.error(escape_markdown(str(err)))
        return
    if baseline is None:
        st.info(tr("order_no_baseline"))
        return
    own = results.split_lines(st.text_area(tr("order_own"), key="order_texts", height=80))
    if len(own) > OWN_LINES:
        st.warning(tr("order_too_many", n=len(own), limit=OWN_LINES))
    texts = (*own[:OWN_LINES], *ORDER_EXAMPLES)
    lstm, bow = both_scores(predictor, path, texts)
    table = pd.DataFrame(
        {
            tr("col_text"): texts,
            tr("order_words"): [" · ".join(predictor.segment(t)) for t in texts],
            tr("order_lstm"): lstm,
            tr("order_bow"): bow,
        }
    )
    columns = {tr(name): probability_column() for name in ("order_lstm", "order_bow")}
    st.dataframe(table, hide_index=True, key="order_table", column_config=columns)
