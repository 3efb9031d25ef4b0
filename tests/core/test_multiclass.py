"""A checkpoint over several classes: the same Predictor code, an (n, classes) probability array, and
explain, segment and neighbors per class; the polarity Predictor unchanged beside it."""

import json
import shutil

import numpy as np
import pytest
import torch

from sentiment import Predictor, load_predictor
from sentiment.core.checkpoint import META, VALIDATION, load_checkpoint, save_checkpoint
from sentiment.core.config import ModelConfig
from sentiment.core.encoding import pad_batch
from sentiment.core.forward import NumpyNet, expected_shapes
from sentiment.core.model import SentimentNet
from sentiment.core.predict import EMOTION_CHECKPOINT, TORCH_FROM, MulticlassPredictor
from tests.synthetic import EMOTIONS

TEXTS = ["这次手机好害怕，", "谢谢你们", "", "😀", "魑魅魍魉"]


@pytest.fixture(scope="module")
def emotions(tiny_emotion_checkpoint):
    return load_predictor(tiny_emotion_checkpoint)


def test_it_loads_through_the_same_entry_point_with_its_class_names(emotions, tiny_predictor):
    assert isinstance(emotions, MulticlassPredictor)
    assert emotions.classes == tuple(EMOTIONS)
    assert type(tiny_predictor) is Predictor and not hasattr(tiny_predictor, "classes")
    assert tiny_predictor.predict_proba(TEXTS).shape == (len(TEXTS),)


def test_probabilities_are_one_row_per_text_summing_to_one(emotions):
    proba = emotions.predict_proba(TEXTS)
    assert proba.shape == (len(TEXTS), len(EMOTIONS))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert emotions.predict_proba([]).shape == (0, len(EMOTIONS))


def test_the_torch_engine_gives_the_numpy_probabilities(emotions):
    texts = (TEXTS * TORCH_FROM)[:TORCH_FROM]
    small = emotions.predict_proba(TEXTS)  # numpy, below TORCH_FROM texts
    np.testing.assert_allclose(
        emotions.predict_proba(texts), small[np.arange(TORCH_FROM) % len(TEXTS)], atol=1e-6
    )


def test_the_tiny_model_learned_its_phrases(emotions):
    """Each class's own phrase makes it the top class (the data are separable)."""
    phrases = [f"这次手机{words[0]}，" for words in EMOTIONS.values()]
    assert emotions.predict_proba(phrases).argmax(axis=1).tolist() == list(range(len(EMOTIONS)))


def test_explain_gives_a_curve_and_contributions_per_class(emotions):
    text = TEXTS[0]
    e = emotions.explain(text)
    n = len(e.tokens)
    assert e.prefix_proba.shape == e.contributions.shape == (n, len(EMOTIONS))
    np.testing.assert_allclose(e.proba, emotions.predict_proba([text])[0])
    np.testing.assert_allclose(e.prefix_proba[-1], e.proba)
    for i in range(n - 1):  # each prefix scored as a text of its own
        ids = [emotions.encode([text])[0][: i + 1]]
        np.testing.assert_allclose(e.prefix_proba[i], emotions.proba_from_ids(ids)[0], atol=1e-6)
    left_out = emotions.proba_from_ids([emotions.encode([text])[0][1:]])[0]
    np.testing.assert_allclose(e.contributions[0], e.proba - left_out, atol=1e-6)
    empty = emotions.explain("")
    assert empty.prefix_proba.shape == empty.contributions.shape == (0, len(EMOTIONS))
    np.testing.assert_allclose(empty.proba, emotions.predict_proba([""])[0])


def test_segment_and_neighbors_work_as_for_polarity(emotions):
    assert emotions.segment("这次手机好害怕") == ["这次", "手机", "好", "害怕"]
    assert len(emotions.neighbors("手机", k=3)) == 3
    with pytest.raises(ValueError, match="no bag-of-words baseline"):
        emotions.baseline_proba(TEXTS)


@pytest.mark.parametrize(
    ("cell", "bidirectional", "pooling"), [("lstm", True, "max+mean"), ("gru", False, "last")]
)
def test_numpy_forward_equals_torch_with_several_outputs(cell, bidirectional, pooling):
    torch.manual_seed(0)
    config = ModelConfig(30, 6, 5, cell, bidirectional, pooling, outputs=4)
    net = SentimentNet(config).eval()
    state = {k: v.numpy() for k, v in net.state_dict().items()}
    assert {k: v.shape for k, v in state.items()} == expected_shapes(config)
    ids = np.random.default_rng(0).integers(2, 30, size=(3, 6))
    with torch.no_grad():
        expected = net(*pad_batch(ids.tolist())).numpy()
    numpy_net = NumpyNet(config, state)
    np.testing.assert_allclose(numpy_net.logits(ids), expected, atol=1e-5)
    assert numpy_net.prefix_logits(ids[0]).shape == (6, 4)


def test_a_round_trip_keeps_the_probabilities(emotions, tmp_path):
    save_checkpoint(tmp_path / "copy", emotions.checkpoint)
    np.testing.assert_array_equal(
        load_predictor(tmp_path / "copy").predict_proba(TEXTS), emotions.predict_proba(TEXTS)
    )


@pytest.fixture
def broken(tiny_emotion_checkpoint, tmp_path):
    target = tmp_path / "broken"
    shutil.copytree(tiny_emotion_checkpoint, target)
    return target


@pytest.mark.parametrize("classes", [None, ["fear"], ["a", "a", "b", "c", "d", "e", "f"], "fear"])
def test_class_names_must_fit_the_outputs(broken, classes):
    meta = json.loads((broken / META).read_text(encoding="utf-8"))
    meta["classes"] = classes
    (broken / META).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ValueError, match="classes must be 7 distinct names"):
        load_checkpoint(broken)


def test_validation_scores_must_be_rows_of_class_probabilities(broken):
    validation = json.loads((broken / VALIDATION).read_text())
    (broken / VALIDATION).write_text(json.dumps({**validation, "scores": [0.5] * len(validation["labels"])}))
    with pytest.raises(ValueError, match="scores of shape"):
        load_checkpoint(broken)
    (broken / VALIDATION).write_text(json.dumps({**validation, "labels": [7] * len(validation["labels"])}))
    with pytest.raises(ValueError, match="labels be 0 to 6"):
        load_checkpoint(broken)


def test_the_shipped_emotion_checkpoint_loads_and_assets_stay_small():
    p = load_predictor(EMOTION_CHECKPOINT)
    assert p.classes == ("fear", "disgust", "optimism", "surprise", "gratitude", "sadness", "anger")
    proba = p.predict_proba(["谢谢所有医护人员，辛苦了！", "太可怕了，好担心家人"])
    assert proba.shape == (2, 7) and proba.argmax(axis=1).tolist() == [4, 0]
    size = sum(f.stat().st_size for f in EMOTION_CHECKPOINT.parent.rglob("*") if f.is_file())
    assert size <= 20 * 2**20
