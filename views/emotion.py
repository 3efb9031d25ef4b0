"""The "Emotions" tab: the emotion checkpoint on the typed text: the probability of each emotion, the
reading curve of the most likely ones word by word, and each word's part in the top one. It runs
only while the tab is open, so the polarity page never loads the second model."""

from __future__ import annotations

import numpy as np
import streamlit as st

from sentiment.page.emotion_charts import class_bars, class_curves
from sentiment.page.i18n import class_namer
from sentiment.page.markup import contribution_html, escape_markdown
from sentiment.page.teaching_charts import contribution_bars
from views.common import PLAIN, Tr, chosen_text, emotion_path, explanation_of, get_emotion_predictor

CURVES = 3  # classes drawn in the reading curve: the most likely ones


def emotion_view(texts: list[str], tr: Tr) -> None:
    st.subheader(tr("emo_title"))
    path = emotion_path()
    try:
        predictor = get_emotion_predictor(path)
    except ValueError as err:
        st.error(tr("emo_no_checkpoint", error=escape_markdown(str(err))))
        return
    test = predictor.meta.get("metrics", {}).get("test", {})
    if {"lstm", "tfidf_lr"} <= test.keys():
        lstm, baseline = test["lstm"], test["tfidf_lr"]
        figures = {"f1": f"{lstm['f1_macro']:.3f}", "accuracy": f"{lstm['accuracy']:.1%}"}
        st.caption(tr("emo_help", baseline=f"{baseline['f1_macro']:.3f}", **figures))
    text = chosen_text(texts, tr, "emo_line")
    if text is None:
        return
    e = explanation_of(predictor, path, text)
    name = class_namer(tr)
    names = [name(c) for c in predictor.classes]
    top = int(np.argmax(e.proba))
    st.markdown(tr("emo_top", name=escape_markdown(names[top]), p=f"{e.proba[top]:.3f}"))
    st.plotly_chart(class_bars(names, e.proba, tr), key="emo_bars", config=PLAIN)
    if not any(e.known):
        st.info(tr("emo_no_known"))
        return
    if len(predictor.segment(text)) > len(e.tokens):
        st.caption(tr("teach_truncated", kept=len(e.tokens)))
    shown = np.argsort(-e.proba, kind="stable")[:CURVES]
    st.markdown(f"**{tr('emo_curve_heading')}**")
    st.caption(tr("emo_curve_help", n=len(shown)))
    st.plotly_chart(class_curves(e.tokens, e.prefix_proba, names, shown, tr), key="emo_curve", config=PLAIN)
    st.markdown(f"**{tr('emo_contrib_heading', name=escape_markdown(names[top]))}**")
    st.html(contribution_html(e.tokens, e.contributions[:, top]))
    st.caption(tr("emo_contrib_help", name=escape_markdown(names[top])))
    title = tr("emo_contrib_title", name=names[top])
    st.plotly_chart(
        contribution_bars(e.tokens, e.contributions[:, top], tr, title), key="emo_contrib", config=PLAIN
    )
