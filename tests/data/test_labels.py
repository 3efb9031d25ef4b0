"""Tests for sentiment.data.labels: every accepted spelling, and clear errors for the rest."""

from __future__ import annotations

import numpy as np
import pytest

from sentiment.data.labels import label_or_none, parse_label

POSITIVE = ["1", "1.0", "pos", "positive", "正面", "好评", "积极", "true", "yes"]
NEGATIVE = ["0", "0.0", "neg", "negative", "负面", "差评", "消极", "false", "no"]
NON_STRINGS = [
    (1, 1),
    (1.0, 1),
    (True, 1),
    (np.int64(1), 1),
    (0, 0),
    (0.0, 0),
    (False, 0),
    (np.float64(0), 0),
]


@pytest.mark.parametrize(
    ("value", "expected"), [(v, 1) for v in POSITIVE] + [(v, 0) for v in NEGATIVE] + NON_STRINGS
)
def test_parse_label_spellings(value: object, expected: int) -> None:
    assert parse_label(value, "here") == expected


@pytest.mark.parametrize("value", [" POS ", "Positive", "TRUE", "Yes\t", " 1.0 "])
def test_parse_label_ignores_case_and_spaces(value: str) -> None:
    assert parse_label(value, "here") == 1


@pytest.mark.parametrize("value", ["2", "maybe", "", "1.5", "nan", None, 2, -1.0])
def test_parse_label_rejects(value: object) -> None:
    accepted = r"use one of 1/0, pos/neg, .*, 好评/差评, .*, yes/no$"
    with pytest.raises(ValueError, match=rf"^f\.csv row 7: unknown label .*; {accepted}"):
        parse_label(value, "f.csv row 7")


@pytest.mark.parametrize(
    ("value", "label"), [("１", 1), ("ＰＯＳ", 1), ("1.00", 1), (" 0.0 ", 0), (0.0, 0), (True, 1)]
)
def test_label_spellings_are_normalised(value: object, label: int) -> None:
    assert parse_label(value, "row 2") == label


def test_label_or_none_keeps_unknown_spellings_apart() -> None:
    assert [label_or_none(v) for v in ["好评", "差评", "maybe", ""]] == [1, 0, None, None]
