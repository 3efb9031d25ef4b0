"""Temperature scaling: the fit, the map, the reliability bins, the calibrate command on the tiny model."""

import json
import shutil

import numpy as np
import pytest

from sentiment import load_predictor
from sentiment.decision.temperature import apply_temperature, fit_temperature, logit, nll, reliability
from sentiment.decision.thresholds import classify, expected_calibration_error
from sentiment.training import calibrate


def overconfident(temperature: float, n: int = 20_000, seed: int = 0):
    """Labels drawn from sigmoid(z), scores sigmoid(temperature * z): a model over-confident by T."""
    rng = np.random.default_rng(seed)
    z = rng.normal(0, 2, n)
    labels = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(np.int64)
    return 1 / (1 + np.exp(-temperature * z)), labels


@pytest.mark.parametrize("temperature", [0.5, 1.0, 1.7, 3.0])
def test_fit_recovers_a_known_temperature(temperature):
    scores, labels = overconfident(temperature)
    assert fit_temperature(scores, labels) == pytest.approx(temperature, rel=0.05)


def test_fit_lowers_ece_and_nll_on_overconfident_scores():
    scores, labels = overconfident(2.0)
    t = fit_temperature(scores, labels)
    assert nll(scores, labels, t) < nll(scores, labels)
    assert expected_calibration_error(apply_temperature(scores, t), labels) < expected_calibration_error(
        scores, labels
    )


def test_temperature_map_by_hand():
    assert float(apply_temperature(0.9, 2.0)) == pytest.approx(0.75)  # logit 2.197 -> 1.099 -> 0.75
    assert apply_temperature([0.0, 0.5, 1.0], 3.0).tolist() == [0.0, 0.5, 1.0]
    p = np.array([0.123456789, 0.5, 0.987])
    assert np.array_equal(apply_temperature(p, 1.0), p)
    assert logit([0.5])[0] == 0.0 and np.isinf(logit([0.0, 1.0])).all()


def test_decisions_unchanged_under_temperature():
    rng = np.random.default_rng(1)
    scores = np.concatenate([rng.random(5000), rng.random(200) ** 8, 1 - rng.random(200) ** 8])
    threshold, band = 0.553, (0.038, 0.790)
    scores = np.concatenate([scores, [threshold, *band, 0.0, 1.0]])  # the edges themselves too
    before = classify(scores, threshold, band)
    for t in (0.3, 1.2034, 4.0):
        g_band = tuple(apply_temperature(band, t).tolist())
        after = classify(apply_temperature(scores, t), float(apply_temperature(threshold, t)), g_band)
        assert np.array_equal(before, after)


def test_reliability_bins_by_hand():
    bins = reliability([0.05, 0.15, 0.85, 0.95, 1.0], [0, 1, 1, 1, 0], bins=2)
    assert bins["count"].tolist() == [2, 3]
    assert bins["predicted"] == pytest.approx([0.1, (0.85 + 0.95 + 1.0) / 3])
    assert bins["observed"] == pytest.approx([0.5, 2 / 3])
    assert bins["lo"].tolist() == [0.0, 0.5] and bins["hi"].tolist() == [0.5, 1.0]
    empty = reliability([0.1, 0.2], [0, 1], bins=4)
    assert empty["count"].tolist() == [2, 0, 0, 0] and np.isnan(empty["observed"][1:]).all()


def test_reliability_weighs_to_the_ece():
    scores, labels = overconfident(1.5, n=3000)
    bins = reliability(scores, labels)
    full = bins["count"] > 0
    gap = np.abs(bins["observed"] - bins["predicted"])[full] @ bins["count"][full] / len(scores)
    assert gap == pytest.approx(expected_calibration_error(scores, labels))


def test_compare_stores_only_when_both_splits_improve():
    scores, labels = overconfident(2.0)
    good = calibrate.compare(2.0, {"val": (scores, labels), "test": (scores[::-1], labels[::-1])})
    assert good["applied"] and good["val"]["ece_after"] < good["val"]["ece_before"]
    calibrated, labels = overconfident(1.0)
    assert not calibrate.compare(3.0, {"val": (calibrated, labels), "test": (calibrated, labels)})["applied"]


def test_predictor_applies_the_stored_temperature(tiny_checkpoint, tmp_path):
    copy = tmp_path / "ckpt"
    shutil.copytree(tiny_checkpoint, copy)
    meta = json.loads((copy / "meta.json").read_text())
    (copy / "meta.json").write_text(json.dumps({**meta, "temperature": 2.5}))
    texts = ["手机很好", "电脑很差", "这次衣服喜欢，说实话"]
    raw, tempered = (
        load_predictor(tiny_checkpoint).predict_proba(texts),
        load_predictor(copy).predict_proba(texts),
    )
    assert tempered == pytest.approx(apply_temperature(raw, 2.5))
    assert load_predictor(copy).temperature == 2.5 and load_predictor(tiny_checkpoint).temperature == 1.0
    (copy / "meta.json").write_text(json.dumps({**meta, "temperature": -1}))
    with pytest.raises(ValueError, match="temperature must be a positive number"):
        load_predictor(copy)


@pytest.mark.parametrize("applied", [True, False])
def test_calibrate_command_keeps_every_verdict(tiny_checkpoint, corpus_csv, tmp_path, monkeypatch, applied):
    """Whether the fitted T is stored is forced here, so both outcomes are checked on the tiny model."""
    copy = tmp_path / "ckpt"
    shutil.copytree(tiny_checkpoint, copy)
    real = calibrate.compare
    monkeypatch.setattr(calibrate, "compare", lambda t, splits: {**real(t, splits), "applied": applied})
    before = load_predictor(copy)
    texts = [line.split(",", 2)[2] for line in corpus_csv.read_text(encoding="utf-8").splitlines()[1:]]
    verdicts = classify(before.predict_proba(texts), before.threshold, before.band)
    report = calibrate.main([str(copy)])
    after = load_predictor(copy)
    meta = json.loads((copy / "meta.json").read_text())
    assert meta["calibration"]["temperature"] == report["temperature"] > 0
    assert np.array_equal(classify(after.predict_proba(texts), after.threshold, after.band), verdicts)
    if applied:
        t = report["temperature"]
        assert after.temperature == t and after.threshold == pytest.approx(
            apply_temperature(before.threshold, t)
        )
        val = np.asarray(json.loads((copy / "validation.json").read_text())["scores"])
        assert val == pytest.approx(apply_temperature(before.checkpoint.val_scores, t), abs=1e-4)
        labels = json.loads((copy / "validation.json").read_text())["labels"]
        assert meta["metrics"]["val"]["lstm"]["ece"] == pytest.approx(
            expected_calibration_error(val, labels), abs=1e-4
        )  # the stored metrics describe the calibrated scores
        with pytest.raises(SystemExit, match="already calibrated"):
            calibrate.main([str(copy)])
    else:
        assert "temperature" not in meta and after.threshold == before.threshold
        assert (copy / "validation.json").read_text() == (tiny_checkpoint / "validation.json").read_text()
