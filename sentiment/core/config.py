"""The network's and the training run's settings, both saved in every checkpoint; torch-free so that
prediction can load a checkpoint without importing torch."""

from __future__ import annotations

from dataclasses import asdict, dataclass

PAD, UNK = 0, 1  # reserved rows of the embedding; word i of the vectors is row i + 2
POOLINGS = ("last", "max", "mean")


@dataclass(frozen=True)
class ModelConfig:
    vocab_size: int  # rows of the embedding, PAD and UNK included
    embed_dim: int = 256  # word-vector size
    hidden: int = 128  # RNN units per direction
    cell: str = "lstm"  # "lstm" or "gru"
    bidirectional: bool = False
    pooling: str = "last"  # "last", "max", "mean", or several joined by "+", e.g. "max+mean"
    dropout: float = 0.5  # before the dense layer
    embed_dropout: float = 0.0  # on the word vectors; curbs memorising fine-tuned embeddings
    outputs: int = 1  # 1: one logit, P(positive) by the sigmoid; 2 or more: one logit per class, softmax

    def __post_init__(self):
        if self.outputs < 1:
            raise ValueError(f"outputs must be at least 1, got {self.outputs}")
        if self.cell not in ("lstm", "gru"):
            raise ValueError(f"cell must be 'lstm' or 'gru', got {self.cell!r}")
        bad = [p for p in self.pooling.split("+") if p not in POOLINGS]
        if bad:
            raise ValueError(f"unknown pooling {bad[0]!r}; use {POOLINGS} joined by '+'")

    def to_dict(self) -> dict:
        return asdict(self)


SELECTIONS = ("loss", "accuracy", "f1")  # f1: macro-F1


@dataclass
class TrainConfig:
    max_len: int = 50  # words read per text
    truncate: str = "pre"  # "pre" keeps the last max_len words (Keras default), "post" the first
    oov_chars: bool = False  # read an out-of-vocabulary word as its characters rather than as UNK
    batch_size: int = 16
    bucket: bool = False  # batch texts of similar length together (faster on CPU; batches still shuffled)
    epochs: int = 10
    lr: float = 1e-3  # Adam
    lr_decay: float = 1.0  # learning rate multiplied by this after each epoch
    patience: int = 2  # epochs without a better validation score before stopping
    select: str = "loss"  # the validation score that picks the epoch: "loss", "accuracy" or "f1" (macro)
    freeze_embedding: bool = False  # keep the Word2Vec vectors as they are
    tune_vocab: int | None = None  # fine-tune only the first this many words' rows (None: all)
    seed: int = 0  # weights, shuffling, Word2Vec
    split_seed: int = 0  # the hash split of texts into train/val/test
    test_fraction: float = 0.1
    val_fraction: float = 0.1
    w2v_window: int = 5
    w2v_min_count: int = 5
    w2v_max_vocab: int | None = None  # keep at most this many most frequent words
    network_vocab: int | None = None  # the network reads its texts' most frequent this many (None: all)
    w2v_epochs: int = 5
    w2v_subwords: bool = False  # fastText: word vectors learnt with their character n-grams
    w2v_workers: int = 1  # Word2Vec threads; only one is reproducible bit for bit, two halve the time
    band_accuracy: float = 0.97  # default band: narrowest with this selective accuracy on validation
    pretrain_words: int = 0  # words read by the LSTM as a language model first (training/pretrain.py)
    augment: int = 0  # counterfactual and compositional texts added to the train split (training/augment.py)
    label_smoothing: float = 0.0  # targets 1 - s/2 and s/2 instead of 1 and 0: less trust in noisy labels
    class_weight: float = 0.0  # loss weight of a class: (its train count)^-class_weight; 0 none, 1 balanced

    def tuned_words(self, network_words: int) -> int:
        """How many of the network's words (its texts' most frequent first) have their row fine-tuned."""
        if self.freeze_embedding:
            return 0
        return network_words if self.tune_vocab is None else min(self.tune_vocab, network_words)

    def __post_init__(self):
        if self.epochs < 1 or self.batch_size < 1 or self.max_len < 1:
            raise ValueError("epochs, batch_size and max_len must be at least 1")
        if self.w2v_workers < 1:
            raise ValueError(f"w2v_workers must be at least 1, got {self.w2v_workers}")
        if self.tune_vocab is not None and self.tune_vocab < 0:
            raise ValueError(f"tune_vocab must be at least 0, got {self.tune_vocab}")
        if not 0 <= self.label_smoothing < 1:
            raise ValueError(f"label_smoothing must be at least 0 and under 1, got {self.label_smoothing}")
        if self.pretrain_words < 0:
            raise ValueError(f"pretrain_words must be at least 0, got {self.pretrain_words}")
        if self.network_vocab is not None and self.network_vocab < 1:
            raise ValueError(f"network_vocab must be at least 1, got {self.network_vocab}")
        if not 0 < self.val_fraction < 1 or not 0 <= self.test_fraction < 1:
            raise ValueError(
                f"need 0 < val_fraction < 1 and 0 <= test_fraction < 1, got "
                f"{self.val_fraction} and {self.test_fraction}"
            )
