"""Tests for sentiment.benchmarks.analogy: 3CosAdd on hand-made vectors, and CA8's counting rules."""

from __future__ import annotations

import numpy as np
import pytest

from sentiment.benchmarks import analogy
from sentiment.core.embeddings import WordVectors, save_vectors

# king - man + woman = queen, in two dimensions (royalty, gender)
WORDS = ["男", "王", "女", "后", "猫"]
VECTORS = np.array([[0.0, 1.0], [1.0, 1.0], [0.0, -1.0], [1.0, -1.0], [-1.0, 0.2]], dtype=np.float32)


def test_3cosadd_answers_and_an_unknown_word_counts_as_wrong() -> None:
    vectors = WordVectors(WORDS, VECTORS)
    questions = [
        ("男", "王", "女", "后"),
        ("女", "后", "男", "王"),
        ("男", "王", "女", "猫"),  # a wrong answer
        ("男", "王", "狗", "后"),  # 狗 is out of vocabulary
        ("王", "后", "男", "后"),  # the answer is b, which 3CosAdd never gives
    ]
    assert analogy.answers(vectors, questions).tolist() == [True, True, False, False, False]


def test_the_command_reports_each_file_with_every_question_counted(tmp_path, capsys) -> None:
    (tmp_path / "analogy").mkdir()
    semantic = ": royalty\n男 王 女 后\n男 王 狗 后\n"
    (tmp_path / "analogy" / "semantic.txt").write_text(semantic, encoding="utf-8")
    (tmp_path / "analogy" / "morphological.txt").write_text(": x\n女 后 男 王\n", encoding="utf-8")
    save_vectors(WordVectors(WORDS, VECTORS), tmp_path / "vectors.safetensors")
    report = analogy.main([str(tmp_path / "vectors.safetensors"), "--data", str(tmp_path)])
    assert report["semantic"]["accuracy"] == 0.5 and report["semantic"]["in_vocabulary"] == 1
    assert report["semantic"]["categories"]["royalty"] == {"questions": 2, "in_vocabulary": 1, "right": 1}
    assert report["morphological"]["accuracy"] == 1.0
    assert "semantic: 50.00% of 2 questions (1 in vocabulary)" in capsys.readouterr().out


def test_a_missing_vectors_file_or_an_empty_question_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(SystemExit, match="error: .*nowhere"):
        analogy.main([str(tmp_path / "nowhere.safetensors"), "--data", str(tmp_path)])
    (tmp_path / "analogy").mkdir()
    for name in analogy.FILES.values():
        (tmp_path / name).write_text(": empty\n", encoding="utf-8")
    save_vectors(WordVectors(WORDS, VECTORS), tmp_path / "v.safetensors")
    with pytest.raises(SystemExit, match="no analogy questions"):
        analogy.main([str(tmp_path / "v.safetensors"), "--data", str(tmp_path)])
