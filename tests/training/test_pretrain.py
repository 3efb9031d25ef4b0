import json

import pytest
import torch

from sentiment.core.checkpoint import META
from sentiment.core.config import UNK, ModelConfig
from sentiment.core.model import SentimentNet
from sentiment.training.pretrain import LanguageModel, pretrain, usable
from sentiment.training.train import main
from tests.synthetic import TINY_ARGS

CYCLE = [2, 3, 4, 5, 6, 7]  # a language with one sentence: each word has one next and one previous word


def tiny_net(seed: int = 0, bidirectional: bool = True) -> SentimentNet:
    torch.manual_seed(seed)
    config = ModelConfig(vocab_size=10, embed_dim=8, hidden=8, bidirectional=bidirectional, pooling="max")
    return SentimentNet(config)


def test_only_texts_long_enough_and_mostly_known_are_read():
    texts = [[2, 3, 4], [2, 3, 4, 5], [UNK, UNK, 2, 3], [UNK, 2, 3, 4]]
    assert usable(texts) == [[2, 3, 4, 5], [UNK, 2, 3, 4]]


@pytest.mark.parametrize("bidirectional", [True, False])
def test_the_recurrent_layer_learns_to_predict_the_next_word_and_nothing_else_changes(bidirectional):
    net = tiny_net(bidirectional=bidirectional)
    before = {k: v.clone() for k, v in net.state_dict().items()}
    texts = [CYCLE * 2] * 40
    record = pretrain(net, texts, words=150_000, seed=0)
    after = net.state_dict()
    changed = {k for k in before if not torch.equal(before[k], after[k])}
    assert changed == {k for k in before if k.startswith("rnn.")}
    assert 150_000 <= record["words"] < 150_000 + 64 * 12 and record["texts"] == 40
    assert record["loss"] < record["first_loss"] / 4


def test_a_shorter_text_in_a_batch_is_predicted_as_if_alone():
    """Padding adds no target: no word is predicted from a state read past a text's end."""
    model = LanguageModel(tiny_net()).eval()
    noise = torch.ones(10)  # 1,024 draws over 10 words: every word a candidate in every batch
    short, long = [2, 3, 4, 5], [6, 7, 2, 3, 4, 8, 9]

    def loss(batch):
        return model.loss(batch, noise, torch.Generator().manual_seed(0)).item()

    pairs = {len(short): 2 * (len(short) - 1), len(long): 2 * (len(long) - 1)}  # both directions
    alone = loss([short]) * pairs[len(short)] + loss([long]) * pairs[len(long)]
    assert loss([short, long]) * sum(pairs.values()) == pytest.approx(alone, rel=1e-5)


def test_the_same_seed_gives_the_same_weights():
    texts = [CYCLE, CYCLE[::-1] + CYCLE, CYCLE[2:] * 3]
    nets = [tiny_net(), tiny_net()]
    for net in nets:
        torch.manual_seed(5)  # the dropout's draws, as the training command seeds them
        pretrain(net, texts, words=2_000, seed=3)
    for name, value in nets[0].state_dict().items():
        assert torch.equal(value, nets[1].state_dict()[name])


def test_nothing_usable_is_a_clear_error():
    with pytest.raises(ValueError, match="no text to pretrain on"):
        pretrain(tiny_net(), [[2, 3], [UNK, UNK, UNK, 4]], words=100, seed=0)


def test_the_training_command_pretrains_on_the_word2vec_texts_and_records_it(tmp_path, corpus_csv):
    general = tmp_path / "general.txt"
    general.write_text("今天天气晴朗，阳光明媚，我们一起去公园散步\n" * 200, encoding="utf-8")
    out = tmp_path / "pretrained"
    flags = ["--w2v-texts", str(general), "--pretrain-words", "3000"]
    main(["--table", str(corpus_csv), "--out", str(out), *TINY_ARGS, *flags])
    meta = json.loads((out / META).read_text())
    assert meta["train"]["pretrain_words"] == 3000 and "--pretrain-words 3000" in meta["command"]
    assert meta["pretrain"]["words"] >= 3000 and meta["pretrain"]["texts"] > 200
    assert meta["metrics"]["test"]["lstm"]["accuracy"] >= 0.9
