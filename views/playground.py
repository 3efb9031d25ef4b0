"""The word-vector playground on the model's vectors: similarity, analogy, a sentiment axis, odd one out."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from sentiment import Predictor
from sentiment.page.markup import escape_markdown
from sentiment.page.teaching_charts import axis_chart
from sentiment.teaching.neighbors import typed_words
from sentiment.teaching.wordplay import analogy, axis_positions, odd_one_out, similarity
from views.common import PLAIN, Tr

DEFAULTS = {
    "wp_a": "好",
    "wp_b": "棒",
    "wp_an_a": "好评",
    "wp_an_b": "好",
    "wp_an_c": "差",
    "wp_pos": "好",
    "wp_neg": "差",
    "wp_axis_words": "棒 一般 还行 失望 推荐 垃圾 满意",
    "wp_odd": "苹果 香蕉 橙子 手机",
}


def attempt(compute: Callable[[], object], tr: Tr) -> object | None:
    """compute(), or None after a warning naming the word that has no vector (or what else is wrong)."""
    try:
        return compute()
    except (KeyError, ValueError) as err:
        st.warning(tr("wp_error", error=escape_markdown(str(err.args[0]))))
        return None


def playground(predictor: Predictor, tr: Tr) -> None:
    st.subheader(tr("playground"))
    st.caption(tr("playground_help"))
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    vectors = predictor.vectors
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('wp_similarity')}**")
        a, b = st.columns(2)
        first, second = a.text_input(tr("wp_word_a"), key="wp_a"), b.text_input(tr("wp_word_b"), key="wp_b")
        value = attempt(lambda: similarity(vectors, first.strip(), second.strip()), tr)
        if value is not None:
            st.markdown(f"{tr('col_similarity')}: **{value:.3f}**")
    with right:
        st.markdown(f"**{tr('wp_analogy')}**")
        a, b, c, k = st.columns([2, 2, 2, 1])
        words = [
            a.text_input("a", key="wp_an_a"),
            b.text_input("− b", key="wp_an_b"),
            c.text_input("+ c", key="wp_an_c"),
        ]
        k = k.number_input("k", 1, 20, 5, key="wp_an_k")
        found = attempt(lambda: analogy(vectors, *(w.strip() for w in words), k=int(k)), tr)
        if found is not None:
            table = pd.DataFrame(found, columns=[tr("col_neighbor"), tr("col_similarity")])
            st.dataframe(table, hide_index=True, key="wp_an_table")
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{tr('wp_axis')}**")
        pos, neg, words = st.columns([1, 1, 3])
        poles = (
            neg.text_input(tr("wp_neg"), key="wp_neg").strip(),
            pos.text_input(tr("wp_pos"), key="wp_pos").strip(),
        )
        listed = typed_words(words.text_input(tr("wp_axis_words"), key="wp_axis_words"))
        positions = attempt(lambda: axis_positions(vectors, poles[1], poles[0], listed), tr)
        if not listed:
            st.info(tr("wp_axis_none"))
        elif positions is not None:
            st.plotly_chart(axis_chart(listed, positions, poles, tr), key="wp_axis_chart", config=PLAIN)
            st.caption(tr("wp_axis_help"))
    with right:
        st.markdown(f"**{tr('wp_odd')}**")
        listed = typed_words(st.text_input(tr("wp_odd_words"), key="wp_odd"))
        odd = attempt(lambda: odd_one_out(vectors, listed), tr)
        if odd is not None:
            st.markdown(tr("wp_odd_result", word=escape_markdown(odd)))
            st.caption(tr("wp_odd_help"))
