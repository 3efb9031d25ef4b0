"""Checkpoint directories in safe formats only; nothing is ever unpickled.

A checkpoint is a directory holding
- ``meta.json``: format, model and training settings, data files with sha256, metrics, threshold, band;
- ``model.safetensors``: the network's state dict, the embedding as float16 and only as far as its rows
  differ from the stored word vectors (rows left frozen at their Word2Vec vectors are read from those);
- ``vectors.safetensors``: the Word2Vec vectors at 8 bits (``embeddings.save_vectors``), the words
  most frequent in the training texts first; the network reads the first ``vocab_size - 2`` of them,
  the neighbor explorer all (version 1 checkpoints hold ``vectors.bin``, the word2vec binary format,
  with exactly the network's words);
- ``validation.json``: validation scores and labels, from which the page draws its curves (a checkpoint
  over several classes, ``meta["classes"]``, holds a row of class probabilities per text);
- optionally ``baseline.json.gz`` + ``baseline.safetensors``: the TF-IDF baseline (``bagofwords.py``),
  trained on the same texts; older checkpoints have none and still load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sentiment.core.bagofwords import BagOfWords, has_bag_of_words, load_bag_of_words
from sentiment.core.config import ModelConfig
from sentiment.core.embeddings import WordVectors, as_stored, load_vectors, load_word2vec_binary, save_vectors
from sentiment.core.forward import expected_shapes

FORMAT = "word2vec-lstm-sentiment"
VERSION = 2
VERSIONS = (1, 2)  # read; version 2 is written
META, WEIGHTS, VALIDATION = "meta.json", "model.safetensors", "validation.json"
VECTORS, VECTORS_V1 = "vectors.safetensors", "vectors.bin"
EMBEDDING = "embedding.weight"  # the bulk of the weights; float16 halves the checkpoint at no measurable cost


@dataclass
class Checkpoint:
    meta: dict
    config: ModelConfig
    state: dict[str, np.ndarray]  # the network's state dict as float32 arrays, torch's names
    vectors: WordVectors  # every word with a vector; the network reads the first config.vocab_size - 2
    val_scores: np.ndarray  # (n,) P(positive), or (n, classes)
    val_labels: np.ndarray
    baseline: BagOfWords | None = None  # the bag-of-words model trained on the same texts, if saved


def write_validation(directory: Path, scores, labels) -> None:
    """validation.json: the validation split's scores (6 decimals) and labels, for the page's curves."""
    rounded = np.round(np.asarray(scores, dtype=np.float64), 6).tolist()
    validation = {"scores": rounded, "labels": [int(y) for y in labels]}
    (directory / VALIDATION).write_text(json.dumps(validation))


def save_checkpoint(directory: str | Path, ckpt: Checkpoint) -> None:
    """Write the files of a checkpoint into ``directory`` (created if needed)."""
    from safetensors.numpy import save_file

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    meta = {**ckpt.meta, "format": FORMAT, "version": VERSION, "model": ckpt.config.to_dict()}
    state = {k: np.ascontiguousarray(v, np.float32) for k, v in ckpt.state.items()}
    embedding = state[EMBEDDING]
    state[EMBEDDING] = embedding[: own_rows(embedding, ckpt.vectors)].astype(np.float16)
    save_file(state, str(directory / WEIGHTS))
    save_vectors(ckpt.vectors, directory / VECTORS)
    write_validation(directory, ckpt.val_scores, ckpt.val_labels)
    (directory / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    if ckpt.baseline is not None:
        ckpt.baseline.save(directory)


def own_rows(embedding: np.ndarray, vectors: WordVectors) -> int:
    """How many leading embedding rows to store: PAD, UNK and every row up to the last that differs from
    its word's vector as the checkpoint stores it (the rest are read back from the vectors)."""
    words = len(embedding) - 2
    stored = as_stored(vectors.head(words)).vectors
    if len(stored) < words:
        return len(embedding)
    differs = np.flatnonzero((embedding[2:] != stored).any(axis=1))
    return 2 + (int(differs[-1]) + 1 if len(differs) else 0)


def vectors_path(directory: Path, version: int = VERSION) -> Path:
    """Where a checkpoint of ``version`` keeps its word vectors."""
    return directory / (VECTORS if version == 2 else VECTORS_V1)


def read_vectors(path: Path) -> WordVectors:
    """Word vectors from either file a checkpoint may hold (by its name), or a word2vec binary file."""
    return load_vectors(path) if path.suffix == ".safetensors" else load_word2vec_binary(path)


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: not valid JSON ({err})") from None
    if not isinstance(value, dict):
        raise ValueError(f"{path}: expected a JSON object")
    return value


def check_classes(path: Path, meta: dict, config: ModelConfig) -> list[str]:
    """The class names: negative and positive for one output; else ``meta["classes"]``, one distinct
    name per output (ValueError otherwise)."""
    if config.outputs == 1:
        return ["negative", "positive"]
    classes = meta.get("classes")
    if (
        not isinstance(classes, list)
        or len(classes) != config.outputs
        or not all(isinstance(c, str) and c for c in classes)
        or len(set(classes)) != len(classes)
    ):
        raise ValueError(f"{path}: classes must be {config.outputs} distinct names, got {classes!r}")
    return classes


def load_checkpoint(directory: str | Path, baseline: bool = True) -> Checkpoint:
    """Read and check a checkpoint directory; ValueError saying what is wrong otherwise.

    ``baseline=False`` leaves the TF-IDF baseline on disk (reading it is most of the load time;
    the Predictor reads it on first use)."""
    from safetensors import SafetensorError
    from safetensors.numpy import load_file

    directory = Path(directory)
    if not directory.is_dir():
        raise ValueError(f"{directory}: checkpoint directory not found")
    missing = [n for n in (META, WEIGHTS, VALIDATION) if not (directory / n).is_file()]
    if missing:
        raise ValueError(f"{directory}: not a checkpoint, missing {', '.join(missing)}")
    meta = _read_json(directory / META)
    if meta.get("format") != FORMAT or meta.get("version") not in VERSIONS:
        raise ValueError(
            f"{directory / META}: format {meta.get('format')!r} version {meta.get('version')!r}, "
            f"expected {FORMAT!r} version {' or '.join(map(str, VERSIONS))}"
        )
    vectors_file = vectors_path(directory, meta["version"])
    if not vectors_file.is_file():
        raise ValueError(f"{directory}: not a checkpoint, missing {vectors_file.name}")
    try:
        config = ModelConfig(**meta["model"])
        if int(meta["train"]["max_len"]) < 1:
            raise ValueError("train.max_len must be at least 1")
    except (KeyError, TypeError, ValueError) as err:
        raise ValueError(f"{directory / META}: bad model settings ({err!r})") from None
    try:
        state = load_file(str(directory / WEIGHTS))
    except (SafetensorError, OSError) as err:
        raise ValueError(f"{directory / WEIGHTS}: not a safetensors file ({err})") from None
    shapes = {k: tuple(v.shape) for k, v in state.items()}
    own = shapes.get(EMBEDDING, (0,))[0]  # rows after these are the word vectors'
    if meta["version"] == 2 and 2 <= own < config.vocab_size:
        shapes[EMBEDDING] = (config.vocab_size, *shapes[EMBEDDING][1:])
    if shapes != expected_shapes(config):
        raise ValueError(
            f"{directory / WEIGHTS}: weights do not fit the model settings "
            f"(expected {expected_shapes(config)}, found {shapes})"
        )
    state = {k: v.astype(np.float32) for k, v in state.items()}
    vectors = read_vectors(vectors_file)
    exact = meta["version"] == 1  # version 1 held the network's words only
    if len(vectors) + 2 < config.vocab_size or (exact and len(vectors) + 2 != config.vocab_size):
        raise ValueError(f"{vectors_file}: {len(vectors)} words do not fit vocab_size {config.vocab_size}")
    frozen = vectors.vectors[own - 2 : config.vocab_size - 2]
    state[EMBEDDING] = np.concatenate([state[EMBEDDING], frozen]) if len(frozen) else state[EMBEDDING]
    classes = check_classes(directory / META, meta, config)
    validation = _read_json(directory / VALIDATION)
    try:
        scores = np.asarray(validation.get("scores", []), dtype=np.float64)
        labels = np.asarray(validation.get("labels", []), dtype=np.int64)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{directory / VALIDATION}: scores and labels must be numbers ({err})") from None
    width = () if config.outputs == 1 else (config.outputs,)
    if scores.shape != labels.shape + width or (width and not len(labels)):
        raise ValueError(f"{directory / VALIDATION}: scores of shape {scores.shape} for {len(labels)} labels")
    if not (np.all((scores >= 0) & (scores <= 1)) and np.isin(labels, range(len(classes))).all()):
        raise ValueError(
            f"{directory / VALIDATION}: scores must lie in [0, 1] and labels be 0 to {len(classes) - 1}"
        )
    if not baseline:
        has_bag_of_words(directory)  # refuses half a baseline now, though it is read later
    bag = load_bag_of_words(directory) if baseline else None
    return Checkpoint(meta, config, state, vectors, scores, labels, bag)
