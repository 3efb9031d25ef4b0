import json

from sentiment.speed import main, typical


def test_typical_keeps_the_middle_half_by_length():
    texts = ["a" * n for n in range(1, 101)]
    picked = typical(texts, 1000)
    assert min(map(len, picked)) >= 25 and max(map(len, picked)) <= 76
    assert len(typical(texts, 5)) == 5


def test_benchmark_runs_end_to_end(tiny_checkpoint, corpus_csv, tmp_path):
    out = tmp_path / "speed.json"
    report = main(
        [
            "--data",
            str(corpus_csv),
            "--checkpoint",
            str(tiny_checkpoint),
            "--batch",
            "60",
            "--single",
            "10",
            "--cold-runs",
            "1",
            "--out",
            str(out),
        ]
    )
    assert json.loads(out.read_text()) == json.loads(json.dumps(report))
    assert report["n_batch"] == 60 and report["n_single"] == 10
    assert report["lstm"]["texts_per_s"] > 0 and report["snownlp"]["texts_per_s"] > 0
    assert 0 <= report["segmentation"]["identical_tokens_share"] <= 1
    assert report["cold_load"]["load_s_median"] < report["cold_load"]["process_s_median"]
    assert report["ratio_vs_snownlp"]["p50_speedup"] > 0
