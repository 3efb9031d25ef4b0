"""``python -m sentiment.behaviour [CHECKPOINT] [--half dev|test|both]``: the behavioural suite on a
checkpoint (assets/default without one), the LSTM beside its bag-of-words baseline; prints the
Markdown report and writes it with its JSON (results/behaviour.md and results/behaviour.json by default)."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from sentiment import load_predictor

from .report import markdown, summary
from .run import run_suite


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sentiment.behaviour", description=__doc__)
    parser.add_argument("checkpoint", nargs="?", help="checkpoint directory (default: assets/default)")
    parser.add_argument("--half", choices=("dev", "test", "both"), default="test")
    parser.add_argument("--md", type=Path, default=Path("results/behaviour.md"), help="Markdown report")
    parser.add_argument("--json", type=Path, default=Path("results/behaviour.json"), help="JSON report")
    parser.add_argument("--failures", type=int, default=3, help="failing cases shown per capability")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    try:
        predictor = load_predictor(args.checkpoint)
    except ValueError as err:  # no checkpoint there, or a damaged one: say which, without a traceback
        raise SystemExit(f"error: {err}") from None
    halves = ("test", "dev") if args.half == "both" else (args.half,)
    reports = [summary(run_suite(predictor, half, progress=True), args.failures) for half in halves]
    words = sys.argv[1:] if argv is None else argv
    command = "python -m sentiment.behaviour " + shlex.join(words)
    text = markdown(reports, command.strip())
    record = {"command": command.strip(), "checkpoint": args.checkpoint or "assets/default"}
    for path in (args.md, args.json):
        path.parent.mkdir(parents=True, exist_ok=True)
    args.md.write_text(text, encoding="utf-8")
    payload = record | {"halves": {r["half"]: r for r in reports}}
    args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
