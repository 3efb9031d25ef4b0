"""The Word vectors tab's neighbor section: nearest words of the input's words (or typed ones), with
their scores, as a table and a PCA map."""

from __future__ import annotations

import numpy as np
import streamlit as st

from sentiment import Predictor
from sentiment.page import charts
from sentiment.page.markup import escape_markdown
from sentiment.teaching.neighbors import neighbor_table, scatter_points, typed_words
from views.common import PLAIN, Tr, scores_of

WORD_CHOICES = 200  # words of the input offered in the neighbor picker
TYPED = "家园 火星"  # typed words shown at first: the 2015 post's own example (家园 → 家庭, 地球 → 火星)


def unknown_word(word: str, predictor: Predictor, tr: Tr) -> str:
    """Why a word has no neighbors, and what it segments into."""
    message = tr(
        "unknown_word", word=escape_markdown(word), min_count=predictor.meta["train"]["w2v_min_count"]
    )
    parts = predictor.segment(word)
    if parts != [word] and any(part in predictor.vectors for part in parts):
        message += " " + tr("unknown_split", words=" · ".join(map(escape_markdown, parts)))
    return message


def neighbor_section(path: str | None, predictor: Predictor, input_words: list[str], tr: Tr) -> None:
    st.subheader(tr("neighbors"))
    options = list(dict.fromkeys(input_words))[:WORD_CHOICES]
    if st.session_state.get("nb_for") != options:  # new input: start from its two most opinionated words,
        # punctuation left out (a comma can score far from 0.5 on its own)
        known = [w for w in options if w in predictor.vectors and any(c.isalnum() for c in w)]
        strength = np.abs(scores_of(path, tuple(known)) - 0.5) if known else np.empty(0)
        st.session_state.nb_for = options
        st.session_state.nb_words = [known[i] for i in np.argsort(-strength, kind="stable")[:2]]
    pick, typed, k = st.columns([3, 3, 2])
    picked = pick.multiselect(tr("pick_words"), options, key="nb_words")
    st.session_state.setdefault("nb_typed", TYPED)
    typed_text = typed.text_input(tr("type_words"), key="nb_typed")
    k = k.slider(tr("k"), 1, 30, key="nb_k")
    words = list(dict.fromkeys(picked + typed_words(typed_text)))
    if not words:
        st.caption(tr("pick_hint"))
        return
    for word in words:
        if word not in predictor.vectors:
            st.info(unknown_word(word, predictor, tr))
    table = neighbor_table(predictor.vectors, words, k)
    if table.empty:
        return
    vocabulary = list(dict.fromkeys([*table["word"], *table["neighbor"]]))
    scores = dict(zip(vocabulary, scores_of(path, tuple(vocabulary)), strict=True))
    left, right = st.columns([2, 3])
    shown = table.assign(score=table["neighbor"].map(scores))
    left.dataframe(
        shown.rename(
            columns={
                "word": tr("col_word"),
                "neighbor": tr("col_neighbor"),
                "similarity": tr("col_similarity"),
                "score": tr("col_score"),
            }
        ),
        hide_index=True,
        key="nb_table",
    )
    right.plotly_chart(
        charts.neighbor_scatter(scatter_points(predictor.vectors, table, scores, tr), tr),
        key="nb_scatter",
        config=PLAIN,
    )
    st.caption(tr("nb_hidden"))
