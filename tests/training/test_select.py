"""``measure.select``: the validation accuracy per corpus, paired against the first checkpoint, and the
behaviour suite's dev half, for checkpoints trained on the same split."""

from __future__ import annotations

import json
import shutil
import sys

import numpy as np
import pytest

from measure import select
from sentiment import load_predictor
from sentiment.behaviour.report import summary
from sentiment.behaviour.run import run_suite
from sentiment.core.checkpoint import META
from sentiment.training.evaluate import rebuild
from sentiment.training.train import main as train
from tests.synthetic import TINY_ARGS


def run(monkeypatch, capsys, *checkpoints) -> str:
    monkeypatch.setattr(sys, "argv", ["select", *map(str, checkpoints)])
    select.main()
    return capsys.readouterr().out


def test_each_checkpoint_gets_its_validation_accuracy_and_dev_half(
    tiny_checkpoint, tmp_path, monkeypatch, capsys
):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_checkpoint, copy)
    out = run(monkeypatch, capsys, tiny_checkpoint, copy)
    p = load_predictor(tiny_checkpoint)
    val = rebuild(tiny_checkpoint).frame.query("split == 'val'")
    accuracy = ((p.predict_proba(list(val["text"])) >= 0.5) == val["label"].to_numpy()).mean()
    suite = run_suite(p, "dev", baseline=False)
    dev = summary(suite, 0)["models"]["lstm"]["pass_rate"]
    taught = np.array([select.taught_phrasing(c) for c in suite.cases])
    passed = suite.outcomes["lstm"].passed
    parts = [f"{100 * passed[part].mean():.1f} %" for part in (taught, ~taught)]
    cell = f"{100 * accuracy:.2f} % ({len(val)})"
    assert f"| {tiny_checkpoint} | {cell} | {100 * dev:.1f} % | {' | '.join(parts)} |" in out.splitlines()
    same = " | ".join(f"{part}, +0.0 ± 0.0" for part in [f"{100 * dev:.1f} %", *parts])
    assert f"| {copy} | {cell}, +0.00 ± 0.00 | {same} |" in out.splitlines()  # itself
    assert f"dev, taught phrasing ({taught.sum()}) | dev, other ({(~taught).sum()})" in out
    assert "| negated_negative | " in out


def test_a_case_in_a_phrasing_the_augmentation_writes_is_taught():
    from sentiment.behaviour.cases import Case, generate

    def case(text, original=""):
        return Case("contrast", "t", "dev", "MFT", text, original)

    assert select.taught_phrasing(case("物流很快，但是质量太差了"))  # 但是: the augmentation's contrast
    assert select.taught_phrasing(case("这个手机一点也不贵"))  # one of its negators
    assert select.taught_phrasing(case("这个手机很贵", original="本以为很好，结果不好"))  # in the original
    assert not select.taught_phrasing(case("物流很快，可是质量太差了"))  # 可是: a test-half connective
    assert not any(select.taught_phrasing(c) for c in generate("test") if c.capability == "contrast")


def test_paired_difference_and_its_standard_error_by_hand():
    d, se = select.paired(np.array([1, 1, 0, 1]), np.array([1, 0, 0, 0]))  # differences 0, 1, 0, 1
    assert d == 0.5 and se == pytest.approx(np.sqrt(1 / 3) / 2)


def test_another_model_on_the_same_split_gets_its_paired_difference(
    tiny_checkpoint, corpus_csv, tmp_path, monkeypatch, capsys
):
    other = tmp_path / "seed1"
    train(["--table", str(corpus_csv), "--out", str(other), *TINY_ARGS, "--seed", "1", "--epochs", "1"])
    out = run(monkeypatch, capsys, tiny_checkpoint, other)
    val = rebuild(tiny_checkpoint).frame.query("split == 'val'")
    labels = val["label"].to_numpy()
    right = [
        (load_predictor(c).predict_proba(list(val["text"])) >= 0.5) == labels
        for c in (tiny_checkpoint, other)
    ]
    d, se = select.paired(right[1], right[0])
    assert d == (right[1].mean() - right[0].mean()) and se > 0
    passed = [
        run_suite(load_predictor(c), "dev", baseline=False).outcomes["lstm"].passed
        for c in (tiny_checkpoint, other)
    ]
    dev_d, dev_se = select.paired(passed[1], passed[0])
    assert dev_d == pytest.approx(passed[1].mean() - passed[0].mean()) and dev_se > 0
    row = f"| {other} | {100 * right[1].mean():.2f} % ({len(val)}), {100 * d:+.2f} ± {100 * se:.2f} | "
    assert row + f"{100 * passed[1].mean():.1f} %, {100 * dev_d:+.1f} ± {100 * dev_se:.1f} |" in out


def test_checkpoints_on_another_split_are_refused(tiny_checkpoint, tmp_path, monkeypatch, capsys):
    other = tmp_path / "other"
    shutil.copytree(tiny_checkpoint, other)
    meta = json.loads((other / META).read_text(encoding="utf-8"))
    meta["train"]["split_seed"] += 1
    (other / META).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(SystemExit, match="different split settings"):
        run(monkeypatch, capsys, tiny_checkpoint, other)
