"""``Predictor.explain``: gates against a hand-written LSTM/GRU step, prefixes and contributions
against ``predict_proba``, and any string explained without an exception."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sentiment import load_predictor
from sentiment.core.config import ModelConfig
from sentiment.core.forward import NumpyNet
from sentiment.core.model import SentimentNet
from tests.random_model import random_predictor
from tests.synthetic import NETWORKS


def manual_gates(net: SentimentNet, ids: list[int], suffix: str = "") -> np.ndarray:
    """Gate activations (T, G, H) from the torch weights, one step at a time, written out here."""
    p = {
        name: getattr(net.rnn, f"{name}_l0{suffix}").detach().double() for name in ("weight_ih", "weight_hh")
    }
    b = {name: getattr(net.rnn, f"{name}_l0{suffix}").detach().double() for name in ("bias_ih", "bias_hh")}
    x = net.embedding.weight.detach().double()[ids]
    h = torch.zeros(net.config.hidden, dtype=torch.float64)
    c = torch.zeros_like(h)
    out = []
    for t in range(len(ids)):
        gi = p["weight_ih"] @ x[t] + b["bias_ih"]
        gh = p["weight_hh"] @ h + b["bias_hh"]
        if net.config.cell == "lstm":
            i, f, g, o = (gi + gh).chunk(4)
            i, f, o = torch.sigmoid(i), torch.sigmoid(f), torch.sigmoid(o)
            c = f * c + i * torch.tanh(g)
            h = o * torch.tanh(c)
            out.append(torch.stack([f, i, o]))
        else:
            r = torch.sigmoid(gi.chunk(3)[0] + gh.chunk(3)[0])
            z = torch.sigmoid(gi.chunk(3)[1] + gh.chunk(3)[1])
            n = torch.tanh(gi.chunk(3)[2] + r * gh.chunk(3)[2])
            h = (1 - z) * n + z * h
            out.append(torch.stack([r, z]))
    return torch.stack(out).numpy()


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_gates_equal_a_manual_step_in_both_directions(cell):
    torch.manual_seed(3)
    config = ModelConfig(vocab_size=20, embed_dim=4, hidden=3, cell=cell, bidirectional=True)
    net = SentimentNet(config).eval()
    ids = [5, 2, 17, 9, 9, 3]
    gates = NumpyNet(config, {k: v.numpy() for k, v in net.state_dict().items()}).gates(np.array([ids]))
    assert gates.shape == (2, 1, len(ids), 3 if cell == "lstm" else 2, 3)
    np.testing.assert_allclose(gates[0, 0], manual_gates(net, ids), atol=1e-6)
    backward = manual_gates(net, ids[::-1], "_reverse")[::-1]  # read from the end, shown in word order
    np.testing.assert_allclose(gates[1, 0], backward, atol=1e-6)


@pytest.mark.parametrize(("cell", "bidirectional", "pooling"), NETWORKS)
def test_last_prefix_is_predict_proba_and_contributions_leave_one_word_out(cell, bidirectional, pooling):
    p = random_predictor(cell, bidirectional, pooling)
    text = "手机很好，电脑不推荐购买，酒店服务周到"
    e = p.explain(text)
    assert len(e.tokens) > 3 and e.tokens == tuple(p.segment(text))
    assert abs(e.prefix_proba[-1] - p.predict_proba([text])[0]) < 1e-9
    assert e.proba == e.prefix_proba[-1]
    ids = p.encode([text])[0]
    for i in range(len(ids)):
        assert e.prefix_proba[i] == pytest.approx(p.proba_from_ids([ids[: i + 1]])[0], abs=1e-6)
        left_out = p.proba_from_ids([ids[:i] + ids[i + 1 :]])[0]
        assert e.contributions[i] == pytest.approx(e.proba - left_out, abs=1e-6)
    names = ("forget", "input", "output") if cell == "lstm" else ("reset", "update")
    assert e.gate_names == names and e.directions == ("forward", "backward")[: 1 + bidirectional]
    assert e.gates.shape == (1 + bidirectional, len(e.tokens), len(names), 5)


def test_the_shipped_checkpoint_explains_as_it_predicts():
    p = load_predictor()  # assets/default, in the repository: a bidirectional LSTM with max+mean pooling
    assert p.checkpoint.config.bidirectional
    for text in ("虽然价格有点贵，但是真的很好用", "不是很好", "好"):
        e = p.explain(text)
        assert abs(e.prefix_proba[-1] - p.predict_proba([text])[0]) < 1e-9
        assert e.gates.shape == (2, len(e.tokens), 3, p.checkpoint.config.hidden)


def test_the_tiny_model_credits_the_sentiment_phrase(tiny_predictor):
    for text, sign in (("这次手机很好", 1), ("这次手机很差", -1)):
        e = tiny_predictor.explain(text)
        strongest = int(np.argmax(np.abs(e.contributions)))
        assert e.tokens[strongest] in ("很好", "很差", "好", "差")
        assert np.sign(e.contributions[strongest]) == sign
    e = tiny_predictor.explain("电脑很好")
    assert e.prefix_proba[-1] > e.prefix_proba[0]  # the curve rises once the positive phrase is read


def test_long_text_explains_only_what_the_model_reads():
    p = random_predictor(max_len=12)
    text = "手机很好" * 30 + "电脑很差"
    e = p.explain(text)
    assert len(e.tokens) == 12 and list(e.tokens) == p.segment(text)[-12:]
    assert abs(e.proba - p.predict_proba([text])[0]) < 1e-9


@pytest.mark.parametrize("text", ["", "   ", "\u200b\ufeff\n"])
def test_no_words_give_a_valid_empty_explanation(text):
    p = random_predictor()
    e = p.explain(text)
    assert e.tokens == () and e.prefix_proba.shape == (0,) and e.contributions.shape == (0,)
    assert e.gates.shape == (2, 0, 3, 5)
    assert e.proba == pytest.approx(p.predict_proba([text])[0], abs=1e-12)


def test_unknown_words_are_explained_as_the_unknown_token():
    p = random_predictor(bidirectional=False, pooling="last")
    e = p.explain("魑魅魍魉手机很好")
    assert False in e.known and True in e.known
    assert abs(e.proba - p.predict_proba(["魑魅魍魉手机很好"])[0]) < 1e-9


PREDICTOR = random_predictor(max_len=40)


@settings(max_examples=60, deadline=None)
@given(st.text())
@example("")
@example("\x00")
@example("👨‍👩‍👧‍👦 手机很好 👍🏽")
@example("\u202eمرحبا 手机很差\u202c")
@example("手机很好" * 260_000)  # over 1 MB of UTF-8
def test_any_string_is_explained(text):
    e = PREDICTOR.explain(text)
    again = PREDICTOR.explain(text)
    assert len(e.tokens) <= 40
    for values in (e.prefix_proba, np.array([e.proba])):
        assert np.all((values >= 0) & (values <= 1))
    assert np.all(np.abs(e.contributions) <= 1) and np.all((e.gates >= 0) & (e.gates <= 1))
    assert e.tokens == again.tokens and e.proba == again.proba
    np.testing.assert_array_equal(e.prefix_proba, again.prefix_proba)
    np.testing.assert_array_equal(e.contributions, again.contributions)
    np.testing.assert_array_equal(e.gates, again.gates)
    assert abs(e.proba - PREDICTOR.predict_proba([text])[0]) < 1e-9
