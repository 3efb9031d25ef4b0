import numpy as np
import pytest

from tests.synthetic import POSITIVE, SUBJECTS, synthetic_reviews


def test_tiny_model_learns_the_synthetic_task(tiny_predictor):
    trained_on = {t for t, _ in synthetic_reviews(400)}
    fresh = [(t, y) for t, y in synthetic_reviews(400, seed=7) if t not in trained_on]
    assert len(fresh) > 100
    scores = tiny_predictor.predict_proba([t for t, _ in fresh])
    assert np.mean((scores >= 0.5) == np.array([y for _, y in fresh])) >= 0.95


def test_predict_proba_takes_any_list_of_strings(tiny_predictor):
    texts = ["", "   ", "😀👍🏽", "\x00\u202e控制字符", "好" * 5000, "手机很好"]
    scores = tiny_predictor.predict_proba(texts)
    assert scores.shape == (len(texts),)
    assert np.all((scores >= 0) & (scores <= 1))
    np.testing.assert_array_equal(scores, tiny_predictor.predict_proba(texts))
    assert tiny_predictor.predict_proba([]).shape == (0,)


def test_batching_does_not_change_scores(tiny_predictor):
    texts = [f"{s}{p}" for s in SUBJECTS for p in POSITIVE[:3]]
    np.testing.assert_allclose(
        tiny_predictor.predict_proba(texts, batch_size=4), tiny_predictor.predict_proba(texts), atol=1e-6
    )
    assert tiny_predictor.predict_proba([texts[5]])[0] == pytest.approx(
        tiny_predictor.predict_proba(texts)[5], abs=1e-6
    )


@pytest.mark.parametrize("bad", ["一段文字", None, [1, 2], ["ok", None]])
def test_predict_proba_rejects_what_is_not_a_list_of_strings(tiny_predictor, bad):
    with pytest.raises(TypeError):
        tiny_predictor.predict_proba(bad)


def test_segment_and_vocabulary(tiny_predictor):
    words = tiny_predictor.segment("手机非常满意")
    assert words[0] == "手机" and all(tiny_predictor.in_vocabulary(w) for w in words)
    assert not tiny_predictor.in_vocabulary("量子纠缠")


def test_threshold_and_band_come_from_validation(tiny_predictor):
    lo, hi = tiny_predictor.band
    assert 0 <= lo <= tiny_predictor.threshold <= hi <= 1
    assert tiny_predictor.threshold == tiny_predictor.meta["threshold"]


def test_neighbors(tiny_predictor):
    result = tiny_predictor.neighbors("手机", k=3)
    assert len(result) == 3 and all(-1 <= s <= 1 for _, s in result)
    assert [s for _, s in result] == sorted((s for _, s in result), reverse=True)
    assert "手机" not in [w for w, _ in result]
    with pytest.raises(KeyError, match="not in the vocabulary"):
        tiny_predictor.neighbors("量子纠缠")


def test_numpy_and_torch_engines_agree(tiny_predictor):
    from sentiment.core.predict import TORCH_FROM

    texts = [t for t, _ in synthetic_reviews(TORCH_FROM + 20, seed=3)] + ["", "😀"]
    by_torch = tiny_predictor.predict_proba(texts)  # one big call: torch
    by_numpy = np.concatenate(
        [tiny_predictor.predict_proba(texts[i : i + 50]) for i in range(0, len(texts), 50)]
    )
    np.testing.assert_allclose(by_torch, by_numpy, atol=1e-5)
