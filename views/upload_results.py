"""An uploaded file: its column pickers (sidebar), scoring it once with a progress bar, and its results
(summary, metrics on labels, table, histogram, skipped rows, download); on request, the top emotion
of each row as two more columns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from sentiment import Predictor
from sentiment.data import limits, upload
from sentiment.data.loaders import Loaded
from sentiment.data.messages import InputError
from sentiment.decision.thresholds import upload_metrics
from sentiment.page import charts, results
from sentiment.page.i18n import describer
from sentiment.page.markup import escape_markdown
from views.common import PLAIN, Tr, emotion_path, get_emotion_predictor, show_table


def remember(slot: str, key: object, compute: Callable[[], object]) -> object:
    """compute() once per key, kept in the session (uploads: never reread or rescored on a rerun)."""
    if st.session_state.get(slot, (None,))[0] != key:
        st.session_state[slot] = (key, compute())
    return st.session_state[slot][1]


def uploaded(
    file: st.runtime.uploaded_file_manager.UploadedFile | None, predictor: Predictor, tr: Tr
) -> results.Scored | None:
    """The scored upload, or None (no file, or an unusable one: said on the page)."""
    if file is None:
        for slot in ("opened", "scored", "emotions"):
            st.session_state.pop(slot, None)
        return None
    try:
        return read_upload(file, predictor, tr)
    except ValueError as err:  # an InputError in the user's language; any other as it reads
        reason = describer(tr)(err.message) if isinstance(err, InputError) else str(err)
        st.error(tr("upload_error", error=escape_markdown(reason)))
        return None


def read_upload(file: st.runtime.uploaded_file_manager.UploadedFile, predictor: Predictor, tr: Tr):
    """Column pickers (sidebar), then the scored upload; ValueError for an unusable file."""
    opened = remember("opened", file.file_id, lambda: upload.open_upload(file.getvalue(), file.name))
    text_col = label_col = sheet = None
    if len(opened.sheets) > 1:
        sheet = st.sidebar.selectbox(
            tr("sheet"), opened.sheets, key="sheet", index=opened.sheets.index(opened.first_sheet)
        )
    if opened.is_table:
        columns = opened.columns(sheet)
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
    key = (file.file_id, sheet, text_col, label_col)
    rows = lambda: opened.rows(text_col, label_col, sheet)  # noqa: E731
    return remember("scored", key, lambda: score_upload(rows(), opened.name, predictor, tr))


def scored_under_bar(predictor: Predictor, texts: list[str], tr: Tr) -> np.ndarray:
    """``predictor.predict_proba(texts)``, a chunk at a time, under a progress bar."""
    bar = st.progress(0.0, text=tr("scoring", done=0, total=len(texts)))
    parts = []
    for done, part in results.score_in_chunks(predictor.predict_proba, texts):
        parts.append(part)
        bar.progress(done / len(texts), text=tr("scoring", done=done, total=len(texts)))
    bar.empty()
    return np.concatenate(parts) if parts else np.empty(0)


def score_upload(loaded: Loaded, name: str, predictor: Predictor, tr: Tr) -> results.Scored:
    """The upload's texts scored a chunk at a time, under a progress bar."""
    scores = scored_under_bar(predictor, loaded.frame["text"].tolist(), tr)
    return results.Scored(name, loaded.frame, scores, loaded.skipped, loaded.unlabelled, loaded.notes)


def emotion_columns(scored: results.Scored, tr: Tr) -> results.Emotions | None:
    """The top emotion of each scored row, once the user asks for it: scored once per upload (and
    column choice) and kept in the session; None otherwise, or when the emotion model is missing."""
    if not st.checkbox(tr("emo_upload"), key="emo_upload", help=tr("emo_upload_help")):
        return None
    path = emotion_path()
    try:
        predictor = get_emotion_predictor(path)
    except ValueError as err:
        st.error(tr("emo_no_checkpoint", error=escape_markdown(str(err))))
        return None
    texts = scored.frame["text"].tolist()
    key = (st.session_state["scored"][0], path)  # the upload and columns that ``scored`` was made from
    proba = remember("emotions", key, lambda: scored_under_bar(predictor, texts, tr))
    return results.Emotions.of(predictor.classes, proba)


def show_metrics(
    scores: np.ndarray, labels: np.ndarray, threshold: float, band: tuple[float, float], tr: Tr
) -> None:
    metrics = upload_metrics(scores, labels, threshold, band)
    st.markdown(f"**{tr('metrics_title')}**")
    keys = {"coverage": "coverage_metric", "selective_accuracy": "selective_metric"}  # the page's words
    values = {keys.get(name, name): value for name, value in metrics["shown"].items()}
    for column, (name, value) in zip(st.columns(len(values)), values.items(), strict=True):
        column.metric(tr(name), "—" if value is None else f"{value:.3f}")
    names = [tr("negative"), tr("positive")]
    st.caption(tr("confusion"))
    st.dataframe(
        pd.DataFrame(metrics["binary"]["confusion"], index=names, columns=names), width=320, key="confusion"
    )


def upload_results(scored: results.Scored, threshold: float, band: tuple[float, float], tr: Tr) -> None:
    st.subheader(tr("upload_results", name=escape_markdown(scored.name)))
    describe = describer(tr)
    for note in scored.notes:
        st.warning(escape_markdown(describe(note)))
    if scored.unlabelled:
        fields = results.unlabelled_summary(scored.unlabelled, describe)
        st.warning(tr("unlabelled_rows", **{k: escape_markdown(v) for k, v in fields.items()}))
    emotions = emotion_columns(scored, tr) if len(scored.scores) else None
    if len(scored.scores):
        table = results.result_table(
            scored.frame, scored.scores, threshold, band, scored.unlabelled, describe, emotions
        )
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
                results.skipped_table(scored.skipped, describe).rename(
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
        data=lambda: results.download_csv(
            scored.frame,
            scored.scores,
            scored.skipped,
            threshold,
            band,
            scored.unlabelled,
            describe,
            emotions,
        ),
    )
