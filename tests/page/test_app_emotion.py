"""The Emotions tab and the upload's emotion columns through AppTest, on the tiny emotion checkpoint."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest

from sentiment import load_predictor
from sentiment.data import limits
from sentiment.page import results
from sentiment.page.i18n import class_namer, translator
from tests.app_fixtures import checkpoint_env, csv_bytes, page, reviews_table, table_with, upload
from tests.synthetic import EMOTIONS

pytestmark = pytest.mark.usefixtures(checkpoint_env.__name__)
EN = translator("en")
TEXT = "这次手机好害怕，总的来说"


@pytest.fixture(scope="module", autouse=True)
def emotion_env(tiny_emotion_checkpoint):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SENTIMENT_EMOTION_CHECKPOINT", str(tiny_emotion_checkpoint))
        yield


@pytest.fixture(scope="module")
def emotions(tiny_emotion_checkpoint):
    return load_predictor(tiny_emotion_checkpoint)


def emotion_tab(query: dict | None = None, lang: str = "en"):
    """The page with the Emotions tab open."""
    at = page(query, lang)
    at.session_state["tab"] = translator(lang)("tab_emotion")
    return at.run()


def figure(at, key: str) -> dict:
    return json.loads(next(c.proto.spec for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")))


def test_the_tab_runs_only_when_open() -> None:
    at = page({"text": TEXT})
    assert at.tabs[-1].label == EN("tab_emotion")
    assert not any(c.proto.id.endswith("-emo_bars") for c in at.get("plotly_chart"))


def test_bars_curve_and_contributions_of_a_typed_text(emotions) -> None:
    at = emotion_tab({"text": TEXT})
    assert not at.exception and not at.error
    e = emotions.explain(TEXT)
    top = int(np.argmax(e.proba))
    assert any(
        m.value == f"### Most likely emotion: {list(EMOTIONS)[top]} ({e.proba[top]:.3f})" for m in at.markdown
    )
    bars = figure(at, "emo_bars")["data"][0]
    assert bars["x"] == list(EMOTIONS)
    assert [float(t) for t in bars["text"]] == pytest.approx(emotions.predict_proba([TEXT])[0], abs=5e-4)
    curves = figure(at, "emo_curve")["data"]
    assert len(curves) == 3 and curves[0]["name"] == list(EMOTIONS)[top]
    contrib = figure(at, "emo_contrib")
    assert contrib["layout"]["xaxis"]["ticktext"] == list(e.tokens)
    assert list(EMOTIONS)[top] in contrib["layout"]["title"]["text"]


def test_class_names_in_chinese() -> None:
    at = emotion_tab({"text": TEXT}, lang="zh")
    assert not at.exception
    assert figure(at, "emo_bars")["data"][0]["x"] == [class_namer(translator("zh"))(c) for c in EMOTIONS]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("", "info"),  # nothing typed: the hint the teaching tabs give
        ("魑魅魍魉", "info"),  # no known word: said so, no curve
        ("好" * (limits.TEXT_CHARS + 1), "error"),  # too long: refused in the text box, the tab says so
    ],
)
def test_bad_input_gets_a_message_not_a_traceback(text: str, shown: str) -> None:
    at = emotion_tab({"text": text} if text else None)
    assert not at.exception
    infos = [i.value for i in at.info]
    if text == "":
        assert EN("teach_empty") in infos
    elif shown == "info":
        assert EN("emo_no_known") in infos
        assert not any(c.proto.id.endswith("-emo_curve") for c in at.get("plotly_chart"))
    else:
        assert at.error and EN("teach_refused", tab=EN("tab_score")) in infos


def test_a_missing_emotion_checkpoint_is_said(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SENTIMENT_EMOTION_CHECKPOINT", str(tmp_path / "nowhere"))
    at = emotion_tab({"text": TEXT})
    assert not at.exception
    assert any("Cannot load the emotion model" in e.value for e in at.error)


def test_an_upload_gets_emotion_columns_on_request(emotions) -> None:
    table = reviews_table(10)
    at = upload(page(), "reviews.csv", csv_bytes(table))
    assert EN("col_emotion") not in table_with(at, EN("col_probability")).columns
    at = at.checkbox(key="emo_upload").check().run()
    assert not at.exception and not at.error
    shown = table_with(at, EN("col_emotion"))
    proba = emotions.predict_proba(list(table["review"]))
    assert list(shown[EN("col_emotion")]) == [list(EMOTIONS)[i] for i in proba.argmax(axis=1)]
    np.testing.assert_allclose(shown[EN("col_emotion_probability")], proba.max(axis=1))


def test_the_download_carries_the_emotion_columns(emotions) -> None:
    frame = results.lines_frame(["手机好害怕", "谢谢你们"])
    proba = emotions.predict_proba(list(frame["text"]))
    top = results.Emotions.of(emotions.classes, proba)
    download = pd.read_csv(
        io.BytesIO(results.download_csv(frame, np.array([0.2, 0.9]), [], 0.5, (0.5, 0.5), emotions=top))
    )
    assert list(download.columns) == [
        "row",
        "text",
        "probability",
        "verdict",
        "emotion",
        "emotion_probability",
        "note",
    ]
    assert list(download["emotion"]) == [emotions.classes[i] for i in proba.argmax(axis=1)]
    np.testing.assert_allclose(download["emotion_probability"], proba.max(axis=1))
