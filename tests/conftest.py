"""Shared fixtures: a tiny synthetic corpus and a tiny model trained on it once per session."""

from __future__ import annotations

import pytest

from tests.synthetic import EMOTIONS, TINY_ARGS, synthetic_emotions, synthetic_reviews


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
    from sentiment.training.train import main

    out = tmp_path_factory.mktemp("ckpt") / "tiny"
    main(["--table", str(corpus_csv), "--out", str(out), *TINY_ARGS])
    return out


@pytest.fixture(scope="session")
def emotion_csv(tmp_path_factory):
    """A CSV in the shape of weibo_emotion.csv (review,label with class numbers), with repeats."""
    path = tmp_path_factory.mktemp("data") / "emotions.csv"
    rows = synthetic_emotions(420)
    lines = ["review,label"] + [f"{t},{y}" for t, y in rows + rows[:30]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_emotion_checkpoint(tmp_path_factory, emotion_csv):
    """A checkpoint over the seven emotions, trained in seconds through the real CLI."""
    from sentiment.training.train import main

    out = tmp_path_factory.mktemp("ckpt") / "emotion"
    classes = ",".join(EMOTIONS)
    args = ["--table", str(emotion_csv), "--classes", classes, "--class-weight", "0.5", "--select", "f1"]
    main([*args, "--out", str(out), *TINY_ARGS])
    return out


@pytest.fixture(scope="session")
def tiny_predictor(tiny_checkpoint):
    from sentiment import load_predictor

    return load_predictor(tiny_checkpoint)


@pytest.fixture(scope="session")
def tiny_package(tmp_path_factory):
    """An installed package ``tinytexts`` 1.0, on sys.path, that ships ``texts/lines.txt`` (50 reviews)."""
    site = tmp_path_factory.mktemp("site-packages")
    (site / "tinytexts" / "texts").mkdir(parents=True)
    (site / "tinytexts" / "__init__.py").write_text("", encoding="utf-8")
    lines = "\n".join(t for t, _ in synthetic_reviews(50, seed=5)) + "\n"
    (site / "tinytexts" / "texts" / "lines.txt").write_text(lines, encoding="utf-8")
    (site / "tinytexts-1.0.dist-info").mkdir()
    metadata = "Metadata-Version: 2.1\nName: tinytexts\nVersion: 1.0\n"
    (site / "tinytexts-1.0.dist-info" / "METADATA").write_text(metadata, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(site))
        yield site / "tinytexts"


@pytest.fixture(scope="session")
def portable_checkpoint(tmp_path_factory, corpus_csv, tiny_package):
    """A tiny checkpoint trained on the corpus named relative to ``--data`` and on the package's texts."""
    from sentiment.training.train import main

    out = tmp_path_factory.mktemp("ckpt") / "portable"
    names = [
        "--table",
        f"{corpus_csv.parent.name}/{corpus_csv.name}",
        "--w2v-texts",
        "tinytexts:texts/lines.txt",
    ]
    main(["--data", str(corpus_csv.parent.parent), *names, "--out", str(out), *TINY_ARGS])
    return out
