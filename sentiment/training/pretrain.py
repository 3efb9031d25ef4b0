"""Language-model pretraining of the network's recurrent layer before it learns sentiment (ULMFiT:
Howard and Ruder, "Universal Language Model Fine-tuning for Text Classification", ACL 2018).

The forward direction learns to predict each next word and the reverse direction each previous one,
over unlabelled text (the Word2Vec texts) and the train split's texts, so the LSTM starts from states
that already follow a sentence rather than from random weights. The embedding stays frozen at the word
vectors and is the output layer too, through a learnt projection per direction; the softmax is sampled
(the batch's own target words and ``NEGATIVES`` words drawn by count^0.75), which is what makes it fit a
CPU (its loss is over the candidates only, not a perplexity). Words the network does not read (UNK)
are never targets, and texts with more than ``MAX_UNKNOWN`` of them are skipped.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from tqdm import tqdm

from sentiment.core.config import UNK
from sentiment.core.encoding import batches, pad_batch
from sentiment.core.model import SentimentNet

BATCH = 64
NEGATIVES = 1024
LR = 2e-3
DROPOUT = 0.2
MIN_WORDS = 4
MAX_UNKNOWN = 0.3  # a text with a larger share of UNK words is skipped
RECENT = 100  # batches the reported loss is averaged over


def usable(id_lists: Sequence[Sequence[int]]) -> list[Sequence[int]]:
    """The texts worth predicting: ``MIN_WORDS`` words or more, at most a ``MAX_UNKNOWN`` share UNK."""
    return [ids for ids in id_lists if len(ids) >= MIN_WORDS and ids.count(UNK) <= MAX_UNKNOWN * len(ids)]


class LanguageModel(nn.Module):
    """The network's embedding (frozen) and recurrent layer, with a projection per direction onto the
    embedding (the output layer) and a bias per word."""

    def __init__(self, net: SentimentNet):
        super().__init__()
        self.net = net
        size = net.config.embed_dim
        self.projections = nn.ModuleList(nn.Linear(net.config.hidden, size) for _ in range(net.directions))
        self.bias = nn.Parameter(torch.zeros(net.config.vocab_size))
        self.dropout = nn.Dropout(DROPOUT)

    def parameters_trained(self) -> list[nn.Parameter]:
        """The recurrent layer, the projections and the biases: not the embedding."""
        return [*self.net.rnn.parameters(), *self.projections.parameters(), self.bias]

    def loss(self, batch: Sequence[Sequence[int]], noise: torch.Tensor, generator: torch.Generator):
        """Mean cross-entropy of each word given the words before it (and, reversed, after it)."""
        ids, lengths = pad_batch(batch)
        words = self.net.embedding.weight.detach()
        inputs = self.dropout(nn.functional.embedding(ids, words))
        packed = pack_padded_sequence(inputs, lengths, batch_first=True, enforce_sorted=False)
        states, _ = pad_packed_sequence(self.net.rnn(packed)[0], batch_first=True)
        hidden = self.net.config.hidden
        inside = torch.arange(ids.shape[1]) < lengths.unsqueeze(1)  # a state read from the text, not padding
        # the forward state at t predicts word t + 1, the reverse state at t word t - 1
        pairs = [
            (states[:, :-1, :hidden], ids[:, 1:], inside[:, :-1]),
            (states[:, 1:, hidden:], ids[:, :-1], inside[:, 1:]),
        ]
        predicted, targets, kept = [], [], []
        for projection, (state, target, real) in zip(self.projections, pairs):  # one-way: forward only
            predicted.append(projection(self.dropout(state)).reshape(-1, words.shape[1]))
            targets.append(target.reshape(-1))
            kept.append(real.reshape(-1))
        predicted, targets = torch.cat(predicted), torch.cat(targets)
        kept = torch.cat(kept) & (targets > UNK)
        predicted, targets = predicted[kept], targets[kept]
        sampled = torch.multinomial(noise, NEGATIVES, replacement=True, generator=generator)
        candidates = torch.unique(torch.cat([targets, sampled]))
        logits = predicted @ words[candidates].T + self.bias[candidates]
        return nn.functional.cross_entropy(logits, torch.searchsorted(candidates, targets))


def pretrain(net: SentimentNet, id_lists: Sequence[Sequence[int]], words: int, seed: int) -> dict:
    """Train ``net.rnn`` as a language model until it has read ``words`` words of ``id_lists``
    (encoded texts, passed over again if need be); the embedding and everything else stay as they are.
    Returns what was read, the first batch's loss and the mean loss of the last ``RECENT`` batches."""
    texts = usable(id_lists)
    if not texts:
        raise ValueError("no text to pretrain on: every text is too short or mostly unknown words")
    generator = torch.Generator().manual_seed(seed)
    every_id = np.fromiter((i for ids in texts for i in ids), dtype=np.int64)
    counts = np.bincount(every_id, minlength=net.config.vocab_size)
    counts[: UNK + 1] = 0
    noise = torch.from_numpy(counts.astype(np.float64) ** 0.75)
    model = LanguageModel(net)
    trained = model.parameters_trained()
    optimizer = torch.optim.Adam(trained, lr=LR)
    model.train()
    lengths = [len(ids) for ids in texts]
    read, steps, recent, first = 0, 0, deque(maxlen=RECENT), None
    with tqdm(total=words, desc="language model", unit=" words", unit_scale=True) as bar:
        while read < words:
            for indices in batches(lengths, BATCH, True, generator):  # a pass in a new order
                batch = [texts[i] for i in indices]
                loss = model.loss(batch, noise, generator)
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(trained, 1.0)
                optimizer.step()
                size = sum(len(ids) for ids in batch)
                read, steps = read + size, steps + 1
                recent.append(loss.item())
                if first is None:
                    first = recent[0]
                bar.update(size)
                bar.set_postfix(loss=f"{sum(recent) / len(recent):.3f}", refresh=False)
                if read >= words:
                    break
    last = sum(recent) / len(recent)
    return {
        "words": read,
        "texts": len(texts),
        "steps": steps,
        "first_loss": round(first, 4),
        "loss": round(last, 4),
    }
