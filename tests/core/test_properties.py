"""Property tests: any Unicode string, however hostile, is segmented, scored and explained without an
exception, to a probability in [0, 1], the same way every time."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

PIECES = [
    "",
    " ",
    "\t\n\r\v\f",
    "\u3000\xa0",  # ideographic and no-break spaces
    "\x00",
    "\x07\x1b[31m\x7f",
    "\u200b\u200c\ufeff",  # zero-width characters and a BOM
    "👨\u200d👩\u200d👧\u200d👦",  # a family: emoji joined by ZWJ
    "🏳️\u200d🌈",
    "👍🏽",
    "🇨🇳",
    "\u202eevil\u202c",  # right-to-left override
    "مرحبا بالعالم",
    "שלום",
    "e\u0301\u0301\u0301",  # combining marks
    "Z̴̡̛͓̈́a̷l̸g̶o̵",
    "\ud800",  # lone surrogates: a Python string can hold them, UTF-8 cannot
    "\udfff",
    "\ud83d\ude00",  # a surrogate pair written as two code points
    "\U0010ffff\ufffe\ufffd",
    "ＡＢＣ１２３",
    "很好",
    "不是很好",
    "<script>alert(1)</script>",
    "**粗体** [链接](http://x) $x$ :red[红]",
]
ANY_CHARACTER = st.characters(exclude_categories=())  # every code point, surrogates included
TEXTS = st.lists(st.one_of(st.text(ANY_CHARACTER, max_size=30), st.sampled_from(PIECES)), max_size=8).map(
    "".join
)
FAST = settings(max_examples=150, deadline=None)


@FAST
@given(text=TEXTS)
def test_segment_takes_any_string(tiny_predictor, text: str) -> None:
    words = tiny_predictor.segment(text)
    assert isinstance(words, list) and all(isinstance(w, str) and w.strip() for w in words)
    assert tiny_predictor.segment(text) == words


@FAST
@given(text=TEXTS)
def test_predict_proba_takes_any_string(tiny_predictor, text: str) -> None:
    scores = tiny_predictor.predict_proba([text])
    assert scores.shape == (1,) and np.isfinite(scores).all() and 0 <= scores[0] <= 1
    np.testing.assert_array_equal(tiny_predictor.predict_proba([text]), scores)


@FAST
@given(text=TEXTS)
def test_explain_takes_any_string(tiny_predictor, text: str) -> None:
    first, second = tiny_predictor.explain(text), tiny_predictor.explain(text)
    assert 0 <= first.proba <= 1 and first.proba == second.proba
    assert first.proba == pytest.approx(tiny_predictor.predict_proba([text])[0], abs=1e-6)
    assert np.all((first.prefix_proba >= 0) & (first.prefix_proba <= 1))
    assert np.isfinite(first.contributions).all() and np.isfinite(first.gates).all()
    np.testing.assert_array_equal(first.contributions, second.contributions)
    assert first.tokens == second.tokens


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(TEXTS, min_size=1, max_size=12))
def test_a_text_scores_the_same_alone_and_among_others(tiny_predictor, texts: list[str]) -> None:
    together = tiny_predictor.predict_proba(texts)
    alone = np.array([tiny_predictor.predict_proba([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-6)


def test_a_one_megabyte_string(tiny_predictor) -> None:
    rng = random.Random(0)
    alphabet = [*"很好差手机电脑，。！ a1", "👨\u200d👩\u200d👧", "\u0301", "\x00", "\u202e", "\ud800", "حبا"]
    text = "".join(rng.choices(alphabet, k=900_000))[: 2**20]
    assert len(text) >= 10**6
    words = tiny_predictor.segment(text)
    assert len(words) > 100_000 and tiny_predictor.segment(text) == words
    scores = tiny_predictor.predict_proba([text])
    assert 0 <= scores[0] <= 1
    np.testing.assert_array_equal(tiny_predictor.predict_proba([text]), scores)
    explained = tiny_predictor.explain(text)
    assert explained.proba == pytest.approx(scores[0], abs=1e-6)
    assert len(explained.tokens) == tiny_predictor.max_len
