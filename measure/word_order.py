"""The *What if* tab's word-order texts scored by a checkpoint's LSTM (calibrated, as the page shows
it) and its bag of words: the table in docs/teaching.md.

    python -m measure.word_order [--checkpoint assets/default]   # prints a markdown table
"""

from __future__ import annotations

import argparse

from sentiment import load_predictor
from views.whatif import ORDER_EXAMPLES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", default=None, help="checkpoint directory (default: assets/default)")
    predictor = load_predictor(parser.parse_args().checkpoint)
    texts = list(ORDER_EXAMPLES)
    lstm, bow = predictor.predict_proba(texts), predictor.baseline_proba(texts)
    print("| text | LSTM | TF-IDF |\n|---|---|---|")
    for text, a, b in zip(texts, lstm, bow, strict=True):
        print(f"| {text} | {a:.3f} | {b:.3f} |")


if __name__ == "__main__":
    main()
