"""The two columns a new default is chosen by: accuracy at 0.5 on each corpus of the first checkpoint's
validation texts (with each other checkpoint's paired difference from the first and its standard
error) and the behaviour suite's dev half, overall (paired the same way, case by case), split into the
cases in a phrasing the augmentation writes and the others, and per capability. No test text is read.
The dev half's standard error treats its cases as independent; they share templates and words, so it
is a floor on the noise, not its size (a second seed of one command moves the dev half by about a
point, single capabilities by up to 11). A text's split follows from its own letters and the split
settings alone, so checkpoints trained with the same settings, on more or other data too, hold those
validation texts out as well.

    python -m measure.select assets/default runs/default5 [--data ../shared/data]   # a markdown table
"""

from __future__ import annotations

import argparse

import numpy as np

from sentiment import load_predictor
from sentiment.behaviour.cases import Case, generate
from sentiment.behaviour.report import summary
from sentiment.behaviour.run import run_suite
from sentiment.core.text import dedup_key
from sentiment.training.augment import phrasings
from sentiment.training.evaluate import rebuild

PHRASINGS = phrasings()


def paired(right: np.ndarray, base: np.ndarray) -> tuple[float, float]:
    """Mean difference of two models' right/wrong vectors on the same texts, and its standard error."""
    diff = right.astype(float) - base.astype(float)
    return float(diff.mean()), float(diff.std(ddof=1) / np.sqrt(len(diff)))


def against(right: np.ndarray, base: np.ndarray | None, digits: int) -> str:
    """ ", +d ± se" in points for a model's right/wrong vector paired with the reference's; nothing for
    the reference itself (``base`` None)."""
    if base is None:
        return ""
    d, se = paired(right, base)
    return f", {100 * d:+.{digits}f} ± {100 * se:.{digits}f}"


def taught_phrasing(case: Case) -> bool:
    """Whether the case's text (or original) holds a phrase the augmentation writes into training texts
    (一点也不, 但是, 本以为 ...): such cases measure what was taught, the others whether it carries over,
    as the test half does, whose phrasings the augmentation never writes."""
    keys = dedup_key(case.text) + "\x00" + dedup_key(case.original)
    return any(p in keys for p in PHRASINGS)


def split_of(meta: dict) -> tuple:
    """The settings that decide which split a text falls in."""
    return tuple(meta["train"][k] for k in ("split_seed", "test_fraction", "val_fraction"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoints", nargs="+", help="checkpoint directories; the first is the reference")
    parser.add_argument("--data", default=None, help="the data folder (default: the recorded --data)")
    args = parser.parse_args()
    predictors = [load_predictor(c) for c in args.checkpoints]
    if len({split_of(p.meta) for p in predictors}) > 1:
        raise SystemExit("error: the checkpoints were trained with different split settings")
    reference = args.checkpoints[0]
    taught = np.array([taught_phrasing(c) for c in generate("dev")])
    val = rebuild(reference, args.data).frame.query("split == 'val'")
    corpora = sorted(val["source"].unique())
    dev_columns = f"behaviour dev | dev, taught phrasing ({taught.sum()}) | dev, other ({(~taught).sum()})"
    print("| checkpoint | " + " | ".join(f"val {c} (n)" for c in corpora) + f" | {dev_columns} |")
    print("|---" * (len(corpora) + 4) + "|")
    right, dev, passed = {}, {}, {}
    for name, p in zip(args.checkpoints, predictors, strict=True):
        cells, first = [], name == reference  # the reference gets no paired difference
        for corpus in corpora:
            part = val[val["source"] == corpus]
            right[name, corpus] = (p.predict_proba(list(part["text"])) >= 0.5) == part["label"].to_numpy()
            base = None if first else right[reference, corpus]
            cells.append(
                f"{100 * right[name, corpus].mean():.2f} % ({len(part)})"
                + against(right[name, corpus], base, 2)
            )
        suite = run_suite(p, "dev", baseline=False)
        dev[name] = summary(suite, 0)["models"]["lstm"]
        passed[name] = suite.outcomes["lstm"].passed
        base = None if first else passed[reference]
        cells.append(f"{100 * dev[name]['pass_rate']:.1f} %" + against(passed[name], base, 1))
        for part in (taught, ~taught):
            cells.append(
                f"{100 * passed[name][part].mean():.1f} %"
                + against(passed[name][part], None if first else base[part], 1)
            )
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\n| capability (dev half) | " + " | ".join(args.checkpoints) + " |")
    print("|---" * (len(args.checkpoints) + 1) + "|")
    for capability in dev[reference]["capabilities"]:
        rates = [dev[n]["capabilities"][capability]["pass_rate"] for n in args.checkpoints]
        print(f"| {capability} | " + " | ".join(f"{100 * r:.1f} %" for r in rates) + " |")


if __name__ == "__main__":
    main()
