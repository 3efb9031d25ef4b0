"""The demo page: score Chinese reviews, explore the threshold and abstain band, browse word neighbours,
and see how the model reads a text (the teaching views in ``views/``).

    streamlit run streamlit_app.py                                     # the checkpoint in assets/default
    SENTIMENT_CHECKPOINT=runs/my-model streamlit run streamlit_app.py  # another one (server side only)

Layout only: verdicts, tables, figures, PCA, link state and interface text come from the
sentiment package. Every widget has a key, so tests can drive it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from sentiment import Predictor, charts, limits, load_predictor, upload
from sentiment.bands import CRITERIA, DEFAULTS, choose_band
from sentiment.calibration import reliability
from sentiment.i18n import LANGUAGES, translator
from sentiment.markup import escape_markdown, segmentation_markdown
from sentiment.neighbours import neighbour_table, scatter_points, typed_words
from sentiment.pagestate import clamp, fit_band, initial_state, to_query
from sentiment.thresholds import (
    binary_metrics,
    expected_calibration_error,
    rates_by_threshold,
    roc_points,
    selective_curve,
    selective_metrics,
)
from sentiment.verdict import describe, verdict_text
from views.playground import playground
from views.reading import reading_view
from views.whatif import counterfactual_view, word_order_view

Tr = Callable[..., str]
EXAMPLES = {
    "positive": "质量非常好，物流也快，非常满意，推荐购买！",
    "negative": "太差了，用了两天就坏了，非常失望，不推荐。",
    "borderline": "还行吧，一般般，没有想象中那么好。",
    "negation": "这个手机不是很好用。",
    "contrast": "虽然价格有点贵，但是真的很好用。",
    "unknown": "魑魅魍魉，饕餮耄耋，龃龉踟蹰。",
}
WORDS_SHOWN = 300  # segmentation shown for one text; a megabyte of text has far more words
WORD_CHOICES = 200  # words of the input offered in the neighbour picker
COLOURS = {"positive": "green", "negative": "red", "abstained": "orange"}
PLAIN = {"displayModeBar": False}

st.set_page_config(page_title="中文情感分析 · Chinese sentiment", page_icon="💬", layout="wide")


def checkpoint_path() -> str | None:
    """Chosen on the server only (SENTIMENT_CHECKPOINT), never by the page: None is assets/default."""
    return os.environ.get("SENTIMENT_CHECKPOINT") or None


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


def remember(slot: str, key: object, compute: Callable[[], object]) -> object:
    """compute() once per key, kept in the session (uploads: never reread or rescored on a rerun)."""
    if st.session_state.get(slot, (None,))[0] != key:
        st.session_state[slot] = (key, compute())
    return st.session_state[slot][1]


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


def use_example(text: str) -> None:
    st.session_state.update(text=text, per_line=False)


RULE_RANGES = {"steep": (0.01, 1.0, 0.01), "accuracy": (0.5, 1.0, 0.005), "coverage": (0.05, 1.0, 0.01)}


def apply_band_rule(scores: np.ndarray, labels: np.ndarray) -> None:
    """Move the band to the chosen criterion's band around the threshold; by hand: keep it around it."""
    state = st.session_state
    rule = state.get("band_rule", "manual")
    if rule == "manual":
        state.band = fit_band(state.threshold, state.band)
    else:
        state.band = choose_band(
            rule, scores, labels, state.threshold, state.get(f"rule_{rule}", DEFAULTS[rule])
        )


def keep_threshold() -> None:
    """A band moved by hand: the threshold follows into it, and the band is no longer a criterion's."""
    st.session_state.threshold = clamp(st.session_state.threshold, st.session_state.band)
    st.session_state.band_rule = "manual"


def reset_rule(threshold: float, band: tuple[float, float]) -> None:
    st.session_state.update(threshold=threshold, band=band, band_rule="manual")


def sidebar(predictor: Predictor, tr: Tr) -> None:
    st.radio(tr("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True)
    st.subheader(tr("model"))
    accuracy = predictor.meta.get("metrics", {}).get("test", {}).get("lstm", {}).get("accuracy")
    st.caption(
        tr(
            "model_info",
            vocab=len(predictor.vectors),
            dim=predictor.vectors.vector_size,
            n_val=len(predictor.checkpoint.val_scores),
            accuracy="—" if accuracy is None else f"{accuracy:.3f}",
        )
    )
    st.subheader(tr("upload"))
    st.caption(
        tr("limits", mb=limits.UPLOAD_MB, rows=f"{limits.ROWS:,}", chars=f"{limits.TEXT_CHARS:,}"),
    )


def text_section(path: str | None, predictor: Predictor, tr: Tr) -> tuple[list[str], list[str]]:
    """The text area and examples; returns the texts to score and the words of the input."""
    st.text_area(tr("text_label"), key="text", height=110, placeholder=tr("text_placeholder"))
    st.checkbox(tr("per_line"), key="per_line")
    st.caption(tr("examples"))
    for column, (name, example) in zip(st.columns(len(EXAMPLES)), EXAMPLES.items(), strict=True):
        column.button(
            tr(f"ex_{name}"),
            key=f"ex_{name}",
            help=example,
            on_click=use_example,
            args=(example,),
            width="stretch",
        )
    text = st.session_state.text
    texts = upload.split_lines(text) if st.session_state.per_line else [text.strip()] * bool(text.strip())
    if len(texts) > limits.ROWS:
        st.error(tr("too_many_lines", n=f"{len(texts):,}", limit=f"{limits.ROWS:,}"))
        return [], []
    if too_long := upload.long_lines(texts):
        lines = ", ".join(map(str, too_long[:10])) + (", ..." if len(too_long) > 10 else "")
        st.error(tr("text_too_long", lines=lines, limit=f"{limits.TEXT_CHARS:,}"))
        return [], []
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


def read_upload(file: st.runtime.uploaded_file_manager.UploadedFile, predictor: Predictor, tr: Tr):
    """Column pickers (sidebar), then the scored upload; ValueError for an unusable file."""
    content = file.getvalue()
    upload.check_size(len(content), limits.UPLOAD_MB, file.name)
    text_col = label_col = None
    if upload.is_table(file.name):
        columns = remember("columns", file.file_id, lambda: upload.columns_of(content, file.name))
        guess = upload.guess_text_column(columns)
        text_col = st.sidebar.selectbox(
            tr("text_column"), columns, key="text_col", index=None if guess is None else columns.index(guess)
        )
        options = ["", *columns]  # "": no label column
        label_col = (
            st.sidebar.selectbox(
                tr("label_column"),
                options,
                key="label_col",
                index=options.index(upload.guess_label_column(columns) or ""),
                format_func=lambda c: c or tr("no_label"),
            )
            or None
        )
    key = (file.file_id, text_col, label_col)
    return remember(
        "scored", key, lambda: score_upload(content, file.name, text_col, label_col, predictor, tr)
    )


def score_upload(
    content: bytes, name: str, text_col: str | None, label_col: str | None, predictor: Predictor, tr: Tr
) -> upload.Scored:
    loaded = upload.load_upload(content, name, text_col, label_col)
    texts = loaded.frame["text"].tolist()
    bar = st.progress(0.0, text=tr("scoring", done=0, total=len(texts)))
    parts = []
    for done, part in upload.score_in_chunks(predictor.predict_proba, texts):
        parts.append(part)
        bar.progress(done / len(texts), text=tr("scoring", done=done, total=len(texts)))
    bar.empty()
    scores = np.concatenate(parts) if parts else np.empty(0)
    return upload.Scored(name, loaded.frame, scores, loaded.skipped, loaded.unlabelled, loaded.notes)


def show_table(table: pd.DataFrame, tr: Tr, key: str) -> None:
    """A result table with translated headers and verdicts, the probability as a bar."""
    shown = table.assign(verdict=[tr(v) for v in table["verdict"]])
    st.dataframe(
        shown.rename(columns={c: tr(f"col_{c}") for c in shown.columns}),
        key=key,
        hide_index=True,
        column_config={
            tr("col_probability"): st.column_config.ProgressColumn(min_value=0, max_value=1, format="%.3f")
        },
    )


def typed_result(
    texts: list[str], scores: np.ndarray, threshold: float, band: tuple[float, float], tr: Tr
) -> None:
    if not texts:
        st.info(tr("empty_text"))
    elif len(texts) == 1:
        verdict = describe(float(scores[0]), threshold, band)
        st.markdown(f"### :{COLOURS[verdict.label]}[{verdict_text(verdict, tr)}]")
        st.caption(tr("probability_is", p=f"{scores[0]:.4f}"))
        st.plotly_chart(
            charts.probability_scale(float(scores[0]), threshold, band, tr), key="scale", config=PLAIN
        )
    else:
        show_table(upload.result_table(upload.lines_frame(texts), scores, threshold, band), tr, "lines_table")


def show_metrics(
    scores: np.ndarray, labels: np.ndarray, threshold: float, band: tuple[float, float], tr: Tr
) -> None:
    metrics = binary_metrics(scores, labels, threshold)
    selective = selective_metrics(scores, labels, threshold, band)
    st.markdown(f"**{tr('metrics_title')}**")
    values = {
        "accuracy": metrics["accuracy"],
        "precision": metrics["precision_pos"],
        "recall": metrics["recall_pos"],
        "f1": metrics["f1_pos"],
        "coverage_metric": selective["coverage"],
        "selective_metric": selective["selective_accuracy"],
    }
    for column, (name, value) in zip(st.columns(len(values)), values.items(), strict=True):
        column.metric(tr(name), "—" if value is None else f"{value:.3f}")
    names = [tr("negative"), tr("positive")]
    st.caption(tr("confusion"))
    st.dataframe(pd.DataFrame(metrics["confusion"], index=names, columns=names), width=320, key="confusion")


def upload_results(scored: upload.Scored, threshold: float, band: tuple[float, float], tr: Tr) -> None:
    st.subheader(tr("upload_results", name=escape_markdown(scored.name)))
    for note in scored.notes:
        st.warning(escape_markdown(note))
    if scored.unlabelled:
        fields = upload.unlabelled_summary(scored.unlabelled)
        st.warning(tr("unlabelled_rows", **{k: escape_markdown(v) for k, v in fields.items()}))
    if len(scored.scores):
        table = upload.result_table(scored.frame, scored.scores, threshold, band)
        counts = table["verdict"].value_counts()
        st.write(
            tr(
                "upload_summary",
                n=len(table),
                pos=counts.get("positive", 0),
                neg=counts.get("negative", 0),
                abstained=counts.get("abstained", 0),
            )
        )
        labels = scored.labels
        if labels is not None:
            show_metrics(scored.labelled_scores, labels, threshold, band, tr)
        left, right = st.columns([3, 2])
        with left:
            show_table(table.head(limits.TABLE_ROWS), tr, "upload_table")
            if len(table) > limits.TABLE_ROWS:
                st.caption(tr("first_rows", shown=f"{limits.TABLE_ROWS:,}", total=f"{len(table):,}"))
        codes = None if labels is None else scored.label_codes
        right.plotly_chart(
            charts.histogram(scored.scores, codes, threshold, band, tr), key="histogram", config=PLAIN
        )
    else:
        st.warning(tr("upload_empty", name=escape_markdown(scored.name)))
    if scored.skipped:
        st.warning(tr("skipped_rows", n=len(scored.skipped)))
        with st.expander(tr("skipped_title")):
            st.dataframe(
                upload.skipped_table(scored.skipped).rename(
                    columns={"row": tr("col_row"), "reason": tr("col_reason"), "text": tr("col_text")}
                ),
                hide_index=True,
                key="skipped_table",
            )
    st.download_button(
        tr("download"),
        key="download",
        mime="text/csv",
        file_name=f"{Path(scored.name).stem}-scored.csv",
        data=lambda: upload.download_csv(
            scored.frame, scored.scores, scored.skipped, threshold, band, scored.unlabelled
        ),
    )


def labelled_scores(predictor: Predictor, scored: upload.Scored | None) -> tuple[np.ndarray, np.ndarray, str]:
    """The labelled upload's scores when it has both classes, else the checkpoint's validation scores."""
    if scored is not None and scored.labels is not None and len(set(scored.labels.tolist())) == 2:
        return scored.labelled_scores, scored.labels, "source_upload"
    return predictor.checkpoint.val_scores, predictor.checkpoint.val_labels, "source_validation"


def band_rule(scores: np.ndarray, labels: np.ndarray, source: str, tr: Tr) -> None:
    """Pick how the band is chosen: by hand, the post's steep region, or a target accuracy or coverage."""
    rule = st.selectbox(
        tr("band_rule"),
        ("manual", *CRITERIA),
        format_func=lambda c: tr(f"rule_{c}_name"),
        key="band_rule",
        on_change=apply_band_rule,
        args=(scores, labels),
        help=tr("band_rule_help"),
    )
    if rule != "manual":
        low, high, step = RULE_RANGES[rule]
        st.slider(
            tr(f"rule_{rule}_value"),
            low,
            high,
            DEFAULTS[rule],
            step,
            key=f"rule_{rule}",
            on_change=apply_band_rule,
            args=(scores, labels),
        )
        st.caption(tr("rule_on", data=tr(source, n=len(scores))))


def curves(
    predictor: Predictor, scored: upload.Scored | None, threshold: float, band: tuple[float, float], tr: Tr
) -> None:
    """TPR/TNR, ROC, selective curves and the reliability diagram on the labelled upload if there is one,
    else on validation."""
    st.subheader(tr("charts"))
    scores, labels, source = labelled_scores(predictor, scored)
    if scored is not None and scored.labels is not None and source == "source_validation":
        st.info(tr("one_class"))
    st.caption(tr(source, n=len(scores)))
    if len(set(labels.tolist())) < 2:
        return
    here = rates_by_threshold(scores, labels, [threshold])
    point = (1 - float(here["tnr"][0]), float(here["tpr"][0]))  # (FPR, TPR) of the current threshold
    current = selective_metrics(scores, labels, threshold, band)
    figures = {
        "rates": charts.rates_chart(rates_by_threshold(scores, labels), threshold, band, tr),
        "roc": charts.roc_chart(roc_points(scores, labels), point, tr),
        "selective": charts.selective_chart(
            selective_curve(scores, labels, threshold, band=band), band, current, tr
        ),
        "reliability": charts.reliability_chart(
            reliability(scores, labels), expected_calibration_error(scores, labels), tr
        ),
    }
    for column, (name, figure) in zip(st.columns(2) + st.columns(2), figures.items(), strict=True):
        column.plotly_chart(figure, key=f"chart_{name}", config=PLAIN)


@st.fragment
def decision_panel(
    predictor: Predictor, texts: list[str], scores: np.ndarray, scored: upload.Scored | None, tr: Tr
) -> None:
    """Sliders and everything that depends on them; a slider move reruns only this function."""
    start = time.perf_counter()
    st.subheader(tr("decision"))
    left, right = st.columns([3, 2])
    rule_scores, rule_labels, source = labelled_scores(predictor, scored)
    with right:
        st.slider(
            tr("threshold"),
            0.0,
            1.0,
            step=0.001,
            format="%.3f",
            key="threshold",
            on_change=apply_band_rule,
            args=(rule_scores, rule_labels),
            help=tr("threshold_help"),
        )
        st.slider(
            tr("band"),
            0.0,
            1.0,
            step=0.001,
            format="%.3f",
            key="band",
            on_change=keep_threshold,
            help=tr("band_help"),
        )
        band_rule(rule_scores, rule_labels, source, tr)
        st.button(tr("reset"), key="reset", on_click=reset_rule, args=(predictor.threshold, predictor.band))
    threshold, band = st.session_state.threshold, tuple(st.session_state.band)
    with left:
        typed_result(texts, scores, threshold, band, tr)
    if scored is not None:
        upload_results(scored, threshold, band, tr)
    curves(predictor, scored, threshold, band, tr)
    state = st.session_state
    st.query_params.from_dict(to_query(state.text, state.per_line, threshold, band, state.lang))
    st.caption(tr("redrawn", ms=f"{1000 * (time.perf_counter() - start):.0f}"))


def unknown_word(word: str, predictor: Predictor, tr: Tr) -> str:
    """Why a word has no neighbours, and what it segments into."""
    message = tr(
        "unknown_word", word=escape_markdown(word), min_count=predictor.meta["train"]["w2v_min_count"]
    )
    parts = predictor.segment(word)
    if parts != [word] and any(map(predictor.in_vocabulary, parts)):
        message += " " + tr("unknown_split", words=" · ".join(map(escape_markdown, parts)))
    return message


def neighbour_section(path: str | None, predictor: Predictor, input_words: list[str], tr: Tr) -> None:
    st.subheader(tr("neighbours"))
    options = list(dict.fromkeys(input_words))[:WORD_CHOICES]
    if st.session_state.get("nb_for") != options:  # new input: start from its two most opinionated words
        known = [w for w in options if predictor.in_vocabulary(w)]
        strength = np.abs(scores_of(path, tuple(known)) - 0.5) if known else np.empty(0)
        st.session_state.nb_for = options
        st.session_state.nb_words = [known[i] for i in np.argsort(-strength, kind="stable")[:2]]
    pick, typed, k = st.columns([3, 3, 2])
    picked = pick.multiselect(tr("pick_words"), options, key="nb_words")
    typed_text = typed.text_input(tr("type_words"), key="nb_typed")
    k = k.slider(tr("k"), 1, 30, key="nb_k")
    words = list(dict.fromkeys(picked + typed_words(typed_text)))
    if not words:
        st.caption(tr("pick_hint"))
        return
    for word in words:
        if not predictor.in_vocabulary(word):
            st.info(unknown_word(word, predictor, tr))
    table = neighbour_table(predictor.vectors, words, k)
    if table.empty:
        return
    vocabulary = list(dict.fromkeys([*table["word"], *table["neighbour"]]))
    scores = dict(zip(vocabulary, scores_of(path, tuple(vocabulary)), strict=True))
    left, right = st.columns([2, 3])
    shown = table.assign(score=table["neighbour"].map(scores))
    left.dataframe(
        shown.rename(
            columns={
                "word": tr("col_word"),
                "neighbour": tr("col_neighbour"),
                "similarity": tr("col_similarity"),
                "score": tr("col_score"),
            }
        ),
        hide_index=True,
        key="nb_table",
    )
    right.plotly_chart(
        charts.neighbour_scatter(scatter_points(predictor.vectors, table, scores, tr), tr),
        key="nb_scatter",
        config=PLAIN,
    )


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
        sidebar(predictor, tr)
        file = st.file_uploader(
            tr("upload_label"),
            key="upload",
            help=tr("upload_help", mb=limits.UPLOAD_MB, rows=f"{limits.ROWS:,}"),
        )
    st.title(tr("title"))
    st.caption(tr("intro"))
    texts, words = text_section(path, predictor, tr)
    scores = scores_of(path, tuple(texts)) if texts else np.empty(0)
    scored = None
    if file is None:
        st.session_state.pop("scored", None)
    else:
        try:
            scored = read_upload(file, predictor, tr)
        except ValueError as err:
            st.error(tr("upload_error", error=escape_markdown(str(err))))
    tabs = st.tabs([tr(f"tab_{name}") for name in ("score", "reading", "vectors", "whatif")])
    with tabs[0]:
        decision_panel(predictor, texts, scores, scored, tr)
    with tabs[1]:
        reading_view(predictor, path, texts, tr)
    with tabs[2]:
        neighbour_section(path, predictor, words, tr)
        playground(predictor, tr)
    with tabs[3]:
        counterfactual_view(predictor, path, texts, tr)
        word_order_view(predictor, path, tr)


main()
