"""Words to embedding rows, the same way at training and at prediction time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from sentiment.core.config import PAD, UNK

TRUNCATIONS = ("pre", "post")


def read_tokens(
    tokens: Sequence[str],
    key_to_index: Mapping[str, int],
    max_len: int,
    truncate: str = "pre",
    oov_chars: bool = False,
) -> list[str]:
    """The words the network reads, in order: cut to ``max_len``.

    ``truncate="pre"`` keeps the last ``max_len`` words, as Keras' ``pad_sequences`` does.
    ``oov_chars`` reads an unknown word of several characters as those characters, each known
    one by its own vector (unknown ones as UNK), instead of one UNK.
    """
    if truncate not in TRUNCATIONS:
        raise ValueError(f"truncate must be one of {TRUNCATIONS}, got {truncate!r}")
    if oov_chars:
        tokens = [c for w in tokens for c in ([w] if w in key_to_index or len(w) == 1 else w)]
    if len(tokens) > max_len:
        tokens = tokens[-max_len:] if truncate == "pre" else tokens[:max_len]
    return list(tokens)


def ids_of(tokens: Sequence[str], key_to_index: Mapping[str, int]) -> list[int]:
    """Embedding rows of words already read (unknown words -> UNK)."""
    return [key_to_index[w] + 2 if w in key_to_index else UNK for w in tokens]


def token_ids(
    tokens: Sequence[str],
    key_to_index: Mapping[str, int],
    max_len: int,
    truncate: str = "pre",
    oov_chars: bool = False,
) -> list[int]:
    """Embedding rows of the words the network reads (``read_tokens``), unknown words -> UNK."""
    return ids_of(read_tokens(tokens, key_to_index, max_len, truncate, oov_chars), key_to_index)


def pad_batch(id_lists: Sequence[Sequence[int]]):
    """Torch tensors (ids (B, T) padded with PAD after each text, lengths (B,)); T is at least 1."""
    import torch  # training only: prediction runs in numpy

    lengths = np.fromiter((len(ids) for ids in id_lists), dtype=np.int64, count=len(id_lists))
    ids = np.full((len(id_lists), max(1, lengths.max(initial=0))), PAD, dtype=np.int64)
    for row, seq in enumerate(id_lists):
        ids[row, : len(seq)] = seq
    return torch.from_numpy(ids), torch.from_numpy(lengths)


def batches(lengths: Sequence[int], size: int, bucket: bool, generator) -> list[list[int]]:
    """One epoch's batches of text indices, in random order. With ``bucket``, each pool of 50
    batches' worth of shuffled texts is sorted by length before it is cut, so a batch runs about as
    many LSTM steps as its texts have words instead of as many as its longest text. ``generator``: a
    ``torch.Generator``."""
    import torch  # training only: prediction runs in numpy

    order = torch.randperm(len(lengths), generator=generator).tolist()
    if bucket:
        pools = [order[start : start + 50 * size] for start in range(0, len(order), 50 * size)]
        order = [i for pool in pools for i in sorted(pool, key=lengths.__getitem__)]
    cut = [order[start : start + size] for start in range(0, len(order), size)]
    if not bucket:
        return cut
    return [cut[i] for i in torch.randperm(len(cut), generator=generator).tolist()]
