"""The network's forward pass in numpy, from its state dict: prediction without importing torch.

Importing torch costs over a second, most of a cold start; scoring needs only a few matrix
products. Every step is written out (gates included), so it also shows what the LSTM computes.
``tests/core/test_forward.py`` keeps it equal to ``model.SentimentNet`` for every configuration.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from sentiment.core.config import ModelConfig

GATES = {"lstm": 4, "gru": 3}  # weight blocks per cell, in torch's order
GATE_NAMES = {"lstm": ("forget", "input", "output"), "gru": ("reset", "update")}  # the gates ``run`` keeps


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # the same function, without overflow warnings


def softmax(x: np.ndarray) -> np.ndarray:
    """Over the last axis, shifted by its maximum so that nothing overflows."""
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def probabilities(logits: np.ndarray) -> np.ndarray:
    """P(positive) from (B,) logits by the sigmoid; class probabilities from (B, classes) by the softmax."""
    return sigmoid(logits) if logits.ndim == 1 else softmax(logits)


def expected_shapes(config: ModelConfig) -> dict[str, tuple[int, ...]]:
    """The state dict's tensor shapes for ``config``, as torch names them."""
    g, h, e = GATES[config.cell] * config.hidden, config.hidden, config.embed_dim
    directions = 2 if config.bidirectional else 1
    shapes = {"embedding.weight": (config.vocab_size, e)}
    for suffix in ("", "_reverse")[:directions]:
        shapes |= {
            f"rnn.weight_ih_l0{suffix}": (g, e),
            f"rnn.weight_hh_l0{suffix}": (g, h),
            f"rnn.bias_ih_l0{suffix}": (g,),
            f"rnn.bias_hh_l0{suffix}": (g,),
        }
    features = h * directions * len(config.pooling.split("+"))
    return shapes | {"dense.weight": (config.outputs, features), "dense.bias": (config.outputs,)}


class NumpyNet:
    """Logits, (B,) or (B, outputs), for batches of equal-length texts; dropout is off, as at prediction."""

    def __init__(self, config: ModelConfig, state: dict[str, np.ndarray]):
        self.config = config
        self.state = {k: np.asarray(v, dtype=np.float32) for k, v in state.items()}

    def run(self, x: np.ndarray, suffix: str, keep_gates: bool = False):
        """One direction over (B, T, E) inputs: the states (B, T, H), the last state (B, H), and with
        ``keep_gates`` the gate activations (B, T, G, H) in ``GATE_NAMES`` order (else None)."""
        w_hh = np.ascontiguousarray(self.state[f"rnn.weight_hh_l0{suffix}"].T)
        b_hh = self.state[f"rnn.bias_hh_l0{suffix}"]
        projected = x @ self.state[f"rnn.weight_ih_l0{suffix}"].T + self.state[f"rnn.bias_ih_l0{suffix}"]
        n = self.config.hidden
        h = np.zeros((x.shape[0], n), dtype=np.float32)
        c = np.zeros_like(h)
        states = np.empty((x.shape[0], x.shape[1], n), dtype=np.float32)
        shape = (x.shape[0], x.shape[1], len(GATE_NAMES[self.config.cell]), n)
        gates_kept = np.empty(shape, dtype=np.float32) if keep_gates else None
        if self.config.cell == "lstm":
            projected += b_hh  # both biases add before the gates' nonlinearities
        for t in range(x.shape[1]):
            if self.config.cell == "lstm":
                gates = projected[:, t] + h @ w_hh  # input, forget, cell, output: (B, 4H)
                act = sigmoid(gates)
                i, f, o = act[:, :n], act[:, n : 2 * n], act[:, 3 * n :]
                c = f * c + i * np.tanh(gates[:, 2 * n : 3 * n])
                h = o * np.tanh(c)
                kept = (f, i, o)
            else:
                r_x, z_x, n_x = np.split(projected[:, t], 3, axis=1)
                r_h, z_h, n_h = np.split(h @ w_hh + b_hh, 3, axis=1)
                r, z = sigmoid(r_x + r_h), sigmoid(z_x + z_h)
                h = (1 - z) * np.tanh(n_x + r * n_h) + z * h
                kept = (r, z)
            states[:, t] = h
            if keep_gates:
                gates_kept[:, t] = np.stack(kept, axis=1)
        return states, h, gates_kept

    def gates(self, ids: np.ndarray) -> np.ndarray:
        """Gate activations for equal-length texts, (directions, B, T, G, H) in ``GATE_NAMES`` order;
        the backward direction's are put back in word order (index t: the backward pass reading word t)."""
        x = self.state["embedding.weight"][ids]
        kept = [self.run(x, "", keep_gates=True)[2]]
        if self.config.bidirectional:
            kept.append(self.run(x[:, ::-1], "_reverse", keep_gates=True)[2][:, ::-1])
        return np.stack(kept)

    def features(self, ids: np.ndarray) -> np.ndarray:
        """Pooled states of texts that all have ``ids.shape[1]`` words, (B, features)."""
        x = self.state["embedding.weight"][ids]  # (B, T, E)
        states, last, _ = self.run(x, "")
        if self.config.bidirectional:
            back_states, back_last, _ = self.run(x[:, ::-1], "_reverse")
            states = np.concatenate([states, back_states[:, ::-1]], axis=2)
            last = np.concatenate([last, back_last], axis=1)
        pooled = {"last": last, "max": states.max(axis=1), "mean": states.mean(axis=1)}
        return np.concatenate([pooled[p] for p in self.config.pooling.split("+")], axis=1)

    def prefix_logits(self, ids: np.ndarray) -> np.ndarray:
        """(T,) or (T, outputs) logits of every prefix of one text of T words (``ids``: (T,)), each as a
        text of its own, in O(T) steps: the forward pass of the whole text already holds every prefix's
        forward states; the backward pass reads each prefix from its own end, so the T reversed prefixes
        run as one batch, each padded after its last real step, and pooling sees only the real steps."""
        n, x = len(ids), self.state["embedding.weight"][ids]
        valid = np.tri(n, dtype=bool)  # valid[i, t]: step t belongs to prefix i
        states, _, _ = self.run(x[None], "")
        parts = [np.broadcast_to(states, (n, n, states.shape[2]))]
        if self.config.bidirectional:
            order = np.arange(n)[:, None] - np.arange(n)[None, :]  # row i reads words i, i-1, ..., 0
            back_states, _, _ = self.run(x[np.where(valid, order, 0)], "_reverse")
            parts.append(back_states)
        pooled = []
        for pooling in self.config.pooling.split("+"):
            for part in parts:
                if pooling == "last":
                    pooled.append(part[np.arange(n), np.arange(n)])  # each prefix's own last step
                elif pooling == "max":
                    pooled.append(np.where(valid[..., None], part, -np.inf).max(axis=1))
                else:
                    pooled.append((part * valid[..., None]).sum(axis=1) / np.arange(1, n + 1)[:, None])
        return self.dense(np.concatenate(pooled, axis=1).astype(np.float32))

    def dense(self, features: np.ndarray) -> np.ndarray:
        """The dense layer: (B,) logits for one output, (B, outputs) for several."""
        weight, bias = self.state["dense.weight"], self.state["dense.bias"]
        return features @ weight[0] + bias[0] if self.config.outputs == 1 else features @ weight.T + bias

    def logits(self, ids: np.ndarray) -> np.ndarray:
        """Logits for equal-length texts, or for empty texts when ``ids`` has no columns."""
        width = self.state["dense.weight"].shape[1]
        feats = self.features(ids) if ids.shape[1] else np.zeros((ids.shape[0], width), dtype=np.float32)
        return self.dense(feats)


def proba_by_length(
    logits: Callable[[np.ndarray], np.ndarray],
    id_lists: Sequence[Sequence[int]],
    batch_size: int = 128,
    outputs: int = 1,
) -> np.ndarray:
    """P(positive) (n,), or with several ``outputs`` class probabilities (n, outputs), for encoded
    texts in their order, from a ``logits`` function of (B, T) id arrays; each batch holds texts of
    one length, so nothing is padded."""
    lengths = np.fromiter((len(ids) for ids in id_lists), dtype=np.int64, count=len(id_lists))
    order = np.argsort(lengths, kind="stable")
    runs = np.split(order, np.flatnonzero(np.diff(lengths[order])) + 1)  # one run per length
    out = np.empty((len(id_lists),) if outputs == 1 else (len(id_lists), outputs), dtype=np.float64)
    for run in runs:
        for start in range(0, len(run), batch_size):
            chunk = run[start : start + batch_size]
            ids = np.array([id_lists[i] for i in chunk], dtype=np.int64).reshape(len(chunk), -1)
            out[chunk] = probabilities(logits(ids).astype(np.float64))
    return out
