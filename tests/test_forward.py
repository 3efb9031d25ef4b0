import numpy as np
import pytest
import torch

from sentiment.config import ModelConfig
from sentiment.encoding import pad_batch
from sentiment.forward import NumpyNet, expected_shapes
from sentiment.model import SentimentNet
from tests.synthetic import NETWORKS


@pytest.mark.parametrize(("cell", "bidirectional", "pooling"), NETWORKS)
def test_numpy_forward_equals_the_torch_network(cell, bidirectional, pooling):
    torch.manual_seed(1)
    config = ModelConfig(
        vocab_size=30, embed_dim=6, hidden=5, cell=cell, bidirectional=bidirectional, pooling=pooling
    )
    net = SentimentNet(config).eval()
    state = {k: v.numpy() for k, v in net.state_dict().items()}
    assert {k: v.shape for k, v in state.items()} == expected_shapes(config)
    ids = np.random.default_rng(0).integers(2, 30, size=(4, 7))
    with torch.no_grad():
        expected = net(*pad_batch(ids.tolist())).numpy()
    np.testing.assert_allclose(NumpyNet(config, state).logits(ids), expected, atol=1e-5)


@pytest.mark.parametrize("bidirectional", [False, True])
def test_numpy_forward_equals_the_torch_network_with_characters(bidirectional):
    torch.manual_seed(2)
    config = ModelConfig(
        vocab_size=30,
        embed_dim=6,
        hidden=5,
        bidirectional=bidirectional,
        pooling="max+mean",
        char_dim=4,
        char_vocab_size=12,
    )
    net = SentimentNet(config).eval()
    state = {k: v.numpy() for k, v in net.state_dict().items()}
    assert {k: v.shape for k, v in state.items()} == expected_shapes(config)
    rng = np.random.default_rng(0)
    ids = np.concatenate([rng.integers(1, 30, (4, 7, 1)), rng.integers(0, 12, (4, 7, 3))], axis=2)
    ids[0, 0, 1:] = 0  # a word none of whose characters has a vector
    with torch.no_grad():
        expected = net(*pad_batch(ids.tolist())).numpy()
    numpy_net = NumpyNet(config, state)
    np.testing.assert_allclose(numpy_net.logits(ids), expected, atol=1e-5)
    # every prefix, as a text of its own, scores as the network scores it
    prefixes = [numpy_net.logits(ids[:1, : t + 1])[0] for t in range(7)]
    np.testing.assert_allclose(numpy_net.prefix_logits(ids[0]), prefixes, atol=1e-5)


def test_characters_change_what_a_word_reads_as():
    config = ModelConfig(vocab_size=5, embed_dim=2, hidden=3, char_dim=2, char_vocab_size=4)
    state = {k: v.numpy() for k, v in SentimentNet(config).state_dict().items()}
    net = NumpyNet(config, state)
    chars = state["char_embedding.weight"]
    x = net.inputs(np.array([[[1, 2, 3], [1, 2, 0]]]))  # one unknown word with two characters, then one
    np.testing.assert_allclose(x[0, 0], [*state["embedding.weight"][1], *(chars[2] + chars[3]) / 2])
    np.testing.assert_allclose(x[0, 1, 2:], chars[2])


def test_empty_texts_score_the_dense_bias():
    config = ModelConfig(vocab_size=5, embed_dim=3, hidden=2)
    state = {k: v.numpy() for k, v in SentimentNet(config).eval().state_dict().items()}
    logits = NumpyNet(config, state).logits(np.zeros((3, 0), dtype=np.int64))
    np.testing.assert_allclose(logits, [state["dense.bias"][0]] * 3)
