"""Word-vector quality on the CA8 analogy benchmark (Li et al., "Analogical Reasoning on Chinese
Morphological and Semantic Relations", ACL 2018): a is to b as c is to ?, answered by 3CosAdd.

    python -m sentiment.analogy assets/default --data ../shared/data

Counted as the benchmark asks: top-1 over the whole vocabulary (a, b and c excluded), every question
in the file counts, and a question with a word out of vocabulary counts as wrong.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from sentiment.core.checkpoint import META, read_vectors, vectors_path
from sentiment.core.embeddings import WordVectors

FILES = {"semantic": "analogy/semantic.txt", "morphological": "analogy/morphological.txt"}
BATCH = 512  # questions scored per matrix product


def read_questions(lines: Iterable[str]) -> dict[str, list[tuple[str, str, str, str]]]:
    """The questions by category, from word2vec's analogy format (``: category`` lines, then a b c d).

    >>> read_questions([": capital", "北京 中国 东京 日本", "", ": x", "a b c d"])
    {'capital': [('北京', '中国', '东京', '日本')], 'x': [('a', 'b', 'c', 'd')]}
    """
    questions: dict[str, list[tuple[str, str, str, str]]] = {}
    category = ""
    for line in lines:
        if line.startswith(":"):
            category = line[1:].strip()
            questions.setdefault(category, [])
        elif len(words := line.split()) == 4:
            questions.setdefault(category, []).append(tuple(words))
    return questions


def answers(vectors: WordVectors, questions: list[tuple[str, str, str, str]]) -> np.ndarray:
    """For each question with every word in the vocabulary, whether 3CosAdd's top word (not a, b or c)
    is d; False for the others."""
    right = np.zeros(len(questions), dtype=bool)
    known = [i for i, q in enumerate(questions) if all(w in vectors for w in q)]
    if not known:
        return right
    unit = vectors.unit_vectors.astype(np.float32)
    ids = np.array([[vectors.key_to_index[w] for w in questions[i]] for i in known])
    for start in range(0, len(known), BATCH):
        part = ids[start : start + BATCH]
        target = unit[part[:, 1]] - unit[part[:, 0]] + unit[part[:, 2]]
        scores = target @ unit.T
        rows = np.arange(len(part))[:, None]
        scores[rows, part[:, :3]] = -np.inf
        right[known[start : start + BATCH]] = scores.argmax(axis=1) == part[:, 3]
    return right


def evaluate(vectors: WordVectors, data: str | Path) -> dict:
    """Top-1 accuracy per file and per category, with how many questions are fully in vocabulary."""
    report = {}
    for name, relative in FILES.items():
        questions = read_questions((Path(data) / relative).read_text(encoding="utf-8").splitlines())
        rows = {category: _score(vectors, items) for category, items in questions.items()}
        total = sum(r["questions"] for r in rows.values())
        if not total:
            raise ValueError(f"{Path(data) / relative}: no analogy questions")
        report[name] = {
            "questions": total,
            "in_vocabulary": sum(r["in_vocabulary"] for r in rows.values()),
            "accuracy": sum(r["right"] for r in rows.values()) / total,
            "categories": rows,
        }
    return report


def _score(vectors: WordVectors, questions: list[tuple[str, str, str, str]]) -> dict:
    right = answers(vectors, questions)
    known = sum(all(w in vectors for w in q) for q in questions)
    return {"questions": len(questions), "in_vocabulary": known, "right": int(right.sum())}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m sentiment.analogy", description=__doc__.split("\n")[0])
    parser.add_argument("vectors", type=Path, help="a checkpoint folder or a vectors file")
    parser.add_argument("--data", type=Path, required=True, help="the folder holding analogy/")
    args = parser.parse_args(argv)
    path = args.vectors
    try:
        if path.is_dir():
            path = vectors_path(path, json.loads((path / META).read_text(encoding="utf-8"))["version"])
        report = evaluate(read_vectors(path), args.data)
    except (OSError, ValueError) as err:
        raise SystemExit(f"error: {err}") from None
    for name, part in report.items():
        known = f"{part['in_vocabulary']:,} in vocabulary"
        print(f"{name}: {part['accuracy']:.2%} of {part['questions']:,} questions ({known})")
    print(json.dumps(report, ensure_ascii=False))
    return report


if __name__ == "__main__":
    main()
