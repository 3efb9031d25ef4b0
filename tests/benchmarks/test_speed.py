from sentiment.benchmarks.speed import cold_load, fresh_process, latency_ms, segmentation, throughput, typical


def test_typical_keeps_the_middle_half_by_length():
    texts = ["a" * n for n in range(1, 101)]
    picked = typical(texts, 1000)
    assert min(map(len, picked)) >= 25 and max(map(len, picked)) <= 76
    assert len(typical(texts, 5)) == 5


def test_fresh_process_loads_scores_and_reports_its_own_peak_memory(tiny_checkpoint):
    loaded = cold_load(tiny_checkpoint, repeats=1)
    assert 0 < loaded["load_s"] < loaded["process_s"] and loaded["peak_mb"] > 0
    batch = fresh_process(tiny_checkpoint, ["手机很好"] * 300)  # 300 texts: torch is imported
    assert batch["peak_mb"] > loaded["peak_mb"]


def test_latency_throughput_and_segmentation_figures():
    calls = []
    figures = latency_ms(calls.append, ["a", "b", "c"], ["w"])
    assert calls == ["w", "a", "b", "c"] and 0 <= figures["p50_ms"] <= figures["p95_ms"]
    assert throughput(lambda texts: calls.extend(texts), ["x", "y"], ["w"]) > 0
    segments = segmentation(["手机很好", "电脑很差"])
    assert segments["identical_tokens_share"] == 1.0 and segments["rjieba_texts_per_s"] > 0
