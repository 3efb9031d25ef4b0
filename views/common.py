"""What the page's views share: the cached predictor, scores, words and explanations (cached here and
nowhere else), the text to explain, the decision rule, and the result table."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from sentiment import Predictor, load_predictor
from sentiment.core.explain import Explanation
from sentiment.data import limits

Tr = Callable[..., str]
PLAIN = {"displayModeBar": False}


@st.cache_resource(show_spinner=False)
def get_predictor(path: str | None) -> Predictor:
    return load_predictor(path, torch_threads=limits.TORCH_THREADS)


@st.cache_data(max_entries=256, show_spinner=False)
def scores_of(path: str | None, texts: tuple[str, ...]) -> np.ndarray:
    """P(positive) per text; cached so a language switch or a widget elsewhere never rescores."""
    return get_predictor(path).predict_proba(list(texts))


@st.cache_data(max_entries=64, show_spinner=False)
def words_of(path: str | None, text: str) -> list[str]:
    return get_predictor(path).segment(text)


@st.cache_data(max_entries=64, show_spinner=False)
def explanation_of(_predictor: Predictor, path: str | None, text: str) -> Explanation:
    """``Predictor.explain``, cached per checkpoint path and text."""
    return _predictor.explain(text)


def rule() -> tuple[float, tuple[float, float]]:
    """The threshold and band the user has set in the Score tab."""
    return st.session_state.threshold, tuple(st.session_state.band)


def nothing_typed() -> bool:
    """Whether the text box is blank (no texts to score can also mean a text was refused)."""
    return not st.session_state.text.strip()


def chosen_text(texts: list[str], tr: Tr, key: str) -> str | None:
    """The typed text, or the line picked among several; None (with a hint) when there is none."""
    if not texts:
        st.info(tr("teach_empty") if nothing_typed() else tr("teach_refused", tab=tr("tab_score")))
        return None
    if len(texts) == 1:
        return texts[0]
    index = st.selectbox(tr("teach_line"), range(len(texts)), format_func=lambda i: texts[i][:80], key=key)
    return texts[index]


def probability_column() -> st.column_config.ProgressColumn:
    """A probability shown as a bar from 0 to 1 with three decimals."""
    return st.column_config.ProgressColumn(min_value=0, max_value=1, format="%.3f")


def show_table(table: pd.DataFrame, tr: Tr, key: str) -> None:
    """A result table with translated headers and verdicts, the probability as a bar."""
    shown = table.assign(verdict=[tr(v) for v in table["verdict"]])
    st.dataframe(
        shown.rename(columns={c: tr(f"col_{c}") for c in shown.columns}),
        key=key,
        hide_index=True,
        column_config={tr("col_probability"): probability_column()},
    )
