"""What the page's views share: the cached predictors (polarity and emotion), scores, words and
explanations (cached here and nowhere else), the text to explain, the decision rule, and the result
table."""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from sentiment import Predictor, load_predictor
from sentiment.core.explain import Explanation
from sentiment.core.predict import EMOTION_CHECKPOINT, MulticlassPredictor
from sentiment.data import limits
from sentiment.page.i18n import class_namer

Tr = Callable[..., str]
PLAIN = {"displayModeBar": False}


@st.cache_resource(show_spinner=False)
def get_predictor(path: str | None) -> Predictor:
    return load_predictor(path, torch_threads=limits.TORCH_THREADS)


def emotion_path() -> str:
    """The emotion checkpoint: SENTIMENT_EMOTION_CHECKPOINT (server side only), else assets/emotion."""
    return os.environ.get("SENTIMENT_EMOTION_CHECKPOINT") or str(EMOTION_CHECKPOINT)


@st.cache_resource(show_spinner=False)
def get_emotion_predictor(path: str) -> MulticlassPredictor:
    """Loaded on first use only (the Emotions tab, or an upload's emotion columns); ValueError when
    ``path`` is not a checkpoint over classes."""
    predictor = load_predictor(path, torch_threads=limits.TORCH_THREADS)
    if not isinstance(predictor, MulticlassPredictor):
        raise ValueError(f"{path}: a checkpoint with one output (P(positive)), not one over classes")
    return predictor


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
    """A result table with translated headers, verdicts and emotions, the probabilities as bars."""
    shown = table.assign(verdict=[tr(v) for v in table["verdict"]])
    if "emotion" in shown:
        shown["emotion"] = shown["emotion"].map(class_namer(tr))
    bars = [c for c in ("probability", "emotion_probability") if c in shown]
    st.dataframe(
        shown.rename(columns={c: tr(f"col_{c}") for c in shown.columns}),
        key=key,
        hide_index=True,
        column_config={tr(f"col_{c}"): probability_column() for c in bars},
    )
