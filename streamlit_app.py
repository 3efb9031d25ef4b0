"""The demo page: score Chinese reviews, explore the threshold and abstain band, browse word neighbors,
and see how the model reads a text.

    streamlit run streamlit_app.py                                     # the checkpoint in assets/default
    SENTIMENT_CHECKPOINT=runs/my-model streamlit run streamlit_app.py  # another one (server side only)
    SENTIMENT_EMOTION_CHECKPOINT=runs/emotion ...                      # the Emotions tab's (assets/emotion)

Layout only: this file lays out the page's sections, which live in ``views/``; verdicts, tables,
figures, PCA, link state and interface text come from the sentiment package. Every widget has a key,
so tests can drive it. The tabs rerun the page when another is picked and the Emotions tab draws
only while open, so its model is loaded only once someone opens it.
"""

from __future__ import annotations

import os

import numpy as np
import streamlit as st

from sentiment import Predictor
from sentiment.page.i18n import LANGUAGES, translator
from sentiment.page.markup import escape_markdown
from sentiment.page.pagestate import initial_state
from views.behaviour import behaviour_view
from views.common import get_predictor, scores_of
from views.decision import decision_panel
from views.emotion import emotion_view
from views.playground import playground
from views.reading import reading_view
from views.score import text_section
from views.sidebar import sidebar
from views.upload_results import uploaded
from views.vectors import neighbor_section
from views.whatif import counterfactual_view, word_order_view

st.set_page_config(page_title="中文情感分析 · Chinese sentiment", page_icon="💬", layout="wide")


def checkpoint_path() -> str | None:
    """Chosen on the server only (SENTIMENT_CHECKPOINT), never by the page: None is assets/default."""
    return os.environ.get("SENTIMENT_CHECKPOINT") or None


def init_state(predictor: Predictor) -> None:
    """On a session's first run: the checkpoint's threshold and band, then whatever the link says."""
    if "threshold" not in st.session_state:
        defaults = {
            "text": "",
            "per_line": False,
            "threshold": predictor.threshold,
            "band": predictor.band,
            "lang": "zh",
            "nb_k": 10,
        }
        st.session_state.update(initial_state(st.query_params.to_dict(), defaults))


def main() -> None:
    path = checkpoint_path()
    lang = st.session_state.get("lang") or st.query_params.get("lang", "zh")
    try:
        predictor = get_predictor(path)
    except ValueError as err:
        st.error(
            translator(lang if lang in LANGUAGES else "zh")("no_checkpoint", error=escape_markdown(str(err)))
        )
        st.stop()
    init_state(predictor)
    tr = translator(st.session_state.lang)
    with st.sidebar:
        file = sidebar(predictor, tr)
    st.title(tr("title"))
    st.caption(tr("intro"))
    texts, words = text_section(path, predictor, tr)
    scores = scores_of(path, tuple(texts)) if texts else np.empty(0)
    scored = uploaded(file, predictor, tr)
    names = ("score", "reading", "vectors", "whatif", "behaviour", "emotion")
    tabs = st.tabs([tr(f"tab_{name}") for name in names], key="tab", on_change="rerun")
    with tabs[0]:
        decision_panel(predictor, texts, scores, scored, tr)
    with tabs[1]:
        reading_view(predictor, path, texts, tr)
    with tabs[2]:
        neighbor_section(path, predictor, words, tr)
        playground(predictor, tr)
    with tabs[3]:
        counterfactual_view(predictor, path, texts, tr)
        word_order_view(predictor, path, tr)
    with tabs[4]:
        behaviour_view(predictor, path, tr)
    with tabs[5]:
        if tabs[5].open:
            emotion_view(texts, tr)


main()
