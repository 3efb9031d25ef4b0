import json
from collections import Counter

import numpy as np
import pytest

from sentiment import load_predictor
from sentiment.core.checkpoint import META
from sentiment.core.config import UNK
from sentiment.core.text import NegationSplit
from sentiment.data.inputs import sha256
from sentiment.teaching.counterfactual import substitutions
from sentiment.training.evaluate import rebuild
from sentiment.training.train import build_parser, main
from tests.synthetic import TINY_ARGS, synthetic_reviews


def test_meta_records_command_data_split_and_metrics(tiny_checkpoint, corpus_csv):
    meta = json.loads((tiny_checkpoint / META).read_text())
    assert meta["command"].startswith("python -m sentiment.train --table ")
    assert meta["data"] == [
        {
            "path": str(corpus_csv),
            "kind": "table",
            "corpus": "reviews",
            "sha256": sha256(corpus_csv),
            "rows": 400,
            "skipped": 0,
        }
    ]
    assert meta["train"]["split_seed"] == 0 and meta["train"]["seed"] == 0
    assert sum(meta["split_sizes"].values()) == meta["dedup"]["rows_out"]
    assert meta["dedup"]["rows_in"] == 400
    test = meta["metrics"]["test"]
    assert test["n"] == meta["split_sizes"]["test"]
    assert test["lstm"]["accuracy"] >= 0.9
    assert 0 <= test["lstm"]["band"]["coverage"] <= 1


def test_meta_records_packaged_files_as_resources_and_data_files_relative_to_data(
    portable_checkpoint, corpus_csv, tiny_package
):
    meta = json.loads((portable_checkpoint / META).read_text())
    assert meta["data"] == [
        {
            "path": f"{corpus_csv.parent.name}/reviews.csv",
            "kind": "table",
            "corpus": "reviews",
            "sha256": sha256(corpus_csv),
            "rows": 400,
            "skipped": 0,
        },
        {
            "package": "tinytexts",
            "version": "1.0",
            "resource": "texts/lines.txt",
            "kind": "w2v_texts",
            "sha256": sha256(tiny_package / "texts" / "lines.txt"),
        },
    ]
    assert str(tiny_package) not in json.dumps(meta)  # no folder of the training machine's packages


def test_validation_scores_are_the_saved_models_own(tiny_checkpoint):
    """The threshold and band are chosen on these scores, so they must be what the shipped
    (float16-embedding) model gives, not the in-memory float32 one."""
    from sentiment import load_predictor

    p = load_predictor(tiny_checkpoint)
    val = rebuild(tiny_checkpoint).frame.query("split == 'val'")
    np.testing.assert_allclose(p.checkpoint.val_scores, p.predict_proba(list(val["text"])), atol=1e-6)


def test_label_smoothing_keeps_the_network_from_certainty(tiny_checkpoint, corpus_csv, tmp_path):
    """Targets 0.75 and 0.25 (s = 0.5): the best the network can do on its training texts is a logit
    of log 3, so its scores stay near 0.25-0.75 where the plain run's reach 0 and 1."""
    from sentiment.core.checkpoint import load_checkpoint

    main(["--table", str(corpus_csv), "--out", str(tmp_path / "s"), *TINY_ARGS, "--label-smoothing", "0.5"])
    smoothed, plain = (load_checkpoint(d).val_scores for d in (tmp_path / "s", tiny_checkpoint))
    assert json.loads((tmp_path / "s" / META).read_text())["train"]["label_smoothing"] == 0.5
    assert plain.min() < 0.05 and plain.max() > 0.95
    assert 0.15 < smoothed.min() and smoothed.max() < 0.85


def test_pos_neg_files_baseline_and_ood(tmp_path):
    rows = synthetic_reviews(300, seed=1)
    (tmp_path / "corpus").mkdir()
    pos, neg = tmp_path / "corpus" / "pos.txt", tmp_path / "corpus" / "neg.txt"
    pos.write_text("\n".join(t for t, y in rows if y) + "\n\n", encoding="utf-8")
    neg.write_text("\n".join(t for t, y in rows if not y), encoding="gb18030")
    ood = tmp_path / "hotel.csv"
    fresh = synthetic_reviews(60, seed=99)
    ood.write_text("label,review\n" + "".join(f"{y},{t}\n" for t, y in fresh + rows[:20]), encoding="utf-8")
    unseen_by_labels = next(t for t, _ in fresh if t not in {r for r, _ in rows})
    tagged = tmp_path / "daily.txt"  # People's Daily style; its last line is an untagged review
    tagged.write_text(f"迈向/v  充满/v  希望/n\n{unseen_by_labels}\n", encoding="utf-8")
    out = tmp_path / "ckpt"
    main(
        ["--pos", str(pos), "--neg", str(neg), "--ood", str(ood), "--w2v-tagged", str(tagged)]
        + ["--baseline", "--out", str(out), *TINY_ARGS]
    )
    meta = json.loads((out / META).read_text())
    assert [d["kind"] for d in meta["data"]] == ["pos", "neg", "w2v_texts", "ood"]
    assert meta["data"][0]["skipped"] == 1  # the blank line
    metrics = meta["metrics"]
    seen = {t for t, _ in rows} | {unseen_by_labels}  # Word2Vec saw it
    assert metrics["ood:hotel"]["n"] == len({t for t, _ in fresh} - seen)  # seen texts are dropped
    assert set(metrics["test"]) >= {"lstm", "tfidf_lr", "n"}
    assert metrics["test"]["tfidf_lr"]["accuracy"] >= 0.9


def test_flags_cover_every_setting():
    args = build_parser().parse_args(
        ["--out", "x", "--bidirectional", "--pooling", "max+mean", "--w2v-max-vocab", "9"]
    )
    assert args.bidirectional is True and args.pooling == "max+mean" and args.w2v_max_vocab == 9
    assert args.embed_dim == 256 and args.hidden == 128 and args.dropout == 0.5  # the 2015 configuration
    assert args.max_len == 50 and args.batch_size == 16 and args.epochs == 10
    assert args.select == "loss" and build_parser().parse_args(["--out", "x", "--select", "accuracy"]).select
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--out", "x", "--select", "auc"])


def test_epoch_is_picked_by_the_chosen_validation_score(tmp_path, corpus_csv):
    out = tmp_path / "acc"
    main(["--table", str(corpus_csv), "--out", str(out), *TINY_ARGS, "--select", "accuracy"])
    meta = json.loads((out / META).read_text())
    history = meta["training"]["history"]
    best = max(history, key=lambda h: h["val_acc"])  # the first epoch with the best accuracy
    assert meta["training"]["best_epoch"] == best["epoch"]


def test_no_data_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="no training data"):
        main(["--out", str(tmp_path / "x")])


@pytest.mark.parametrize(
    "flags",
    [
        ["--epochs", "0"],
        ["--val-fraction", "0"],
        ["--test-fraction", "1"],
        ["--network-vocab", "0"],
        ["--w2v-workers", "0"],
        ["--pretrain-words", "-1"],
        ["--label-smoothing", "1"],
    ],
)
def test_impossible_settings_are_clear_errors(tmp_path, corpus_csv, flags):
    with pytest.raises(SystemExit, match="must be at least|val_fraction"):
        main(["--table", str(corpus_csv), "--out", str(tmp_path / "x"), *flags])


def test_a_table_without_labels_is_a_clear_error(tmp_path):
    path = tmp_path / "texts.csv"
    path.write_text("review\n很好\n很差\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="texts.csv: no label column"):
        main(["--table", str(path), "--out", str(tmp_path / "x")])


@pytest.mark.parametrize("bucket", [False, True])
def test_batches_cover_every_text_once(bucket):
    import torch

    from sentiment.core.encoding import batches

    lengths = [(7 * i) % 97 + 1 for i in range(1000)]
    cut = batches(lengths, 16, bucket, torch.Generator().manual_seed(3))
    assert sorted(i for b in cut for i in b) == list(range(1000))
    assert sorted(len(b) for b in cut) == [8] + [16] * 62


def test_batches_without_bucket_are_the_plain_shuffle_and_with_bucket_group_lengths():
    import torch

    from sentiment.core.encoding import batches

    lengths = [(7 * i) % 97 + 1 for i in range(1000)]
    order = torch.randperm(1000, generator=torch.Generator().manual_seed(3)).tolist()
    plain = batches(lengths, 16, False, torch.Generator().manual_seed(3))
    assert plain == [order[s : s + 16] for s in range(0, 1000, 16)]  # old checkpoints retrain identically

    def steps(cut):  # LSTM steps an epoch runs: each batch as long as its longest text
        return sum(max(lengths[i] for i in b) for b in cut)

    generator = torch.Generator().manual_seed(3)
    bucketed, next_epoch = batches(lengths, 16, True, generator), batches(lengths, 16, True, generator)
    assert steps(bucketed) < 0.6 * steps(plain)
    longest = [max(lengths[i] for i in b) for b in bucketed]
    assert longest != sorted(longest) and longest != sorted(longest, reverse=True)  # not shortest first
    assert bucketed != next_epoch  # each epoch batches and orders anew


def test_the_network_reads_the_training_texts_most_frequent_words_and_the_neighbors_span_them_all(
    tmp_path, corpus_csv
):
    out = tmp_path / "small"
    general = tmp_path / "general.txt"  # words more frequent in the Word2Vec texts than any review word
    general.write_text("今天天气晴朗，阳光明媚，万里无云\n" * 400, encoding="utf-8")
    flags = ["--w2v-texts", str(general), "--network-vocab", "10"]
    main(["--table", str(corpus_csv), "--out", str(out), *TINY_ARGS, *flags])
    p = load_predictor(out)
    assert len(p.network_vectors) == 10 and p.network_vectors.index_to_key == p.vectors.index_to_key[:10]
    train = rebuild(out).frame.query("split == 'train'")
    counts = Counter(w for text in train["text"] for w in p.segment(text))
    read = set(p.network_vectors.index_to_key)
    assert min(counts[w] for w in read) >= max(counts[w] for w in p.vectors.index_to_key if w not in read) > 0
    assert {"天气晴朗", "阳光明媚", "万里无云"} <= set(p.vectors.index_to_key) - read
    assert len(p.vectors) > 10 and p.meta["vocab_size"] == 10 and p.meta["vectors"] == len(p.vectors)
    rare = p.vectors.index_to_key[-1]
    assert not p.in_vocabulary(rare) and p.encode([rare]) == [[UNK]]
    assert p.neighbors(rare, 3) and p.encode([p.vectors.index_to_key[0]]) == [[2]]
    text = "".join(p.vectors.index_to_key[:3])
    swaps = substitutions(p.explain(text), p.network_vectors, p.logits, 5, p.threshold, p.band)
    assert len(swaps) and set(swaps["replacement"]) <= set(p.network_vectors.index_to_key)


def test_split_negation_is_recorded_and_the_predictor_segments_as_training_did(tmp_path, corpus_csv):
    out = tmp_path / "split"
    main(["--table", str(corpus_csv), "--out", str(out), *TINY_ARGS, "--split-negation"])
    p = load_predictor(out)
    assert p.meta["segmenter"]["negation"] == NegationSplit().to_json()
    assert "--split-negation" in p.meta["command"]
    assert p.segment("质量不错") == ["质量", "不", "错"]
    assert "错" in p.vectors.index_to_key and "不错" not in p.vectors.index_to_key  # from 质量不错


@pytest.mark.parametrize("flags, tuned", [(["--tune-vocab", "4"], 4), (["--freeze-embedding"], 0)])
def test_rows_left_at_their_word_vectors_are_stored_once(tmp_path, corpus_csv, flags, tuned):
    """Only the tuned rows (PAD and UNK first) go into model.safetensors; the frozen ones are the
    stored word vectors, read back from them, and the validation scores are still the saved model's own."""
    from safetensors.numpy import load_file

    out = tmp_path / "frozen"
    main(["--table", str(corpus_csv), "--out", str(out), *TINY_ARGS, *flags])
    assert load_file(str(out / "model.safetensors"))["embedding.weight"].shape[0] == tuned + 2
    p = load_predictor(out)
    embedding = p.checkpoint.state["embedding.weight"]
    assert embedding.shape[0] == p.meta["vocab_size"] + 2 > tuned + 2
    np.testing.assert_array_equal(embedding[tuned + 2 :], p.network_vectors.vectors[tuned:])
    val = rebuild(out).frame.query("split == 'val'")
    np.testing.assert_allclose(p.checkpoint.val_scores, p.predict_proba(list(val["text"])), atol=1e-6)
