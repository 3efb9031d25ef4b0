"""Deduplication by normalised text and the stable hash split."""

import hashlib

import pandas as pd
import pytest

from sentiment.data.loaders import concat
from sentiment.data.splits import (
    SPLIT_PREFIX,
    DedupReport,
    assign_split,
    dedup,
    seen_mask,
    split_corpus,
    split_fraction,
)

# --- dedup ------------------------------------------------------------------------------------------


def labelled(rows: list[tuple[str, int | None]]) -> pd.DataFrame:
    labels = pd.array([label for _, label in rows], dtype="Int64")
    return pd.DataFrame({"text": [text for text, _ in rows], "label": labels})


def test_dedup_normalisation_and_conflicts() -> None:
    frame = labelled(
        [
            ("好用！ＡＢＣ", 1),  # 0 kept
            ("好用!abc", 1),  # 1 duplicate: full-width/half-width and case
            ("  好用!ABC ", 1),  # 2 duplicate: surrounding spaces and case
            ("一般般", 0),  # 3 conflict
            ("一般般", 1),  # 4 conflict
            ("一般，般。", 0),  # 5 conflict: punctuation and spaces do not make another text
            ("一般般", 0),  # 6 conflict (also a duplicate, counted as conflict only)
            ("太差", 0),  # 7 kept
            ("太差了", 0),  # 8 kept: other words are another text
            ("👍", 1),  # 9 kept: no letters or digits, so the key is the normalised text
            ("👎", 0),  # 10 kept
        ]
    )
    out, report = dedup(frame)
    assert report == DedupReport(rows_in=11, duplicates_removed=2, conflicting_texts=1, rows_out=5)
    assert out.index.tolist() == [0, 7, 8, 9, 10]
    assert out["text"].tolist() == ["好用！ＡＢＣ", "太差", "太差了", "👍", "👎"]
    assert out["key"].tolist() == ["好用abc", "太差", "太差了", "👍", "👎"]
    assert "key" not in frame.columns


def test_dedup_unlabelled_and_empty() -> None:
    out, report = dedup(labelled([("a", None), ("A", None), ("b", None)]))
    assert out["text"].tolist() == ["a", "b"]
    assert report == DedupReport(rows_in=3, duplicates_removed=1, conflicting_texts=0, rows_out=2)
    out, report = dedup(concat([]).frame)
    assert len(out) == 0 and report == DedupReport(0, 0, 0, 0) and "key" in out.columns


# --- split ------------------------------------------------------------------------------------------


def test_split_fraction_is_stable_and_in_range() -> None:
    expected = int.from_bytes(hashlib.blake2b("3\x00很好".encode(), digest_size=8).digest(), "big") / 2**64
    assert split_fraction("很好", 3) == expected
    values = [split_fraction(f"text {i}", 0) for i in range(500)]
    assert all(0 <= v < 1 for v in values) and len(set(values)) == 500


def test_assign_split_fractions_roughly_right() -> None:
    frame = pd.DataFrame({"key": [f"评论 {i}" for i in range(2000)]})
    counts = assign_split(frame, test_fraction=0.1, val_fraction=0.2).value_counts(normalize=True)
    assert counts["test"] == pytest.approx(0.1, abs=0.03)
    assert counts["val"] == pytest.approx(0.2, abs=0.03)
    assert counts["train"] == pytest.approx(0.7, abs=0.03)


def test_assign_split_stable_when_data_is_added() -> None:
    small = pd.DataFrame({"text": [f"第{i}条" for i in range(300)]})
    big = pd.concat([pd.DataFrame({"text": [f"新{i}" for i in range(700)]}), small], ignore_index=True)
    before = assign_split(small, seed=5)
    after = assign_split(big, seed=5)
    assert after.iloc[700:].tolist() == before.tolist()
    assert before.name == "split" and set(before) == {"train", "val", "test"}


def test_assign_split_seed_and_key() -> None:
    frame = pd.DataFrame({"text": [f"text {i}" for i in range(1000)]})
    assert (assign_split(frame, seed=0) != assign_split(frame, seed=1)).sum() > 100
    widths = pd.DataFrame({"text": ["好用！ＡＢＣ", "好用!abc"]})
    assert assign_split(widths, test_fraction=0.5, val_fraction=0.0, seed=2).nunique() == 1
    keyed = pd.DataFrame({"text": ["x", "y"], "key": ["same", "same"]})
    assert assign_split(keyed, test_fraction=0.5, val_fraction=0.0).nunique() == 1


@pytest.mark.parametrize(("test", "val"), [(-0.1, 0.1), (0.6, 0.5), (0.1, -0.01)])
def test_assign_split_rejects_bad_fractions(test: float, val: float) -> None:
    with pytest.raises(ValueError, match="bad split fractions"):
        assign_split(pd.DataFrame({"text": ["a"]}), test_fraction=test, val_fraction=val)


def test_split_corpus_dedups_then_splits_and_copies_cut_short_share_a_split() -> None:
    reviews = [f"第{i:02d}款手机屏幕清晰电池耐用拍照效果也很好物流很快包装完好" for i in range(20)]
    assert min(map(len, reviews)) > SPLIT_PREFIX + 2
    rows = [(f"评论{i}：{'好' if i % 2 else '差'}", i % 2) for i in range(300)]
    rows += [(r, 1) for r in reviews] + [(r + "。", 1) for r in reviews]  # copies differing in punctuation
    rows += [(r[: SPLIT_PREFIX + 2], 1) for r in reviews] + [("矛盾", 0), ("矛盾", 1)]  # copies cut short
    frame, report = split_corpus(labelled(rows), test_fraction=0.2, val_fraction=0.1, seed=5)
    assert report == dedup(labelled(rows))[1]
    assert report.duplicates_removed == 20 and report.conflicting_texts == 1 and len(frame) == 340
    assert frame["split"].tolist() == assign_split(frame, 0.2, 0.1, 5).tolist()
    for review in reviews:  # each review and its cut copy land together, so the copy cannot leak
        assert frame.loc[frame["text"].str.startswith(review[:SPLIT_PREFIX]), "split"].nunique() == 1
    assert frame[frame["text"].isin(reviews)]["split"].nunique() > 1  # the reviews themselves spread
    shares = frame["split"].value_counts(normalize=True)
    assert abs(shares["test"] - 0.2) < 0.08 and abs(shares["val"] - 0.1) < 0.06


def test_seen_mask_catches_exact_copies_and_copies_sharing_an_end() -> None:
    seen = pd.Series(["a" * 25 + "b" * 25, "短评"])
    keys = pd.Series(
        [
            "a" * 25 + "b" * 25,  # the same text
            "a" * 25 + "c" * 25,  # same first SPLIT_PREFIX letters: the start of a seen text
            "c" * 25 + "b" * 25,  # same last SPLIT_PREFIX letters: its end
            "a" * 19 + "x" + "c" * 30,  # one letter short of a shared start
            "短评",  # short texts compare whole
            "短",
        ]
    )
    assert seen_mask(keys, seen).tolist() == [True, True, True, False, True, False]
