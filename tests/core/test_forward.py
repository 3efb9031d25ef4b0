import numpy as np
import pytest
import torch

from sentiment.core.config import ModelConfig
from sentiment.core.encoding import pad_batch
from sentiment.core.forward import NumpyNet, expected_shapes
from sentiment.core.model import SentimentNet
from tests.synthetic import NETWORKS, tiny_network


@pytest.mark.parametrize(("cell", "bidirectional", "pooling"), NETWORKS)
def test_numpy_forward_equals_the_torch_network(cell, bidirectional, pooling):
    net, config = tiny_network(30, cell, bidirectional, pooling, seed=1)
    state = {k: v.numpy() for k, v in net.state_dict().items()}
    assert {k: v.shape for k, v in state.items()} == expected_shapes(config)
    ids = np.random.default_rng(0).integers(2, 30, size=(4, 7))
    with torch.no_grad():
        expected = net(*pad_batch(ids.tolist())).numpy()
    np.testing.assert_allclose(NumpyNet(config, state).logits(ids), expected, atol=1e-5)


def test_empty_texts_score_the_dense_bias():
    config = ModelConfig(vocab_size=5, embed_dim=3, hidden=2)
    state = {k: v.numpy() for k, v in SentimentNet(config).eval().state_dict().items()}
    logits = NumpyNet(config, state).logits(np.zeros((3, 0), dtype=np.int64))
    np.testing.assert_allclose(logits, [state["dense.bias"][0]] * 3)
