"""The teaching tabs driven through AppTest on the tiny checkpoint: every control, and what it shows."""

from __future__ import annotations

import base64
import json
import shutil

import numpy as np
import pytest

from sentiment import load_predictor
from sentiment.core.bagofwords import BASELINE_JSON, BASELINE_WEIGHTS
from sentiment.core.checkpoint import save_checkpoint
from sentiment.page.i18n import translator
from sentiment.teaching.wordplay import analogy, odd_one_out, similarity
from tests.app_fixtures import checkpoint_env, page
from tests.random_model import random_predictor
from views.whatif import ORDER_EXAMPLES

pytestmark = pytest.mark.usefixtures(checkpoint_env.__name__)
EN = translator("en")
TEXT = "这次手机很好，非常满意"


@pytest.fixture(scope="module")
def predictor(tiny_checkpoint):
    return load_predictor(tiny_checkpoint)


def figure(at, key: str) -> dict:
    """The plotly figure drawn with ``key``."""
    return json.loads(next(c.proto.spec for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")))


def values(data) -> np.ndarray:
    """An array of a plotly figure's JSON, which packs numpy arrays as base64 ("bdata")."""
    if isinstance(data, dict):
        array = np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"])
        return array.reshape([int(n) for n in data["shape"].split(",")]) if "shape" in data else array
    return np.asarray(data)


def table(at, *columns: str):
    """The table on the page whose columns are exactly ``columns``."""
    return next(d.value for d in at.dataframe if list(d.value.columns) == list(columns))


def test_tabs_and_hints_without_text() -> None:
    at = page()
    assert not at.exception
    assert [t.label for t in at.tabs] == [
        EN("tab_score"),
        EN("tab_reading"),
        EN("tab_vectors"),
        EN("tab_whatif"),
        EN("tab_behaviour"),
        EN("tab_emotion"),
    ]
    assert [i.value for i in at.info].count(EN("teach_empty")) == 2  # reading and counterfactuals


def test_reading_curve_contributions_and_gates(predictor) -> None:
    at = page({"text": TEXT})
    assert not at.exception
    e = predictor.explain(TEXT)
    curve = figure(at, "read_curve")
    np.testing.assert_allclose(values(curve["data"][0]["y"]), e.prefix_proba)
    assert curve["layout"]["xaxis"]["ticktext"] == list(e.tokens)
    np.testing.assert_allclose(values(figure(at, "read_contrib")["data"][0]["y"]), e.contributions)
    mean = values(figure(at, "gates_mean")["data"][0]["z"])
    np.testing.assert_allclose(
        mean, e.gates.mean(axis=3).transpose(0, 2, 1).reshape(-1, len(e.tokens)), atol=1e-6
    )
    at.selectbox(key="gate_name").set_value(1).run()  # the input gate
    at.slider(key="gate_units").set_value(3).run()
    assert not at.exception
    units = figure(at, "gates_units")
    assert "input" in units["layout"]["title"]["text"]
    hidden = e.gates[0, :, 1, :].T
    order = np.argsort(-hidden.std(axis=1), kind="stable")[:3]
    np.testing.assert_allclose(values(units["data"][0]["z"]), hidden[order], atol=1e-6)
    assert at.selectbox(key="gate_dir").options == ["forward"]  # the tiny model reads one way


def test_user_text_is_escaped_in_the_coloured_words() -> None:
    at = page({"text": "很好<img src=x onerror=alert(1)>"})
    body = at.get("html")[0].proto.body
    assert "<img" not in body and "&lt;" in body


def test_one_line_of_several_is_explained(predictor) -> None:
    at = page({"text": "手机很好\n电脑很差", "lines": "1"})
    assert at.selectbox(key="read_line").options == ["手机很好", "电脑很差"]
    at.selectbox(key="read_line").set_value(1).run()
    at.selectbox(key="cf_line").set_value(1).run()
    assert not at.exception
    e = predictor.explain("电脑很差")
    np.testing.assert_allclose(values(figure(at, "read_curve")["data"][0]["y"]), e.prefix_proba)


def test_playground_controls_and_unknown_words(predictor) -> None:
    at = page()
    vectors = predictor.vectors
    at.text_input(key="wp_a").set_value("好").run()
    at.text_input(key="wp_b").set_value("差").run()
    assert f"{EN('col_similarity')}: **{similarity(vectors, '好', '差'):.3f}**" in [
        m.value for m in at.markdown
    ]
    for key, word in (("wp_an_a", "手机"), ("wp_an_b", "好"), ("wp_an_c", "差")):
        at.text_input(key=key).set_value(word).run()
    at.number_input(key="wp_an_k").set_value(3).run()
    expected = [w for w, _ in analogy(vectors, "手机", "好", "差", k=3)]
    assert table(at, EN("col_neighbor"), EN("col_similarity")).iloc[:, 0].tolist() == expected
    at.text_input(key="wp_pos").set_value("好").run()
    at.text_input(key="wp_neg").set_value("差").run()
    at.text_input(key="wp_axis_words").set_value("喜欢 讨厌").run()
    axis = figure(at, "wp_axis_chart")["data"][0]
    assert axis["text"] == ["差", "好", "喜欢", "讨厌"] and list(values(axis["x"])[:2]) == [0, 1]
    at.text_input(key="wp_odd").set_value("好 喜欢 好用 手机").run()
    assert EN("wp_odd_result", word=odd_one_out(vectors, ["好", "喜欢", "好用", "手机"])) in [
        m.value for m in at.markdown
    ]
    assert not at.exception and not at.warning
    at.text_input(key="wp_a").set_value("魑魅魍魉").run()
    at.text_input(key="wp_odd").set_value("很好 喜欢").run()
    warnings = [w.value for w in at.warning]
    assert any("魑魅魍魉" in w and "not in the vocabulary" in w for w in warnings)
    assert any("at least three" in w for w in warnings)


@pytest.mark.parametrize("typed", ["", "   ", ", ，,"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_words_to_place_says_so_and_the_tab_goes_on(typed, lang) -> None:
    tr = translator(lang)
    at = page(lang=lang)
    at.text_input(key="wp_axis_words").set_value(typed).run()
    assert not at.exception
    assert tr("wp_axis_none") in [i.value for i in at.info]
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith("-wp_axis_chart")]
    assert f"**{tr('wp_odd')}**" in [m.value for m in at.markdown]  # what follows still shows
    assert at.text_area(key="order_texts")


def test_counterfactual_controls(predictor) -> None:
    at = page({"text": TEXT})
    at.slider(key="cf_k").set_value(2).run()
    at.selectbox(key="cf_word").set_value(predictor.explain(TEXT).tokens.index("好")).run()
    assert not at.exception
    columns = [EN(f"cf_col_{c}") for c in ("word", "replacement", "similarity", "proba", "change", "verdict")]
    swaps = table(at, *columns)
    assert len(swaps) == 2 and set(swaps[EN("cf_col_word")]) == {"好"}
    flips = [m.value for m in at.markdown if m.value.startswith("**Swaps that change")]
    assert flips and "of" in flips[0]


def test_word_order_table(predictor) -> None:
    at = page()
    at.text_area(key="order_texts").set_value("手机很好\n\n电脑很差").run()
    shown = table(at, *(EN(c) for c in ("col_text", "order_words", "order_lstm", "order_bow")))
    texts = ["手机很好", "电脑很差", *ORDER_EXAMPLES]
    assert shown[EN("col_text")].tolist() == texts
    np.testing.assert_allclose(shown[EN("order_lstm")], predictor.predict_proba(texts))
    np.testing.assert_allclose(shown[EN("order_bow")], predictor.baseline_proba(texts))


def test_checkpoint_without_baseline_says_so(tiny_checkpoint, tmp_path, monkeypatch) -> None:
    old = tmp_path / "old"
    shutil.copytree(tiny_checkpoint, old)
    (old / BASELINE_JSON).unlink()
    (old / BASELINE_WEIGHTS).unlink()
    monkeypatch.setenv("SENTIMENT_CHECKPOINT", str(old))
    at = page({"text": TEXT})
    assert not at.exception
    assert EN("order_no_baseline") in [i.value for i in at.info]


def test_a_damaged_baseline_is_reported_and_the_page_still_works(
    tiny_checkpoint, tmp_path, monkeypatch
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(tiny_checkpoint, broken)
    (broken / BASELINE_WEIGHTS).write_bytes(b"not safetensors")
    monkeypatch.setenv("SENTIMENT_CHECKPOINT", str(broken))
    at = page({"text": TEXT})
    assert not at.exception
    assert any("unreadable baseline" in e.value for e in at.error)
    assert figure(at, "read_curve")  # the other views are unaffected


@pytest.mark.parametrize(("cell", "gate", "name"), [("lstm", 2, "output"), ("gru", 1, "update")])
def test_gates_of_both_directions_of_an_lstm_and_a_gru(tmp_path, monkeypatch, cell, gate, name) -> None:
    predictor = random_predictor(cell, bidirectional=True)
    save_checkpoint(tmp_path, predictor.checkpoint)
    monkeypatch.setenv("SENTIMENT_CHECKPOINT", str(tmp_path))
    at = page({"text": TEXT})
    assert at.selectbox(key="gate_dir").options == ["forward", "backward"]
    at.selectbox(key="gate_dir").set_value(1).run()
    at.selectbox(key="gate_name").set_value(gate).run()
    assert not at.exception
    assert figure(at, "gates_units")["layout"]["title"]["text"] == f"backward {name} gate, unit by unit"
    e = predictor.explain(TEXT)
    assert len(values(figure(at, "gates_mean")["data"][0]["z"])) == 2 * len(e.gate_names)
    assert EN(f"gates_help_{cell}") in [c.value for c in at.caption]
    assert EN("order_no_baseline") in [i.value for i in at.info]  # saved without a baseline
