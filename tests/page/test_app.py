"""The Streamlit page driven through AppTest on the tiny checkpoint: every control, and what it shows."""

from __future__ import annotations

import re

import numpy as np
import pytest

from sentiment import load_predictor
from sentiment.data import limits
from sentiment.decision.verdict import describe, verdict_text
from sentiment.page.i18n import translator
from tests.app_fixtures import checkpoint_env, headline, page, table_with
from views.score import EXAMPLES
from views.vectors import TYPED

pytestmark = pytest.mark.usefixtures(checkpoint_env.__name__)
EN = translator("en")


@pytest.fixture(scope="module")
def predictor(tiny_checkpoint):
    return load_predictor(tiny_checkpoint)


def expected(predictor, text: str, threshold: float, band: tuple[float, float]) -> str:
    """The verdict line the page should show for ``text``."""
    score = float(predictor.predict_proba([text])[0])
    return verdict_text(describe(score, threshold, band), EN)


def test_typed_text_verdict_segmentation_and_link(predictor) -> None:
    at = page()
    assert at.info[0].value == EN("empty_text")
    at.text_area(key="text").set_value("手机很好，非常满意").run()
    assert not at.exception
    assert expected(predictor, "手机很好，非常满意", predictor.threshold, predictor.band) in headline(at)
    assert ":green[positive:" in headline(at)
    words = predictor.segment("手机很好，非常满意")
    assert at.markdown[1].value.count(" · ") == len(words) - 1
    assert at.query_params["text"] == "手机很好，非常满意"
    assert float(at.query_params["t"]) == pytest.approx(predictor.threshold, abs=1e-6)


BORDERLINE = "还行吧，一般般，没有想象中那么好。"


@pytest.mark.parametrize(
    "typed", [BORDERLINE.replace("没", "没\u200d"), BORDERLINE.replace("没", "\u202e没") + "\u202c"]
)
def test_invisible_characters_change_neither_the_score_nor_the_words(typed: str, predictor) -> None:
    """A zero-width joiner or a right-to-left override scores and segments as the clean text."""
    clean, dirty = page({"text": BORDERLINE}), page({"text": typed})
    assert not dirty.exception
    p = f"{float(predictor.predict_proba([BORDERLINE])[0]):.4f}"
    assert EN("probability_is", p=p) in [c.value for c in dirty.caption]
    assert headline(dirty) == headline(clean)
    assert dirty.markdown[1].value == clean.markdown[1].value
    assert "\u202e" not in dirty.markdown[1].value and "\u200d" not in dirty.markdown[1].value


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_fills_the_text_and_gets_a_verdict(name: str, predictor) -> None:
    at = page()
    at.button(key=f"ex_{name}").click().run()
    text = at.text_area(key="text").value
    assert text and at.button(key=f"ex_{name}").proto.help == text
    assert expected(predictor, text, predictor.threshold, predictor.band) in headline(at)
    segmentation = at.markdown[1].value
    unknown = [w for w in predictor.segment(text) if not predictor.in_vocabulary(w)]
    assert segmentation.count(":orange-background[") == len(unknown)
    if name == "unknown":  # every word but the punctuation is out of vocabulary
        assert len(unknown) >= 5


def test_threshold_slider_moves_the_verdict_and_widens_the_band(predictor) -> None:
    at = page({"text": "手机很好，非常满意"})
    score = float(predictor.predict_proba(["手机很好，非常满意"])[0])
    at.slider(key="threshold").set_value(0.999).run()
    lo, hi = at.slider(key="band").value
    assert (lo, hi) == (pytest.approx(min(predictor.band[0], 0.999)), 0.999)
    assert headline(at) == f"### :orange[{verdict_text(describe(score, 0.999, (lo, hi)), EN)}]"
    assert "short of positive" in headline(at)
    assert at.query_params["t"] == "0.999"


def test_band_slider_pulls_the_threshold_inside_and_reset_restores(predictor) -> None:
    at = page({"text": "太差了"})
    at.slider(key="band").set_value((0.7, 0.8)).run()
    assert at.slider(key="threshold").value == pytest.approx(0.7)
    assert at.query_params["band"] == "0.7,0.8"
    score = float(predictor.predict_proba(["太差了"])[0])
    assert verdict_text(describe(score, 0.7, (0.7, 0.8)), EN) in headline(at)
    at.button(key="reset").click().run()
    assert at.slider(key="threshold").value == pytest.approx(predictor.threshold)
    assert at.slider(key="band").value == pytest.approx(predictor.band)


def test_link_restores_text_threshold_band_and_language() -> None:
    at = page({"text": "质量很好", "t": "0.3", "band": "0.2,0.6", "lines": "1"}, lang="zh")
    assert at.text_area(key="text").value == "质量很好"
    assert at.checkbox(key="per_line").value
    assert at.slider(key="threshold").value == pytest.approx(0.3)
    assert at.slider(key="band").value == pytest.approx((0.2, 0.6))
    assert at.title[0].value == translator("zh")("title")


@pytest.mark.parametrize(
    "query", [{"t": "2", "band": "0.9,0.1"}, {"t": "nan", "band": "x"}, {"t": "", "band": "0.1,0.2,0.3"}]
)
def test_bad_link_values_fall_back_to_the_checkpoint(query: dict, predictor) -> None:
    at = page(query)
    assert not at.exception
    assert at.slider(key="threshold").value == pytest.approx(predictor.threshold)
    assert at.slider(key="band").value == pytest.approx(predictor.band)


def test_language_switch() -> None:
    at = page({"text": "手机很好"}, lang="zh")
    assert "正面" in headline(at) or "负面" in headline(at)
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value == EN("title")
    assert re.search(r"(positive|negative|abstained)", headline(at))
    assert at.query_params["lang"] == "en"


def test_one_review_per_line_gives_a_table(predictor) -> None:
    lines = ["手机很好", "", "电脑很差", "衣服喜欢"]
    at = page()
    at.text_area(key="text").set_value("\n".join(lines))
    at.checkbox(key="per_line").check().run()
    table = at.dataframe[0].value
    assert list(table[EN("col_text")]) == ["手机很好", "电脑很差", "衣服喜欢"]
    scores = predictor.predict_proba(["手机很好", "电脑很差", "衣服喜欢"])
    assert np.allclose(table[EN("col_probability")], scores)


@pytest.mark.parametrize(
    "text",
    ["", "   \n ", "😀🎉👍", "a" * 10**6, "好" * 200_000, "好" * limits.TEXT_CHARS, "<script>**x**</script>"],
    ids=["empty", "blank", "emoji", "megabyte", "many-words", "at-the-limit", "markup"],
)
def test_odd_texts_never_raise(text: str) -> None:
    at = page()
    at.text_area(key="text").set_value(text).run()
    assert not at.exception
    if len(text) > limits.TEXT_CHARS:  # refused with the limit, which the sidebar shows too
        n, limit = f"{len(text.strip()):,}", f"{limits.TEXT_CHARS:,}"
        assert at.error[0].value == EN("one_text_too_long", n=n, limit=limit)
        refused = EN("teach_refused", tab=EN("tab_score"))
        assert [i.value for i in at.info].count(refused) == 2  # the teaching tabs say why, not "type a text"
    elif text.strip():
        assert headline(at).startswith("### :")
    else:
        assert at.info[0].value == EN("empty_text")


def test_long_text_notes_what_the_model_reads(predictor) -> None:
    at = page()
    at.text_area(key="text").set_value("手机 很好 " * 400).run()
    total = len(predictor.segment("手机 很好 " * 400))
    notes = " ".join(c.value for c in at.caption)
    assert f"Showing the first 300 of {total} words" in notes
    assert f"The text has {total} words; the model reads the last {predictor.max_len}" in notes
    assert at.markdown[1].value.count(" · ") == 299


def test_the_neighbors_picker_never_starts_from_punctuation(predictor) -> None:
    comma = next(w for w in predictor.segment("手机，") if not w.isalnum())
    assert predictor.in_vocabulary(comma)
    assert page({"text": "手机，"}).multiselect(key="nb_words").value == ["手机"]


def test_neighbors_picker_typed_word_and_k(predictor) -> None:
    at = page({"text": "手机很好，非常满意"})
    assert at.text_input(key="nb_typed").value == TYPED  # the 2015 post's example until one is typed
    picked = at.multiselect(key="nb_words").value
    assert picked and all(predictor.in_vocabulary(w) for w in picked)
    at.multiselect(key="nb_words").set_value(["手机"]).run()
    at.slider(key="nb_k").set_value(4).run()
    table = table_with(at, EN("col_neighbor"))
    assert list(table[EN("col_neighbor")]) == [w for w, _ in predictor.neighbors("手机", 4)]
    assert np.allclose(table[EN("col_similarity")], [s for _, s in predictor.neighbors("手机", 4)])
    at.text_input(key="nb_typed").set_value("魑魅魍魉 很差").run()
    assert "'魑魅魍魉' is not in the vocabulary" in at.info[0].value
    assert set(table_with(at, EN("col_neighbor"))[EN("col_word")]) == {"手机", "很差"}
