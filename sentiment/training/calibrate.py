"""Temperature scaling: a checkpoint's probabilities made honest without changing a single verdict.

    python -m sentiment.calibrate assets/default --data ../shared/data

The temperature ``T`` is fitted on the validation split only, by the
likelihood of ``sigmoid(logit(p) / T)``. It is stored in meta.json only if it lowers the expected
calibration error on validation and on the test split; the Predictor then applies it to every
score. The map is increasing, so the stored threshold and band are sent through the same map and
every verdict stays as it was; validation.json and the metrics are rescored with it.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np

from sentiment.core.checkpoint import META, VALIDATION, write_validation
from sentiment.decision.temperature import apply_temperature, fit_temperature, nll
from sentiment.decision.thresholds import expected_calibration_error

log = logging.getLogger(__name__)


def compare(temperature: float, splits: dict[str, tuple[np.ndarray, np.ndarray]]) -> dict:
    """ECE and NLL before and after the temperature on each named (scores, labels) split."""
    report = {"temperature": temperature}
    for name, (scores, labels) in splits.items():
        tempered = apply_temperature(scores, temperature)
        report[name] = {
            "n": int(len(scores)),
            "ece_before": expected_calibration_error(scores, labels),
            "ece_after": expected_calibration_error(tempered, labels),
            "nll_before": nll(scores, labels),
            "nll_after": nll(scores, labels, temperature),
        }
    report["applied"] = all(r["ece_after"] < r["ece_before"] for r in report.values() if isinstance(r, dict))
    return report


def calibrate_checkpoint(directory: str | Path, data_root: str | Path | None = None) -> dict:
    """Fit T on the validation split, measure it there and on the test split, and store it if both
    ECEs drop: then threshold and band go through the same map, and validation.json and the metrics
    are rescored. Scores come from the checkpoint as it ships (float16 embedding), so they can differ
    from validation.json's, written at training time, in the fourth decimal."""
    from sentiment.core.predict import load_predictor
    from sentiment.training.evaluate import rebuild, reevaluate

    directory = Path(directory)
    predictor = load_predictor(directory)
    if "temperature" in predictor.meta:
        raise ValueError(f"{directory}: already calibrated (temperature {predictor.meta['temperature']})")
    data = rebuild(directory, data_root)
    splits = {}
    for name in ("val", "test"):
        part = data.frame[data.frame.split == name]
        splits[name] = (predictor.predict_proba(list(part["text"])), part["label"].to_numpy(dtype=np.int64))
    val_scores, val_labels = splits["val"]
    if not np.array_equal(val_labels, predictor.checkpoint.val_labels) or (
        np.abs(val_scores - predictor.checkpoint.val_scores).max() > 0.01
    ):
        raise ValueError(f"{directory / VALIDATION} does not match the rebuilt validation split")
    report = compare(fit_temperature(val_scores, val_labels), splits)
    meta, temperature = data.meta, report["temperature"]
    meta["calibration"] = report
    if report["applied"]:
        meta["temperature"] = temperature
        meta["threshold"] = float(apply_temperature(meta["threshold"], temperature))
        meta["band"] = apply_temperature(meta["band"], temperature).tolist()
        write_validation(directory, apply_temperature(val_scores, temperature), val_labels)
    (directory / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    if report["applied"]:
        reevaluate(directory, data_root)
    return report


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m sentiment.calibrate", description=__doc__.split("\n")[0])
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--data", type=Path, help="where to look for data files not at their recorded path")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        report = calibrate_checkpoint(args.checkpoint, args.data)
    except ValueError as err:
        raise SystemExit(str(err)) from None
    print(json.dumps(report, indent=1))
    verdict = "stored" if report["applied"] else "NOT stored: it does not lower the ECE on both splits"
    print(f"temperature {report['temperature']:.4f} {verdict}")
    return report


if __name__ == "__main__":
    main()
