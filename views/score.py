"""The text box: examples, segmentation, and the verdict for what was typed (one text or one per line)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from sentiment import Predictor
from sentiment.data import limits
from sentiment.data.decoding import numbers_named
from sentiment.decision.verdict import describe, verdict_text
from sentiment.page import charts, results
from sentiment.page.markup import segmentation_markdown
from views.common import PLAIN, Tr, nothing_typed, show_table, words_of

EXAMPLES = {
    "positive": "质量非常好，物流也快，非常满意，推荐购买！",
    "negative": "太差了，用了两天就坏了，非常失望，不推荐。",
    "borderline": "还行吧，一般般，没有想象中那么好。",
    "negation": "这个手机不是很好用。",
    "negated_negative": "质量一点也不差，完全不失望。",
    "contrast": "虽然价格有点贵，但是真的很好用。",
    "domain": "这部电影太感人了，演员演得很好。",
    "unknown": "魑魅魍魉，饕餮耄耋，龃龉踟蹰。",
}
PER_ROW = 4  # example buttons in a row, so that their labels are read whole
WORDS_SHOWN = 300  # segmentation shown for one text; a megabyte of text has far more words
COLOURS = {"positive": "green", "negative": "red", "abstained": "orange"}


def use_example(text: str) -> None:
    st.session_state.update(text=text, per_line=False)


def text_section(path: str | None, predictor: Predictor, tr: Tr) -> tuple[list[str], list[str]]:
    """The text area and examples; returns the texts to score and the words of the input."""
    st.text_area(tr("text_label"), key="text", height=110, placeholder=tr("text_placeholder"))
    st.checkbox(tr("per_line"), key="per_line")
    st.caption(tr("examples"))
    columns = [column for _ in range(0, len(EXAMPLES), PER_ROW) for column in st.columns(PER_ROW)]
    for column, (name, example) in zip(columns, EXAMPLES.items()):
        column.button(
            tr(f"ex_{name}"),
            key=f"ex_{name}",
            help=example,
            on_click=use_example,
            args=(example,),
            width="stretch",
        )
    text = st.session_state.text
    texts = results.split_lines(text) if st.session_state.per_line else [text.strip()] * bool(text.strip())
    if len(texts) > limits.ROWS:
        st.error(tr("too_many_lines", n=f"{len(texts):,}", limit=f"{limits.ROWS:,}"))
        return [], []
    too_long = results.long_lines(texts)
    if too_long and len(texts) == 1:
        st.error(tr("one_text_too_long", n=f"{len(texts[0]):,}", limit=f"{limits.TEXT_CHARS:,}"))
        return [], []
    if too_long:  # the other lines are scored; the table keeps each line's own number
        st.warning(tr("text_too_long", lines=numbers_named(too_long), limit=f"{limits.TEXT_CHARS:,}"))
    st.session_state.typed_rows = [i for i in range(1, len(texts) + 1) if i not in set(too_long)]
    texts = [texts[i - 1] for i in st.session_state.typed_rows]
    words = [w for t in texts[:50] for w in words_of(path, t)]
    if len(texts) == 1:
        show_segmentation(words, predictor, tr)
    return texts, words


def show_segmentation(words: list[str], predictor: Predictor, tr: Tr) -> None:
    st.markdown(f"**{tr('segmentation')}**")
    if not words:
        st.caption(tr("no_words"))
        return
    shown = words[:WORDS_SHOWN]
    st.markdown(segmentation_markdown(shown, [predictor.in_vocabulary(w) for w in shown]))
    notes = [tr("oov_legend")]
    if len(words) > WORDS_SHOWN:
        notes.append(tr("words_shown", shown=WORDS_SHOWN, total=len(words)))
    if len(words) > predictor.max_len:
        notes.append(tr("truncated", total=len(words), kept=predictor.max_len))
    st.caption(" ".join(notes))


def typed_result(
    texts: list[str], scores: np.ndarray, threshold: float, band: tuple[float, float], tr: Tr
) -> None:
    if not texts:
        if nothing_typed():  # a refused text has its error above instead
            st.info(tr("empty_text"))
    elif len(texts) == 1:
        verdict = describe(float(scores[0]), threshold, band)
        st.markdown(f"### :{COLOURS[verdict.label]}[{verdict_text(verdict, tr)}]")
        st.caption(tr("probability_is", p=f"{scores[0]:.4f}"))
        st.plotly_chart(
            charts.probability_scale(float(scores[0]), threshold, band, tr), key="scale", config=PLAIN
        )
    else:
        frame = results.lines_frame(texts, st.session_state.typed_rows)
        show_table(results.result_table(frame, scores, threshold, band), tr, "lines_table")
