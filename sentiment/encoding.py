"""Words to embedding rows, the same way at training and at prediction time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .config import PAD, UNK

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


def ids_of(
    tokens: Sequence[str],
    key_to_index: Mapping[str, int],
    char_index: Mapping[str, int] | None = None,
    word_chars: int = 0,
) -> list:
    """Embedding rows of words already read (unknown words -> UNK).

    With ``char_index`` each word becomes a tuple: its row, then the character-embedding rows of
    its first ``word_chars`` characters (unknown characters -> UNK, PAD after a shorter word), so
    that an unknown word still brings its characters.

    >>> ids_of(["好用", "x"], {"好用": 0}, {"好": 0, "用": 1}, word_chars=3)
    [(2, 2, 3, 0), (1, 1, 0, 0)]
    """
    rows = [key_to_index[w] + 2 if w in key_to_index else UNK for w in tokens]
    if char_index is None:
        return rows
    return [(row, *char_ids(w, char_index, word_chars)) for row, w in zip(rows, tokens)]


def char_ids(word: str, char_index: Mapping[str, int], word_chars: int) -> list[int]:
    """Character-embedding rows of the first ``word_chars`` characters of ``word``, PAD after them."""
    rows = [char_index[c] + 2 if c in char_index else UNK for c in word[:word_chars]]
    return rows + [PAD] * (word_chars - len(rows))


def token_ids(
    tokens: Sequence[str],
    key_to_index: Mapping[str, int],
    max_len: int,
    truncate: str = "pre",
    oov_chars: bool = False,
    char_index: Mapping[str, int] | None = None,
    word_chars: int = 0,
) -> list:
    """Embedding rows of the words the network reads (``read_tokens``), unknown words -> UNK;
    tuples with their characters' rows when ``char_index`` is given (``ids_of``)."""
    read = read_tokens(tokens, key_to_index, max_len, truncate, oov_chars)
    return ids_of(read, key_to_index, char_index, word_chars)


def pad_batch(id_lists: Sequence[Sequence]):
    """Torch tensors (ids (B, T) padded with PAD after each text, lengths (B,)); T is at least 1.
    Ids with characters (tuples of rows, ``ids_of``) give ids of shape (B, T, 1 + word_chars)."""
    import torch  # training only: prediction runs in numpy

    lengths = np.fromiter((len(ids) for ids in id_lists), dtype=np.int64, count=len(id_lists))
    per_word = next((np.shape(ids[0]) for ids in id_lists if len(ids)), ())
    ids = np.full((len(id_lists), max(1, lengths.max(initial=0)), *per_word), PAD, dtype=np.int64)
    for row, seq in enumerate(id_lists):
        ids[row, : len(seq)] = seq
    return torch.from_numpy(ids), torch.from_numpy(lengths)
