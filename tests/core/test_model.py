import pytest
import torch

from sentiment.core.config import PAD, UNK, ModelConfig
from sentiment.core.encoding import pad_batch, token_ids
from sentiment.core.model import SentimentNet
from tests.synthetic import NETWORKS, tiny_network


def test_the_2015_configuration_is_expressible_exactly():
    vocab = 1000
    net = SentimentNet(ModelConfig(vocab_size=vocab, embed_dim=256, hidden=128, dropout=0.5))
    assert net.embedding.weight.shape == (vocab, 256)
    assert isinstance(net.rnn, torch.nn.LSTM) and net.rnn.hidden_size == 128 and not net.rnn.bidirectional
    assert net.dropout.p == 0.5
    assert net.dense.in_features == 128 and net.dense.out_features == 1
    lstm_params = 4 * 128 * (256 + 128) + 2 * 4 * 128  # Keras counts one bias, PyTorch two
    assert sum(p.numel() for p in net.rnn.parameters()) == lstm_params


@pytest.mark.parametrize(("cell", "bidirectional", "pooling"), NETWORKS)
def test_shapes_and_padding_invariance(cell, bidirectional, pooling):
    net, _ = tiny_network(20, cell, bidirectional, pooling, seed=0)
    ids, lengths = pad_batch([[2, 3, 4], [5], [6, 7, 8, 9, 10]])
    assert ids.shape == (3, 5)
    features = net.features(ids, lengths)
    assert features.shape == (3, 5 * (2 if bidirectional else 1) * len(pooling.split("+")))
    # the same text alone, without padding, gives the same output
    alone = net(*pad_batch([[2, 3, 4]]))
    assert torch.allclose(net(ids, lengths)[0], alone[0], atol=1e-6)


def test_empty_texts_read_as_zero_features():
    net = SentimentNet(ModelConfig(vocab_size=10, embed_dim=4, hidden=3)).eval()
    ids, lengths = pad_batch([[], [2, 3], []])
    features = net.features(ids, lengths)
    assert torch.equal(features[0], torch.zeros(3)) and torch.equal(features[2], torch.zeros(3))
    assert torch.any(features[1] != 0)
    assert net(*pad_batch([[]])).shape == (1,)


def test_unknown_settings_are_refused():
    with pytest.raises(ValueError, match="cell must be"):
        ModelConfig(vocab_size=3, cell="transformer")
    with pytest.raises(ValueError, match="unknown pooling 'median'"):
        ModelConfig(vocab_size=3, pooling="max+median")


def test_token_ids_truncate_and_mark_unknown_words():
    index = {"好": 0, "手机": 1}
    assert token_ids(["手机", "真", "好"], index, max_len=5) == [3, UNK, 2]
    assert token_ids(["a", "手机", "好"], index, max_len=2, truncate="pre") == [3, 2]  # keeps the last words
    assert token_ids(["手机", "好", "a"], index, max_len=2, truncate="post") == [3, 2]
    assert token_ids([], index, max_len=2) == []
    with pytest.raises(ValueError, match="truncate must be one of"):
        token_ids([], index, 2, truncate="middle")


def test_pad_batch_pads_after_each_text():
    ids, lengths = pad_batch([[5, 6], [], [7]])
    assert ids.tolist() == [[5, 6], [PAD, PAD], [7, PAD]]
    assert lengths.tolist() == [2, 0, 1]


def test_unknown_words_can_be_read_as_their_characters():
    index = {"好": 0, "手机": 1, "很": 2}
    words = ["手机", "很好用", "x"]  # 很好用 is unknown; 用 and x are unknown characters
    assert token_ids(words, index, max_len=9) == [3, UNK, UNK]
    assert token_ids(words, index, max_len=9, oov_chars=True) == [3, 4, 2, UNK, UNK]
    assert token_ids(words, index, max_len=2, oov_chars=True) == [UNK, UNK]  # cut after expanding
