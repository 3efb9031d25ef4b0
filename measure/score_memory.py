"""Measure ``python -m sentiment.score`` on 200,000 and 2,000,000 rows: wall time, rows/s and the
peak resident memory of the command and of its largest worker (VmHWM of each process, read from
/proc while it runs), so one can see memory stay flat as the file grows tenfold. Not a test; run it
on a quiet machine:

    python -m measure.score_memory --rows 200000 2000000 --workers 2

The CSVs are synthetic reviews (tests/synthetic.py) with a label column, each row's text varied by
its number so no two rows are equal. Writes results/score_memory.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.serving import ROOT, memory_mb
from tests.synthetic import synthetic_reviews


def write_csv(path: Path, rows: int) -> None:
    """``rows`` labelled reviews, written a block at a time."""
    base = synthetic_reviews(5000, seed=1)
    with open(path, "w", encoding="utf-8") as out:
        out.write("id,review,label\n")
        for start in range(0, rows, 100_000):
            out.write(
                "".join(
                    f"{i},{base[i % 5000][0]}第{i}条,{base[i % 5000][1]}\n"
                    for i in range(start, min(rows, start + 100_000))
                )
            )


def descendants(pid: int) -> list[int]:
    """The process's children, their children, ... (from /proc)."""
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        found += map(int, children)
        frontier += map(int, children)
    return found


def run(source: Path, workers: int) -> dict:
    """One run of the command, its memory sampled every 0.2 s."""
    out = source.with_name(source.stem + "-scored.csv")
    command = [sys.executable, "-m", "sentiment.score", str(source), str(out), "--workers", str(workers)]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    main_peak, worker_peak, total_peak = 0.0, 0.0, 0.0
    while child.poll() is None:
        try:
            main_rss, main_hwm = memory_mb(child.pid)
            workers_now = [memory_mb(p) for p in descendants(child.pid)]
        except (OSError, KeyError):
            continue
        main_peak = max(main_peak, main_hwm)
        worker_peak = max([worker_peak, *(hwm for _, hwm in workers_now)])
        total_peak = max(total_peak, main_rss + sum(rss for rss, _ in workers_now))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    rows = sum(1 for _ in open(source, "rb")) - 1
    return {
        "rows": rows,
        "input_mb": round(source.stat().st_size / 2**20, 1),
        "workers": workers,
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds),
        "peak_rss_main_mb": round(main_peak),
        "peak_rss_worker_mb": round(worker_peak),
        "peak_rss_all_mb": round(total_peak),
        "exit": child.returncode,
        "summary": child.stdout.read().strip(),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, nargs="+", default=[200_000, 2_000_000])
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--out", default=str(ROOT / "results" / "score_memory.json"))
    args = p.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            source = Path(tmp) / f"reviews-{rows}.csv"
            write_csv(source, rows)
            runs.append(run(source, args.workers))
            print(json.dumps(runs[-1]), flush=True)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "machine": platform.machine()}
    Path(args.out).write_text(
        json.dumps({"machine": machine, "runs": runs}, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
