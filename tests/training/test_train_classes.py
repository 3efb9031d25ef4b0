"""``python -m sentiment.train --classes``: a checkpoint over classes, its metrics beside the multinomial
baseline, and the report ``python -m sentiment.evaluate --report`` writes."""

import json

import numpy as np
import pytest

from sentiment.core.checkpoint import META
from sentiment.training.evaluate import main as evaluate_main
from sentiment.training.train import loss_function, main
from tests.synthetic import EMOTIONS, TINY_ARGS


@pytest.fixture(scope="module")
def meta(tiny_emotion_checkpoint):
    return json.loads((tiny_emotion_checkpoint / META).read_text(encoding="utf-8"))


def test_meta_records_classes_counts_and_no_polarity_rule(meta):
    assert meta["classes"] == list(EMOTIONS) and meta["model"]["outputs"] == len(EMOTIONS)
    assert "threshold" not in meta and "band" not in meta
    assert meta["dedup"]["duplicates_removed"] >= 30  # the repeated rows
    counts = meta["class_counts"]
    assert {split: sum(c.values()) for split, c in counts.items()} == meta["split_sizes"]
    assert "--classes" in meta["command"] and meta["train"]["class_weight"] == 0.5


def test_test_metrics_of_both_models(meta):
    test = meta["metrics"]["test"]
    for model in ("lstm", "tfidf_lr"):
        m = test[model]
        assert m["n"] == meta["split_sizes"]["test"]
        assert set(m["per_class"]) == set(EMOTIONS)
        assert np.sum(m["confusion"]) == m["n"]
        assert 0 <= m["ece_top"] <= 1
    assert test["lstm"]["f1_macro"] >= 0.8  # the phrases decide the class
    assert meta["metrics"]["baseline"]["class_weight"] in (None, "balanced")


def test_the_report_is_written_from_the_meta(tiny_emotion_checkpoint, tmp_path, capsys):
    evaluate_main([str(tiny_emotion_checkpoint), "--report", str(tmp_path / "emotion")])
    text = (tmp_path / "emotion.md").read_text(encoding="utf-8")
    assert "| test | LSTM |" in text and "Confusion matrix, test split: TF-IDF + LR" in text
    assert json.loads((tmp_path / "emotion.json").read_text(encoding="utf-8"))["classes"] == list(EMOTIONS)
    assert "| fear |" in capsys.readouterr().out


def test_class_weights_balance_the_classes():
    loss = loss_function([0, 0, 0, 1], outputs=2, class_weight=1.0)
    np.testing.assert_allclose(loss.weight.numpy(), [4 / 6, 2.0])  # each class weighs the same in all
    assert loss_function([0, 0, 0, 1], outputs=2, class_weight=0.0).weight.tolist() == [1.0, 1.0]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--pos", "x.txt"], "--pos and --neg are polarities"),
        (["--augment", "10"], "does not apply with --classes"),
        (["--label-smoothing", "0.1"], "does not apply with --classes"),
    ],
)
def test_what_does_not_fit_classes_is_refused(emotion_csv, tmp_path, extra, message):
    argv = [
        "--table",
        str(emotion_csv),
        "--classes",
        ",".join(EMOTIONS),
        *extra,
        "--out",
        str(tmp_path / "x"),
    ]
    with pytest.raises(SystemExit, match=message):
        main([*argv, *TINY_ARGS])
