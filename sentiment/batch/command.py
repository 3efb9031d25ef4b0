"""``python -m sentiment.score INPUT OUTPUT``: score a file of any size with a checkpoint, its
threshold and band, on local processes or a Ray cluster (docs/scoring.md).

Every input row is written, in order, with its columns, then P(positive), the verdict and a note
(why a row was not scored, or why its label could not be read). With a label column, the metrics the
page shows are printed and written beside the output (``OUTPUT`` with ``.metrics.json``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tqdm import tqdm

from sentiment.batch.blocks import TYPES, plan
from sentiment.batch.output import Output, metrics_path, write_json
from sentiment.batch.report import Tally, summary_lines
from sentiment.batch.scoring import LABEL, NOTES, Job, outcome_names
from sentiment.core.predict import MulticlassPredictor, load_predictor
from sentiment.data.upload import guess_label_column, guess_text_column
from sentiment.decision.thresholds import checked_band


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m sentiment.score", description=__doc__.split("\n\n")[0])
    p.add_argument("input", help=f"the file to score: {', '.join(TYPES)}")
    p.add_argument("output", help="the scored file: .csv or .parquet")
    p.add_argument("--text-col", help="the text column (default: the only column, or review/text/评论/...)")
    p.add_argument(
        "--label-col",
        help='the label column (default: label/sentiment/标签/... if there is one; "" for none)',
    )
    p.add_argument("--checkpoint", help="checkpoint directory (default: the shipped one)")
    p.add_argument("--threshold", type=float, help="the decision threshold (default: the checkpoint's)")
    p.add_argument(
        "--band",
        type=float,
        nargs=2,
        metavar=("LO", "HI"),
        help="the abstain band (default: the checkpoint's; none with --threshold)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes, or Ray actors (default: the cores)",
    )
    p.add_argument("--engine", choices=("local", "ray"), default="local", help="local processes, or Ray Data")
    p.add_argument("--address", help="with --engine ray: the cluster to join (default: start a local one)")
    return p


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    if args.workers < 1:
        parser().error("--workers must be at least 1")
    try:
        summary = score_file(args)
    except ValueError as err:  # an InputError; a threshold or band out of range; a checkpoint refused
        sys.exit(f"error: {err}")
    except KeyboardInterrupt:
        sys.exit(f"interrupted: {args.output} was not written")
    for line in summary_lines(summary):
        print(line)


def score_file(args: argparse.Namespace) -> dict:
    """Score ``args.input`` into ``args.output``; the summary (and the metrics file when labelled)."""
    output = Output(args.output)
    predictor = load_predictor(args.checkpoint)
    if isinstance(predictor, MulticlassPredictor):
        raise ValueError(
            f"{args.checkpoint}: a checkpoint over classes ({', '.join(predictor.classes)}); "
            "the batch command scores polarity checkpoints (P(positive), a threshold and a band)"
        )
    threshold = predictor.threshold if args.threshold is None else args.threshold
    band = (
        tuple(args.band)
        if args.band
        else (threshold, threshold)
        if args.threshold is not None
        else predictor.band
    )
    band = checked_band(threshold, band)
    del predictor  # the workers load their own
    layout = plan(args.input)
    label_col = guess_label_column(layout.columns) if args.label_col is None else args.label_col or None
    shown = args.text_col or guess_text_column(layout.columns)  # the readers pick it, as on the page
    print(f"{args.input}: text column {shown!r}, label column {label_col!r}", file=sys.stderr)
    job = Job(args.checkpoint, args.text_col, label_col, threshold, band)
    scored = _engine(args, layout.blocks, job)
    names = outcome_names(layout.columns)
    tally = Tally()
    with (
        output as out,
        tqdm(unit=" rows", desc="scoring", file=sys.stderr) as bar,
    ):
        for table in scored:
            tally.add(table[names[0]], table[names[1]], table[LABEL], table[NOTES])
            out.write(table.drop(columns=[LABEL, NOTES]))
            bar.update(len(table))
    for note in tally.notes:
        print(note, file=sys.stderr)
    summary = {"input": str(args.input), "output": str(args.output), **tally.summary(threshold, band)}
    if summary["labelled"]:
        write_json(metrics_path(Path(args.output)), summary)
    return summary


def _engine(args: argparse.Namespace, blocks, job: Job):
    if args.engine == "ray":
        from sentiment.batch.ray_engine import run_ray

        return run_ray(blocks, job, args.workers, args.address)
    from sentiment.batch.local import run_local

    return run_local(blocks, job, args.workers)
