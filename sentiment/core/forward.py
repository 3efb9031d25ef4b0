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
        self._stacked: dict[tuple[str, ...], tuple[np.ndarray, ...]] = {}

    def weights(self, suffixes: tuple[str, ...]) -> tuple[np.ndarray, ...]:
        """The directions' (``""`` forward, ``"_reverse"`` backward) weights stacked, transposed for
        ``x @ w``: w_ih (D, E, G), w_hh (D, H, G), b_ih (D, 1, 1, G), b_hh (D, 1, G); built once each."""
        if suffixes not in self._stacked:
            stack = lambda name: np.stack([self.state[f"rnn.{name}_l0{s}"] for s in suffixes])  # noqa: E731
            w_ih, w_hh = (
                np.ascontiguousarray(stack(name).transpose(0, 2, 1)) for name in ("weight_ih", "weight_hh")
            )
            self._stacked[suffixes] = w_ih, w_hh, stack("bias_ih")[:, None, None], stack("bias_hh")[:, None]
        return self._stacked[suffixes]

    def run(self, x: np.ndarray, suffixes: tuple[str, ...], keep_gates: bool = False):
        """Directions ``suffixes`` over their (D, B, T, E) inputs (the backward one's already reversed),
        stepped together, each with its own weights: one matrix product per step for all of them. Gives the
        states (D, B, T, H), the last states (D, B, H), and with ``keep_gates`` the gate activations
        (D, B, T, G, H) in ``GATE_NAMES`` order (else None)."""
        w_ih, w_hh, b_ih, b_hh = self.weights(suffixes)
        projected = x @ w_ih[:, None] + b_ih  # (D, B, T, G): every step's input term at once
        n = self.config.hidden
        h = np.zeros((*x.shape[:2], n), dtype=np.float32)
        c = np.zeros_like(h)
        states = np.empty((*x.shape[:3], n), dtype=np.float32)
        shape = (*x.shape[:3], len(GATE_NAMES[self.config.cell]), n)
        gates_kept = np.empty(shape, dtype=np.float32) if keep_gates else None
        if self.config.cell == "lstm":
            projected += b_hh[:, None]  # both biases add before the gates' nonlinearities
        for t in range(x.shape[2]):
            if self.config.cell == "lstm":
                gates = projected[:, :, t] + h @ w_hh  # input, forget, cell, output: (D, B, 4H)
                act = sigmoid(gates)
                i, f, o = act[..., :n], act[..., n : 2 * n], act[..., 3 * n :]
                c = f * c + i * np.tanh(gates[..., 2 * n : 3 * n])
                h = o * np.tanh(c)
                kept = (f, i, o)
            else:
                r_x, z_x, n_x = np.split(projected[:, :, t], 3, axis=-1)
                r_h, z_h, n_h = np.split(h @ w_hh + b_hh, 3, axis=-1)
                r, z = sigmoid(r_x + r_h), sigmoid(z_x + z_h)
                h = (1 - z) * np.tanh(n_x + r * n_h) + z * h
                kept = (r, z)
            states[:, :, t] = h
            if keep_gates:
                gates_kept[:, :, t] = np.stack(kept, axis=2)
        return states, h, gates_kept

    def both_ways(self, ids: np.ndarray, keep_gates: bool = False):
        """``run`` over equal-length texts in every direction of the network, the backward one's outputs
        put back in word order (index t: the backward pass reading word t); the last states are each
        direction's own."""
        x = self.state["embedding.weight"][ids]  # (B, T, E)
        suffixes = ("", "_reverse") if self.config.bidirectional else ("",)
        states, last, gates = self.run(np.stack([x, x[:, ::-1]][: len(suffixes)]), suffixes, keep_gates)
        if len(suffixes) == 2:
            states[1] = states[1][:, ::-1]
            if keep_gates:
                gates[1] = gates[1][:, ::-1]
        return states, last, gates

    def gates(self, ids: np.ndarray) -> np.ndarray:
        """Gate activations for equal-length texts, (directions, B, T, G, H) in ``GATE_NAMES`` order,
        in word order."""
        return self.both_ways(ids, keep_gates=True)[2]

    def features(self, ids: np.ndarray) -> np.ndarray:
        """Pooled states of texts that all have ``ids.shape[1]`` words, (B, features)."""
        states, last, _ = self.both_ways(ids)
        states, last = np.concatenate(list(states), axis=2), np.concatenate(list(last), axis=1)
        pooled = {"last": last, "max": states.max(axis=1), "mean": states.mean(axis=1)}
        return np.concatenate([pooled[p] for p in self.config.pooling.split("+")], axis=1)

    def prefix_logits(self, ids: np.ndarray) -> np.ndarray:
        """(T,) or (T, outputs) logits of every prefix of one text of T words (``ids``: (T,)), each as a
        text of its own, in O(T) steps: the forward pass of the whole text already holds every prefix's
        forward states; the backward pass reads each prefix from its own end, so the T reversed prefixes
        run as one batch, each padded after its last real step, and pooling sees only the real steps."""
        n, x = len(ids), self.state["embedding.weight"][ids]
        valid = np.tri(n, dtype=bool)  # valid[i, t]: step t belongs to prefix i
        states = self.run(x[None, None], ("",))[0][0]
        parts = [np.broadcast_to(states, (n, n, states.shape[2]))]
        if self.config.bidirectional:
            order = np.arange(n)[:, None] - np.arange(n)[None, :]  # row i reads words i, i-1, ..., 0
            parts.append(self.run(x[None, np.where(valid, order, 0)], ("_reverse",))[0][0])
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
