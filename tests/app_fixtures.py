"""Shared by the page tests: the page on the tiny checkpoint, and upload files written in the test."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.synthetic import synthetic_reviews

APP = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")


@pytest.fixture(scope="module")
def checkpoint_env(tiny_checkpoint):
    """SENTIMENT_CHECKPOINT pointing at the tiny checkpoint (AppTest runs the page in this process)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SENTIMENT_CHECKPOINT", str(tiny_checkpoint))
        yield os.environ["SENTIMENT_CHECKPOINT"]


def page(query: dict | None = None, lang: str = "en") -> AppTest:
    """The page after its first run, in ``lang`` unless the query says otherwise."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params = {"lang": lang} | (query or {})
    return at.run()


def headline(at: AppTest) -> str:
    """The verdict line shown for one text."""
    return next(m.value for m in at.markdown if m.value.startswith("### "))


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has ``column`` (AppTest does not expose a table's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def reviews_table(n: int, seed: int = 1) -> pd.DataFrame:
    """n labelled synthetic reviews with the columns of the usual corpus (cat, label, review)."""
    rows = [("x", y, t) for t, y in synthetic_reviews(n, seed)]
    return pd.DataFrame(rows, columns=["cat", "label", "review"])


def csv_bytes(frame: pd.DataFrame, encoding: str = "utf-8", sep: str = ",") -> bytes:
    return frame.to_csv(index=False, sep=sep).encode(encoding)


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, engine="openpyxl")
    return buffer.getvalue()


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    return at.file_uploader(key="upload").set_value((name, content, "application/octet-stream")).run()
