"""The sidebar: language, what model is loaded, the upload limits and the file uploader."""

from __future__ import annotations

import streamlit as st

from sentiment import Predictor
from sentiment.data import limits
from sentiment.page.i18n import LANGUAGES
from views.common import Tr


def sidebar(predictor: Predictor, tr: Tr) -> st.runtime.uploaded_file_manager.UploadedFile | None:
    """Draws the sidebar; returns the uploaded file, if any."""
    st.radio(tr("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True)
    st.subheader(tr("model"))
    accuracy = predictor.meta.get("metrics", {}).get("test", {}).get("lstm", {}).get("accuracy")
    st.caption(
        tr(
            "model_info",
            vocab=len(predictor.network_vectors),
            dim=predictor.vectors.vector_size,
            n_val=len(predictor.checkpoint.val_scores),
            accuracy="—" if accuracy is None else f"{accuracy:.3f}",
        )
    )
    st.subheader(tr("upload"))
    st.caption(
        tr("limits", mb=limits.UPLOAD_MB, rows=f"{limits.ROWS:,}", chars=f"{limits.TEXT_CHARS:,}"),
    )
    return st.file_uploader(
        tr("upload_label"),
        key="upload",
        help=tr("upload_help", mb=limits.UPLOAD_MB, rows=f"{limits.ROWS:,}"),
    )
