"""docs/teaching.md's word-order table is what ``measure.word_order`` prints for the shipped checkpoint."""

from __future__ import annotations

import sys
from pathlib import Path

from measure import word_order

DOC = Path(__file__).resolve().parents[2] / "docs" / "teaching.md"


def test_the_documented_table_is_the_shipped_models(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["word_order"])
    word_order.main()
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    documented = {line.strip() for line in DOC.read_text(encoding="utf-8").splitlines()}
    assert len(rows) == len(word_order.ORDER_EXAMPLES) + 1
    assert all(row in documented for row in rows)
