"""One Predictor shared by several threads (as the page's sessions share it) gives exactly what it
gives one caller at a time: scores on both engines, segmentation and neighbors."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from sentiment.core.predict import TORCH_FROM
from tests.synthetic import synthetic_reviews

THREADS = 8


def run_together(calls):
    """Every call at once on THREADS threads, each started as soon as a thread is free."""
    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(lambda call: call(), calls))


def test_concurrent_calls_give_the_sequential_results(tiny_predictor):
    p = tiny_predictor
    texts = [t for t, _ in synthetic_reviews(3 * TORCH_FROM, seed=11)]
    small = [texts[i : i + 7] for i in range(0, 140, 7)]  # numpy engine
    big = [texts[i : i + TORCH_FROM] for i in range(0, 2 * TORCH_FROM + 1, TORCH_FROM)]  # torch engine
    assert all(len(b) >= TORCH_FROM for b in big)
    words = [w for w in p.vectors.index_to_key[:20]]
    calls = (
        [lambda b=b: p.predict_proba(b) for b in small + big]
        + [lambda t=t: p.segment(t) for t in texts[:60]]
        + [lambda w=w: p.neighbors(w, k=5) for w in words]
    ) * 2
    expected = [call() for call in calls]
    together = run_together(calls)
    for got, want in zip(together, expected, strict=True):
        if isinstance(want, np.ndarray):
            np.testing.assert_array_equal(got, want)
        else:
            assert got == want


def test_the_torch_engine_is_built_once_and_each_thread_uses_the_threads_asked_for(tiny_checkpoint):
    import torch

    from sentiment import load_predictor

    p = load_predictor(tiny_checkpoint, torch_threads=1)
    texts = [t for t, _ in synthetic_reviews(TORCH_FROM, seed=12)]
    call = lambda: (p.predict_proba(texts), p.torch_net(), torch.get_num_threads())  # noqa: E731
    results = run_together([call] * THREADS)
    assert len({id(net) for _, net, _ in results}) == 1
    assert {threads for _, _, threads in results} == {1}
    for scores, _, _ in results:
        np.testing.assert_array_equal(scores, results[0][0])
