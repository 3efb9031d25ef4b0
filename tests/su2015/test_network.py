"""The 2015 network as Keras 0.x ran it: hard-sigmoid gates, initialisers, front padding, word index."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from sentiment.su2015.network import (
    GATES,
    KerasLSTM,
    Net2015,
    fit,
    hard_sigmoid,
    keras_bce,
    pad_front,
    word_index,
)


def test_hard_sigmoid_is_keras_clip() -> None:
    x = torch.tensor([-3.0, -2.5, -1.0, 0.0, 1.0, 2.5, 3.0])
    assert hard_sigmoid(x).tolist() == pytest.approx([0.0, 0.0, 0.3, 0.5, 0.7, 1.0, 1.0])


def _gate(weights: np.ndarray, gate: str, hidden: int) -> np.ndarray:
    k = GATES.index(gate)
    return weights[..., k * hidden : (k + 1) * hidden]


def test_lstm_step_equals_a_manual_keras_step() -> None:
    torch.manual_seed(0)
    lstm = KerasLSTM(3, 4, np.random.RandomState(1))
    with torch.no_grad():
        lstm.b.add_(torch.randn(16))  # non-trivial biases, so the gate layout is really checked
    w, u, b = (p.detach().double().numpy() for p in (lstm.W, lstm.U, lstm.b))
    x, h, c = np.random.RandomState(2).normal(size=(3, 2, 4))
    x = x[:, :3]

    def hs(z):
        return np.clip(0.2 * z + 0.5, 0, 1)

    def pre(g):
        return x @ _gate(w, g, 4) + h @ _gate(u, g, 4) + _gate(b, g, 4)

    i, f, o = hs(pre("i")), hs(pre("f")), hs(pre("o"))
    c_new = f * c + i * np.tanh(pre("c"))
    h_new = o * np.tanh(c_new)
    t = torch.tensor
    got_h, got_c = lstm.step(t(x, dtype=torch.float32) @ lstm.W + lstm.b, t(h).float(), t(c).float())
    assert got_h.detach().numpy() == pytest.approx(h_new, abs=1e-5)
    assert got_c.detach().numpy() == pytest.approx(c_new, abs=1e-5)


def test_lstm_forward_runs_the_steps_from_a_zero_state() -> None:
    lstm = KerasLSTM(3, 4, np.random.RandomState(0))
    x = torch.randn(2, 5, 3)
    h = c = torch.zeros(2, 4)
    for t in range(5):
        h, c = lstm.step(x[:, t] @ lstm.W + lstm.b, h, c)
    assert lstm(x).detach().numpy() == pytest.approx(h.detach().numpy(), abs=1e-6)


def test_keras_initialisers() -> None:
    hidden, dim = 6, 10
    lstm = KerasLSTM(dim, hidden, np.random.RandomState(0))
    b = lstm.b.detach().numpy()
    assert _gate(b, "f", hidden).tolist() == [1.0] * hidden  # forget_bias_init="one"
    assert np.count_nonzero(b) == hidden
    for gate in GATES:
        u = _gate(lstm.U.detach().double().numpy(), gate, hidden)
        assert u.T @ u == pytest.approx(1.21 * np.eye(hidden), abs=1e-5)  # orthogonal, scale 1.1
        w = _gate(lstm.W.detach().numpy(), gate, hidden)
        assert np.abs(w).max() <= np.sqrt(6 / (dim + hidden))  # glorot uniform
    net = Net2015(20, dim, hidden, seed=0)
    emb = net.embedding.weight.detach().numpy()
    assert np.abs(emb).max() <= 0.05 and np.abs(emb[0]).max() > 0  # padding row is an ordinary row
    assert net.dense.bias.item() == 0.0


def test_pad_front_keeps_the_last_words_and_pads_in_front() -> None:
    assert pad_front([[1, 2, 3, 4, 5], [6, 7], []], 3).tolist() == [[3, 4, 5], [0, 6, 7], [0, 0, 0]]
    with pytest.raises(ValueError, match="maxlen"):
        pad_front([[1]], 0)


def test_word_index_ranks_by_frequency_ties_first_seen() -> None:
    index = word_index([["b", "a", "c"], ["a", "c", "d"], ["c"]])
    assert index == {"c": 1, "a": 2, "b": 3, "d": 4}


def test_no_masking_padding_changes_the_score() -> None:
    net = Net2015(10, 4, 3, dropout=0.0, seed=0).eval()
    short, padded = torch.tensor([[5, 6]]), torch.tensor([[0, 0, 5, 6]])
    assert net(short).item() != pytest.approx(net(padded).item())  # Keras without mask_zero reads the zeros


def test_loss_clips_like_keras() -> None:
    big = torch.tensor([100.0])
    clipped = np.float32(1 - 1e-7)  # in float32, as Keras/Theano computed it
    assert keras_bce(big, torch.tensor([0.0])).item() == pytest.approx(-np.log(1 - clipped), rel=1e-5)


def test_fit_is_deterministic_and_learns() -> None:
    rng = np.random.RandomState(0)
    ids = rng.randint(1, 9, size=(64, 6))
    labels = (ids[:, -1] > 4).astype(np.int64)  # the last word decides

    def run():
        net = Net2015(10, 8, 8, dropout=0.0, seed=3)
        return fit(net, ids, labels, epochs=6, batch_size=16, seed=3, lr=0.02)

    losses = run()
    assert losses == run()
    assert len(losses) == 6 and losses[-1] < losses[0]


def test_fit_trains_only_rows_that_occur_and_leaves_the_rest_exactly() -> None:
    ids = np.array([[0, 2, 3], [2, 3, 5]] * 8)
    net = Net2015(8, 4, 3, seed=1)
    before = net.embedding.weight.detach().clone()
    fit(net, ids, np.array([0, 1] * 8), epochs=2, batch_size=4)
    after = net.embedding.weight.detach()
    changed = (after != before).any(dim=1).tolist()
    assert changed == [True, False, True, True, False, True, False, False]
    assert net.embedding.weight.requires_grad and net.embedding.num_embeddings == 8
