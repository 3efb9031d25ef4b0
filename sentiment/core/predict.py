"""The ``Predictor``: a loaded checkpoint that scores, segments and finds neighbors.

>>> from sentiment import load_predictor
>>> p = load_predictor()                      # the default checkpoint in assets/
>>> p.predict_proba(["质量很好，物流也快", "太差了"])  # doctest: +SKIP
array([0.98, 0.03])
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from sentiment.core.bagofwords import BagOfWords, load_bag_of_words
from sentiment.core.checkpoint import Checkpoint, load_checkpoint
from sentiment.core.encoding import ids_of, read_tokens, token_ids
from sentiment.core.explain import Explanation, explain_ids
from sentiment.core.forward import NumpyNet, proba_by_length
from sentiment.core.text import NegationSplit, Segmenter

DEFAULT_CHECKPOINT = Path(__file__).resolve().parents[2] / "assets" / "default"
EMOTION_CHECKPOINT = DEFAULT_CHECKPOINT.parent / "emotion"  # seven emotions (docs/model-card.md)
TORCH_FROM = 256  # texts in one call from which torch (imported then, once) beats the numpy forward pass


def segmenter_from_meta(settings: dict) -> Segmenter:
    """The segmenter a checkpoint was trained with."""
    return Segmenter(
        settings.get("backend", "rjieba"),
        user_words=settings.get("user_words", ()),
        stopwords=settings.get("stopwords", ()),
        negation=NegationSplit.from_json(settings["negation"]) if settings.get("negation") else None,
    )


class Predictor:
    """Read-only after construction (the torch engine and the baseline are built once, under a lock),
    so one instance can serve several threads at once.

    ``torch_threads``, when given, is passed to ``torch.set_num_threads`` before each torch call, in
    the calling thread (OpenMP keeps the setting per thread, and a server runs each session in its
    own): a server whose sessions share few cores wants 1.
    """

    def __init__(
        self, checkpoint: Checkpoint, directory: str | Path | None = None, torch_threads: int | None = None
    ):
        """``directory``: where ``checkpoint`` was loaded from, without its baseline (read on first use)."""
        self.checkpoint = checkpoint
        self.torch_threads = torch_threads
        self.meta = checkpoint.meta
        self.net = NumpyNet(checkpoint.config, checkpoint.state)
        self._torch_net = None
        self._torch_lock = threading.Lock()
        self.vectors = checkpoint.vectors  # every word with a vector: the neighbor explorer's
        self.network_vectors = self.vectors.head(checkpoint.config.vocab_size - 2)  # the words it reads
        self._baseline = checkpoint.baseline
        self._baseline_from = (
            None if checkpoint.baseline is not None or directory is None else Path(directory)
        )
        self._baseline_lock = threading.Lock()
        self.segmenter = segmenter_from_meta(self.meta.get("segmenter", {}))
        self.max_len = int(self.meta["train"]["max_len"])
        self.truncate = self.meta["train"].get("truncate", "pre")
        self.oov_chars = bool(self.meta["train"].get("oov_chars", False))
        self.temperature = float(self.meta.get("temperature", 1.0))  # from sentiment.calibrate; 1: none
        if not 0 < self.temperature < float("inf"):
            raise ValueError(f"temperature must be a positive number, got {self.meta['temperature']!r}")
        self.threshold = float(self.meta.get("threshold", 0.5))
        lo, hi = self.meta.get("band", (self.threshold, self.threshold))
        self.band = (float(lo), float(hi))

    def segment(self, text: str) -> list[str]:
        """The words the model reads for ``text`` (normalised, segmented, stop words removed)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        return self.segmenter.cut(text)

    def in_vocabulary(self, word: str) -> bool:
        """Whether the network knows ``word`` (otherwise it reads it as unknown)."""
        return word in self.network_vectors

    def read(self, text: str) -> list[str]:
        """The tokens the network reads for ``text``: its words, cut to ``max_len`` as the model cuts them."""
        return read_tokens(
            self.segment(text), self.network_vectors.key_to_index, self.max_len, self.truncate, self.oov_chars
        )

    def explain(self, text: str) -> Explanation:
        """How the network reads ``text``: its tokens, the probability after each prefix, the gate
        activations per token and each token's contribution (see ``explain.Explanation``)."""
        tokens = self.read(text)
        known = [self.in_vocabulary(w) for w in tokens]
        ids = ids_of(tokens, self.network_vectors.key_to_index)
        return explain_ids(self.net, tokens, ids, known, self.calibrated)

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """Embedding rows the network reads for each text."""
        known = self.network_vectors.key_to_index
        return [token_ids(self.segment(t), known, self.max_len, self.truncate, self.oov_chars) for t in texts]

    def torch_net(self):
        """The same network in torch, built on first use: twice the numpy throughput on big batches,
        but importing torch costs a second, which small requests (the page) need not pay."""
        with self._torch_lock:
            if self._torch_net is None:
                import torch

                from sentiment.core.model import SentimentNet

                net = SentimentNet(self.checkpoint.config)
                net.load_state_dict({k: torch.from_numpy(v) for k, v in self.checkpoint.state.items()})
                self._torch_net = net.eval()
        return self._torch_net

    def calibrated(self, logits: np.ndarray) -> np.ndarray:
        """The network's logits divided by the checkpoint's temperature (sentiment.calibrate), in float64:
        every probability the Predictor gives, from either engine, goes through here."""
        return logits.astype(np.float64) / self.temperature

    def logits(self, ids: np.ndarray) -> np.ndarray:
        """Calibrated logits of a (B, T) batch of ids in numpy."""
        return self.calibrated(self.net.logits(ids))

    def proba_from_ids(self, id_lists: Sequence[Sequence[int]], batch_size: int = 128) -> np.ndarray:
        """P(positive) for already-encoded texts, in their order, calibrated by the checkpoint's
        temperature; batches hold texts of one length, so neither engine pads: numpy below
        ``TORCH_FROM`` texts, torch from there on."""
        logits = self.logits
        if len(id_lists) >= TORCH_FROM:
            import torch

            net = self.torch_net()
            if self.torch_threads:
                torch.set_num_threads(self.torch_threads)

            def logits(ids: np.ndarray) -> np.ndarray:
                with torch.inference_mode():
                    lengths = torch.full((len(ids),), ids.shape[1], dtype=torch.long)
                    return self.calibrated(net(torch.from_numpy(ids), lengths).numpy())

        return proba_by_length(logits, id_lists, batch_size, self.checkpoint.config.outputs)

    def predict_proba(self, texts: Sequence[str], batch_size: int = 128) -> np.ndarray:
        """P(positive), one per text, for any list of strings, empty ones included."""
        if isinstance(texts, str) or not isinstance(texts, Sequence):
            raise TypeError("texts must be a list of strings; wrap a single text as [text]")
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"texts[{i}] is a {type(t).__name__}, not a str")
        return self.proba_from_ids(self.encode(texts), batch_size)

    @property
    def baseline(self) -> BagOfWords | None:
        """The TF-IDF baseline shipped beside the checkpoint, or None; read on first use (0.1 s, most of
        the checkpoint's load time, which scoring alone need not pay)."""
        with self._baseline_lock:
            if self._baseline_from is not None:
                self._baseline, self._baseline_from = load_bag_of_words(self._baseline_from), None
        return self._baseline

    def baseline_proba(self, texts: Sequence[str]) -> np.ndarray:
        """P(positive) from the bag-of-words baseline trained on the same texts (all words, in any
        order); ValueError when the checkpoint was saved without one."""
        if self.baseline is None:
            raise ValueError("this checkpoint has no bag-of-words baseline")
        return self.baseline.predict_proba([self.segment(t) for t in texts])

    def neighbors(self, word: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` nearest words to ``word`` by cosine similarity of their Word2Vec vectors."""
        return self.vectors.most_similar(word, k)


class MulticlassPredictor(Predictor):
    """A checkpoint with one output per class (``python -m sentiment.train --classes``): everything the
    ``Predictor`` does, but ``predict_proba`` gives an (n, classes) array, each row summing to 1, in the
    order of ``classes``, and ``explain`` a reading curve and contributions per class. It has no
    threshold or band (the top class is the verdict), and ships no bag-of-words baseline."""

    def __init__(
        self, checkpoint: Checkpoint, directory: str | Path | None = None, torch_threads: int | None = None
    ):
        super().__init__(checkpoint, directory, torch_threads)
        self.classes = tuple(self.meta["classes"])


def load_predictor(path: str | Path | None = None, torch_threads: int | None = None) -> Predictor:
    """Load a checkpoint directory (the default checkpoint in ``assets/`` when ``path`` is None); a
    checkpoint over several classes loads as a ``MulticlassPredictor``."""
    directory = DEFAULT_CHECKPOINT if path is None else path
    checkpoint = load_checkpoint(directory, baseline=False)
    kind = MulticlassPredictor if checkpoint.config.outputs > 1 else Predictor
    return kind(checkpoint, directory, torch_threads)
