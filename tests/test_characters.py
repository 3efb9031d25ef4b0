"""A network that reads each word's characters beside the word (``--char-dim``), end to end: trained
through the CLI, saved, loaded, scored by both engines, explained and swapped word by word."""

import json

import numpy as np
import pytest

from sentiment import load_predictor
from sentiment.checkpoint import META
from sentiment.counterfactual import substitutions
from sentiment.predict import TORCH_FROM
from sentiment.train import main
from tests.synthetic import TINY_ARGS


@pytest.fixture(scope="module")
def char_checkpoint(tmp_path_factory, corpus_csv):
    out = tmp_path_factory.mktemp("ckpt") / "chars"
    main(["--table", str(corpus_csv), "--out", str(out), *TINY_ARGS, "--char-dim", "4", "--word-chars", "3"])
    return out


def test_the_checkpoint_records_its_characters(char_checkpoint):
    meta = json.loads((char_checkpoint / META).read_text())
    assert meta["model"]["char_dim"] == 4
    assert meta["model"]["char_vocab_size"] == len(meta["chars"]) + 2
    assert "好" in meta["chars"] and "差" in meta["chars"]
    assert meta["train"]["word_chars"] == 3
    assert meta["metrics"]["test"]["lstm"]["accuracy"] >= 0.9


def test_unknown_words_read_through_their_characters(char_checkpoint):
    p = load_predictor(char_checkpoint)
    assert p.in_vocabulary("手机") and p.ids_of(["手机"])[0][0] > 1  # its own row, then its characters
    unknown = p.ids_of(["好差好"])[0]  # not a word of the corpus, but its characters are
    assert unknown[0] == 1 and all(c > 1 for c in unknown[1:])
    assert p.predict_proba(["好差好"])[0] != pytest.approx(p.predict_proba(["某某某"])[0], abs=1e-6)


def test_both_engines_and_explain_agree(char_checkpoint):
    p = load_predictor(char_checkpoint)
    texts = ["手机很好", "电脑很差，非常失望", "", "某某某很好"] * (TORCH_FROM // 4)
    torch_scores = p.predict_proba(texts)  # enough texts for the torch engine
    numpy_scores = np.concatenate([p.predict_proba(texts[i : i + 4]) for i in range(0, 8, 4)])
    np.testing.assert_allclose(torch_scores[:8], numpy_scores, atol=1e-6)
    e = p.explain("电脑很差，非常失望")
    assert e.prefix_proba[-1] == pytest.approx(numpy_scores[1], abs=1e-9)
    assert e.gates.shape[1] == len(e.tokens)


def test_round_trip_and_refusal_of_missing_characters(char_checkpoint, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(char_checkpoint, copy)
    texts = ["手机很好", "某某某很差"]
    np.testing.assert_array_equal(
        load_predictor(copy).predict_proba(texts), load_predictor(char_checkpoint).predict_proba(texts)
    )
    meta = json.loads((copy / META).read_text())
    meta["chars"] = meta["chars"][:-1]
    (copy / META).write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="'chars' must be a string of"):
        load_predictor(copy)


def test_swaps_bring_the_new_words_characters(char_checkpoint):
    p = load_predictor(char_checkpoint)
    e = p.explain("手机很好")
    table = substitutions(e, p.vectors, p.logits, p.ids_of, 3, p.threshold, p.band)
    assert len(table)
    row = table.iloc[0]
    swapped = list(e.tokens)
    swapped[row["position"]] = row["replacement"]
    assert row["proba"] == pytest.approx(p.proba_from_ids([p.ids_of(swapped)])[0], abs=1e-9)
