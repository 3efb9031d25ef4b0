"""The local engine: blocks scored in this process (one worker) or in N processes, each loading the
predictor once; at most two blocks a worker are in flight, so memory stays flat, and the scored
blocks come back in file order."""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

import pandas as pd

from sentiment.batch.blocks import Block
from sentiment.batch.scoring import Job, score_block
from sentiment.core.predict import Predictor, load_predictor

_predictor: Predictor | None = None  # a worker process's own


def run_local(blocks: Iterable[Block], job: Job, workers: int) -> Iterator[pd.DataFrame]:
    """Each block scored, in order."""
    if workers <= 1:
        predictor = load_predictor(job.checkpoint)
        for block in blocks:
            yield score_block(block, predictor.predict_proba, job)
        return
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start,
        initargs=(job.checkpoint,),
    )
    pending: deque[Future] = deque()
    try:
        for block in blocks:
            pending.append(pool.submit(_score, block, job))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start(checkpoint: str | None) -> None:
    """A worker: Ctrl-C is the parent's to handle; one torch thread, as the workers share the cores."""
    global _predictor
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _predictor = load_predictor(checkpoint, torch_threads=1)


def _score(block: Block, job: Job) -> pd.DataFrame:
    return score_block(block, _predictor.predict_proba, job)
