"""The page never lets a link choose a server file, and shows markup typed or uploaded as text (AppTest;
tests/page/test_browser.py checks the same in a real browser)."""

from __future__ import annotations

import re

import pytest
import streamlit as st

import sentiment.core.predict
from sentiment.page.i18n import translator
from tests.app_fixtures import checkpoint_env, csv_bytes, page, reviews_table
from tests.app_fixtures import upload as send

pytestmark = pytest.mark.usefixtures(checkpoint_env.__name__)
EN = translator("en")
PATHS = {
    "checkpoint": "/etc/passwd",
    "path": "/etc",
    "SENTIMENT_CHECKPOINT": "/tmp",
    "model": "../../etc/passwd",
    "file": "file:///etc/passwd",
    "dir": "assets/default",
}
UNESCAPED = re.compile(r"(?<!\\)[<>]")  # markdown would pass a bare < or > on as HTML
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


def test_url_parameters_never_choose_a_server_path(monkeypatch, checkpoint_env) -> None:
    loaded, real = [], sentiment.core.predict.load_checkpoint
    spy = lambda path, **kw: loaded.append(str(path)) or real(path, **kw)  # noqa: E731
    monkeypatch.setattr(sentiment.core.predict, "load_checkpoint", spy)
    st.cache_resource.clear()  # so the page loads its checkpoint again, in front of the spy
    at = page(PATHS | {"text": "手机很好"})
    assert not at.exception and not at.error
    assert loaded == [checkpoint_env]
    assert set(at.query_params) == {"text", "t", "band", "lang"}  # the page keeps only what it reads


@pytest.mark.parametrize("markup", MARKUP)
def test_markup_typed_is_escaped_everywhere_it_is_shown(markup: str) -> None:
    at = page()
    at.text_area(key="text").set_value(markup).run()
    at.text_input(key="nb_typed").set_value(markup).run()
    shown = [m.value for m in at.markdown] + [i.value for i in at.info]
    assert any("\\<" in s for s in shown) and at.info  # the segmentation, the unknown word(s)
    assert not any(map(UNESCAPED.search, shown))


def test_markup_uploaded_in_a_name_cell_or_column_is_escaped() -> None:
    frame = reviews_table(4).rename(columns={"cat": MARKUP[1]}).assign(review=MARKUP * 2)
    at = send(page(), MARKUP[1] + ".csv", csv_bytes(frame))
    assert not at.exception
    shown = [m.value for m in at.markdown] + [h.value for h in at.subheader]
    assert "Scores for \\<img src\\=x onerror\\=alert\\(1\\)\\>\\.csv" in shown
    assert not any(map(UNESCAPED.search, shown))
