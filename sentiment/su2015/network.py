"""The 2015 post's network and input pipeline, as its Keras 0.x code ran them, in PyTorch.

The code of kexue.fm/archives/3414 ("文本情感分类（二）：深度学习模型") builds

    Embedding(len(dict)+1, 256) -> LSTM(128) -> Dropout(0.5) -> Dense(1) -> sigmoid

over word ids ranked by frequency (1 = the commonest word, 0 = padding), every text padded and
cut at the front to 50 ids (``pad_sequences`` defaults), trained with binary cross-entropy and
Adam, batch 16. Keras 0.x details kept here, because they differ from ``torch.nn.LSTM``:

* gates use the hard sigmoid clip(0.2 x + 0.5, 0, 1); the cell input and output use tanh;
* input weights glorot-uniform, recurrent weights orthogonal times 1.1, forget bias 1, other
  biases 0, one matrix per gate; the embedding uniform in [-0.05, 0.05];
* no masking: padding id 0 is an ordinary, trained row, and the LSTM reads the front padding;
* the loss clips the predicted probability to [1e-7, 1 - 1e-7] (Keras' epsilon).

>>> word_index([["好", "的"], ["好"]])
{'好': 1, '的': 2}
>>> pad_front([[1, 2, 3], [4]], 2).tolist()
[[2, 3], [0, 4]]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
import torch
from torch import nn

EPSILON = 1e-7  # Keras' clip of predicted probabilities inside the loss
GATES = "ifoc"  # column blocks of the LSTM weights: input, forget, output gate, cell input


def hard_sigmoid(x: torch.Tensor) -> torch.Tensor:
    """Keras/Theano's piecewise-linear sigmoid: clip(0.2 x + 0.5, 0, 1)."""
    return (0.2 * x + 0.5).clamp(0.0, 1.0)


def word_index(texts: Sequence[Sequence[str]]) -> dict[str, int]:
    """Every word an id 1..N by frequency, commonest first (ties: first seen first); 0 is padding.

    The post's ``pd.Series(w).value_counts()`` with ``id = 1..len(dict)``.
    """
    counts = Counter(word for words in texts for word in words)  # insertion order = first seen
    ranked = sorted(counts, key=counts.__getitem__, reverse=True)  # stable: ties keep first-seen order
    return {word: i for i, word in enumerate(ranked, 1)}


def pad_front(sequences: Sequence[Sequence[int]], maxlen: int) -> np.ndarray:
    """Keras ``pad_sequences`` defaults: keep the last ``maxlen`` ids, zeros in front of short ones."""
    if maxlen < 1:
        raise ValueError(f"maxlen must be at least 1, got {maxlen}")
    out = np.zeros((len(sequences), maxlen), dtype=np.int64)
    for row, seq in enumerate(sequences):
        kept = list(seq)[-maxlen:]
        if kept:
            out[row, -len(kept) :] = kept
    return out


def _glorot(rng: np.random.RandomState, fan_in: int, fan_out: int) -> np.ndarray:
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out))


def _orthogonal(rng: np.random.RandomState, n: int, scale: float = 1.1) -> np.ndarray:
    u, _, _ = np.linalg.svd(rng.normal(0.0, 1.0, (n, n)))
    return scale * u


class KerasLSTM(nn.Module):
    """Keras 0.x LSTM returning the last hidden state; weights laid out per gate in GATES order."""

    def __init__(self, input_dim: int, hidden: int, rng: np.random.RandomState):
        super().__init__()
        self.hidden = hidden
        w = np.concatenate([_glorot(rng, input_dim, hidden) for _ in GATES], axis=1)
        u = np.concatenate([_orthogonal(rng, hidden) for _ in GATES], axis=1)
        b = np.zeros(4 * hidden)
        b[GATES.index("f") * hidden : (GATES.index("f") + 1) * hidden] = 1.0  # forget_bias_init="one"
        self.W = nn.Parameter(torch.tensor(w, dtype=torch.float32))  # (E, 4H)
        self.U = nn.Parameter(torch.tensor(u, dtype=torch.float32))  # (H, 4H)
        self.b = nn.Parameter(torch.tensor(b, dtype=torch.float32))  # (4H,)

    def step(self, xw_t: torch.Tensor, h: torch.Tensor, c: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """One time step from the projected input x_t W + b, (B, 4H): the new (h, c)."""
        z = xw_t + h @ self.U
        gates = hard_sigmoid(z[:, : 3 * self.hidden])
        i, f, o = gates.chunk(3, dim=1)
        c = f * c + i * torch.tanh(z[:, 3 * self.hidden :])
        return o * torch.tanh(c), c

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, E) -> the hidden state after the last step, (B, H); the state starts at zero."""
        xw = x @ self.W + self.b  # (B, T, 4H), all steps at once as Keras does
        h = c = x.new_zeros((x.shape[0], self.hidden))
        for t in range(x.shape[1]):
            h, c = self.step(xw[:, t], h, c)
        return h


class Net2015(nn.Module):
    """Embedding(vocab, E) -> KerasLSTM(H) -> Dropout -> Dense(1); forward gives logits."""

    def __init__(
        self, vocab_size: int, embed_dim: int = 256, hidden: int = 128, dropout: float = 0.5, seed: int = 0
    ):
        super().__init__()
        rng = np.random.RandomState(seed)
        embedding = rng.uniform(-0.05, 0.05, (vocab_size, embed_dim))
        self.embedding = nn.Embedding.from_pretrained(
            torch.tensor(embedding, dtype=torch.float32), freeze=False
        )
        self.lstm = KerasLSTM(embed_dim, hidden, rng)
        self.dropout = nn.Dropout(dropout)
        self.dense = nn.Linear(hidden, 1)
        with torch.no_grad():
            self.dense.weight.copy_(torch.tensor(_glorot(rng, hidden, 1).T, dtype=torch.float32))
            self.dense.bias.zero_()

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """(B, T) word ids, padding in front -> logits (B,)."""
        return self.dense(self.dropout(self.lstm(self.embedding(ids)))).squeeze(1)


def keras_bce(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Keras' binary cross-entropy: the sigmoid output clipped to [EPSILON, 1 - EPSILON], then the mean."""
    p = torch.sigmoid(logits).clamp(EPSILON, 1 - EPSILON)
    return -(labels * torch.log(p) + (1 - labels) * torch.log(1 - p)).mean()


def fit(
    model: Net2015,
    ids: np.ndarray,
    labels: np.ndarray,
    epochs: int,
    batch_size: int = 16,
    seed: int = 0,
    lr: float = 1e-3,
    progress: Callable[[int], None] | None = None,
) -> list[float]:
    """Keras' ``fit``: Adam, a fresh shuffle each epoch, the last batch smaller; mean loss per epoch.

    Adam updates every embedding row at every step (momentum moves rows absent from the batch), as
    Keras' dense update did. Rows of words that never occur in ``ids`` get no gradient, so Adam never
    moves them (zero moments, zero step): only the rows that occur are trained, which is exact and
    more than halves the work for a 50,000-word embedding.
    """
    torch.manual_seed(seed)  # dropout masks
    order_rng = np.random.RandomState(seed)
    full = model.embedding
    live = np.unique(ids)
    model.embedding = nn.Embedding.from_pretrained(full.weight.detach()[live].clone(), freeze=False)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8, fused=True)
    x = torch.from_numpy(np.searchsorted(live, ids))
    y = torch.from_numpy(np.asarray(labels, dtype=np.float32))
    losses = []
    model.train()
    for _ in range(epochs):
        order = torch.from_numpy(order_rng.permutation(len(ids)))
        total = 0.0
        for start in range(0, len(ids), batch_size):
            batch = order[start : start + batch_size]
            optimizer.zero_grad()
            loss = keras_bce(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
            if progress:
                progress(len(batch))
        losses.append(total / len(ids))
    with torch.no_grad():
        full.weight[torch.from_numpy(live)] = model.embedding.weight
    model.embedding = full
    return losses


@torch.no_grad()
def predict(model: Net2015, ids: np.ndarray, batch_size: int = 512) -> np.ndarray:
    """P(positive) per row, dropout off."""
    model.eval()
    out = [
        torch.sigmoid(model(torch.from_numpy(ids[i : i + batch_size])))
        for i in range(0, len(ids), batch_size)
    ]
    return torch.cat(out).numpy().astype(np.float64) if out else np.empty(0)
