"""``measure.select``: the validation accuracy per corpus, paired against the first checkpoint, and the
behaviour suite's dev half, for checkpoints trained on the same split."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from measure import select
from sentiment import load_predictor
from sentiment.behaviour.report import summary
from sentiment.behaviour.run import run_suite
from sentiment.core.checkpoint import META
from sentiment.training.evaluate import rebuild


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
    dev = summary(run_suite(p, "dev", baseline=False), 0)["models"]["lstm"]["pass_rate"]
    cell = f"{100 * accuracy:.2f} % ({len(val)})"
    assert f"| {tiny_checkpoint} | {cell} | {100 * dev:.1f} % |" in out.splitlines()
    assert f"| {copy} | {cell}, +0.00 ± 0.00 | {100 * dev:.1f} % |" in out.splitlines()  # paired with itself
    assert "| negated_negative | " in out


def test_checkpoints_on_another_split_are_refused(tiny_checkpoint, tmp_path, monkeypatch, capsys):
    other = tmp_path / "other"
    shutil.copytree(tiny_checkpoint, other)
    meta = json.loads((other / META).read_text(encoding="utf-8"))
    meta["train"]["split_seed"] += 1
    (other / META).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(SystemExit, match="different split settings"):
        run(monkeypatch, capsys, tiny_checkpoint, other)
