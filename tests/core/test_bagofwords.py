"""The shipped TF-IDF baseline: the numpy scorer equals sklearn, files are safe, old checkpoints load."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from sentiment import load_predictor
from sentiment.core.bagofwords import BASELINE_JSON, BASELINE_WEIGHTS, BagOfWords, load_bag_of_words
from sentiment.core.text import Segmenter
from sentiment.training.fit_bagofwords import TfidfBaseline
from tests.synthetic import synthetic_reviews


@pytest.fixture(scope="module")
def fitted():
    segment = Segmenter().cut
    rows = synthetic_reviews(120, seed=3)
    model = TfidfBaseline(c=4.0).fit([segment(t) for t, _ in rows], [y for _, y in rows])
    return model, segment


TEXTS = ["手机很好，非常满意", "很差很差很差", "", "完全没见过的词", "好用 好用 难用", "服务周到，但是浪费钱"]


def test_numpy_scorer_equals_sklearn(fitted, tmp_path):
    model, segment = fitted
    tokens = [segment(t) for t in TEXTS] + [segment(t) for t, _ in synthetic_reviews(50, seed=9)]
    bow = model.to_bag_of_words()
    np.testing.assert_allclose(bow.predict_proba(tokens), model.predict_proba(tokens), rtol=0, atol=1e-12)
    bow.save(tmp_path)
    loaded = load_bag_of_words(tmp_path)
    np.testing.assert_array_equal(loaded.predict_proba(tokens), bow.predict_proba(tokens))
    assert loaded.c == 4.0 and loaded.vocabulary == bow.vocabulary


def test_files_are_gzipped_json_and_safetensors(fitted, tmp_path):
    fitted[0].to_bag_of_words().save(tmp_path)
    assert (tmp_path / BASELINE_JSON).read_bytes()[:2] == b"\x1f\x8b"  # gzip, not pickle
    assert load_bag_of_words(tmp_path / "missing-dir-is-no-baseline") is None


def test_broken_baseline_files_are_refused(fitted, tmp_path):
    fitted[0].to_bag_of_words().save(tmp_path)
    (tmp_path / BASELINE_WEIGHTS).write_bytes(b"\x80\x04not safetensors")
    with pytest.raises(ValueError, match="unreadable baseline"):
        load_bag_of_words(tmp_path)
    (tmp_path / BASELINE_WEIGHTS).unlink()
    with pytest.raises(ValueError, match="baseline incomplete"):
        load_bag_of_words(tmp_path)
    with pytest.raises(ValueError, match="must all match"):
        BagOfWords(["a", "b"], np.ones(2), np.ones(3), 0.0)


def test_the_predictor_reads_its_baseline_on_first_use(tiny_checkpoint, tmp_path):
    p = load_predictor(tiny_checkpoint)
    assert p.checkpoint.baseline is None  # not read with the checkpoint: it is most of the load time
    assert p.baseline is p.baseline is not None
    np.testing.assert_array_equal(p.baseline.coef, load_bag_of_words(tiny_checkpoint).coef)
    half = tmp_path / "half"
    shutil.copytree(tiny_checkpoint, half)
    (half / BASELINE_WEIGHTS).unlink()
    with pytest.raises(ValueError, match="baseline incomplete"):
        load_predictor(half)


def test_training_ships_the_baseline_and_old_checkpoints_still_load(tiny_checkpoint, tmp_path):
    p = load_predictor(tiny_checkpoint)
    assert p.baseline is not None
    scores = p.baseline_proba(TEXTS)
    assert scores.shape == (len(TEXTS),) and np.all((scores >= 0) & (scores <= 1))
    assert p.baseline_proba(["手机很好"])[0] > 0.5 > p.baseline_proba(["手机很差"])[0]
    old = tmp_path / "old"
    shutil.copytree(tiny_checkpoint, old)
    (old / BASELINE_JSON).unlink()
    (old / BASELINE_WEIGHTS).unlink()
    older = load_predictor(old)
    assert older.baseline is None
    np.testing.assert_array_equal(older.predict_proba(TEXTS), p.predict_proba(TEXTS))
    with pytest.raises(ValueError, match="no bag-of-words baseline"):
        older.baseline_proba(["手机很好"])
