"""Shared fixtures: a tiny synthetic corpus and a tiny model trained on it once per session."""

from __future__ import annotations

import pytest

from tests.synthetic import TINY_ARGS, synthetic_reviews


@pytest.fixture(scope="session")
def corpus_csv(tmp_path_factory):
    """A CSV in the shape of online_shopping_10_cats (cat,label,review)."""
    path = tmp_path_factory.mktemp("data") / "reviews.csv"
    lines = ["cat,label,review"] + [f"x,{y},{t}" for t, y in synthetic_reviews(400)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory, corpus_csv):
    """A checkpoint directory trained in seconds on the synthetic corpus through the real CLI."""
    from sentiment.train import main

    out = tmp_path_factory.mktemp("ckpt") / "tiny"
    main(["--table", str(corpus_csv), "--out", str(out), *TINY_ARGS])
    return out


@pytest.fixture(scope="session")
def tiny_predictor(tiny_checkpoint):
    from sentiment import load_predictor

    return load_predictor(tiny_checkpoint)
