"""The Ray engine: the same blocks as a Ray dataset, scored by ``map_batches`` with an actor class
that loads the predictor once per actor (``concurrency`` actors), the scored blocks streamed back in
file order for the driver to write as the local engine does.

The checkpoint reaches the actors through Ray's object store, not a shared disk: the driver reads
the checkpoint directory's files (safetensors, word2vec binary, JSON: nothing that unpickles) into
bytes and ``ray.put``s them once; each actor writes them to a temporary directory of its own and
loads the predictor from there. The Predictor itself is never pickled. A text input's blocks are byte
ranges that each actor reads itself, so the input must be at a path every node reads (a shared
mount); a spreadsheet's rows travel in the blocks.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from sentiment.batch.blocks import Block
from sentiment.batch.scoring import Job, score_block
from sentiment.core.predict import DEFAULT_CHECKPOINT, load_predictor

RAY = "ray[data]==2.60.0"  # the version requirements-dev.txt pins
INSTALL = f"--engine ray needs Ray Data: pip install '{RAY}'"


def checkpoint_files(directory: str | Path | None) -> dict[str, bytes]:
    """The files of a checkpoint directory by name, as bytes."""
    directory = Path(DEFAULT_CHECKPOINT if directory is None else directory)
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir()) if path.is_file()}


class Scorer:
    """A Ray actor: the checkpoint's files from the object store to a directory of its own, loaded once."""

    def __init__(self, files: list, job: Job):
        import ray

        self.directory = tempfile.TemporaryDirectory(prefix="sentiment-checkpoint-")
        for name, content in ray.get(files[0]).items():
            (Path(self.directory.name) / name).write_bytes(content)
        self.predictor = load_predictor(self.directory.name, torch_threads=1)
        self.job = job

    def __call__(self, batch: pd.DataFrame) -> pd.DataFrame:
        return pd.concat([score_block(b, self.predictor.predict_proba, self.job) for b in batch["block"]])


def run_ray(blocks: Iterable[Block], job: Job, workers: int, address: str | None) -> Iterator[pd.DataFrame]:
    """Each block scored on the Ray cluster at ``address`` (a local one, started and stopped here,
    when None and none is running), in order."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise SystemExit(INSTALL) from None
    started = not ray.is_initialized()
    if started:
        ray.init(
            address=address,
            include_dashboard=False,
            log_to_driver=False,
            **({} if address else {"num_cpus": workers}),
        )
    try:
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        files = [ray.put(checkpoint_files(job.checkpoint))]  # in a list: the actors fetch it themselves
        dataset = ray.data.from_items([{"block": block} for block in blocks])
        scored = dataset.map_batches(
            Scorer,
            fn_constructor_kwargs={"files": files, "job": job},
            batch_size=1,
            batch_format="pandas",
            concurrency=workers,
        )
        for batch in scored.iter_batches(batch_size=None, batch_format="pandas"):
            yield batch.reset_index(drop=True)
    finally:
        if started:
            ray.shutdown()
