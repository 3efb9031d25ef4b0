"""What the teaching views share: the text to explain, its cached explanation, the decision rule."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from sentiment import Predictor
from sentiment.explain import Explanation

Tr = Callable[..., str]
PLAIN = {"displayModeBar": False}


@st.cache_data(max_entries=64, show_spinner=False)
def explanation_of(_predictor: Predictor, path: str | None, text: str) -> Explanation:
    """``Predictor.explain``, cached per checkpoint path and text."""
    return _predictor.explain(text)


def rule() -> tuple[float, tuple[float, float]]:
    """The threshold and band the user has set in the Score tab."""
    return st.session_state.threshold, tuple(st.session_state.band)


def chosen_text(texts: list[str], tr: Tr, key: str) -> str | None:
    """The typed text, or the line picked among several; None (with a hint) when there is none."""
    if not texts:
        st.info(tr("teach_empty"))
        return None
    if len(texts) == 1:
        return texts[0]
    index = st.selectbox(tr("teach_line"), range(len(texts)), format_func=lambda i: texts[i][:80], key=key)
    return texts[index]
