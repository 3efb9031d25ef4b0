"""The reproduction command on self-written pos.xls/neg.xls: three columns, overlap counts, bands."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from sentiment.su2015.report import band_chart, table
from sentiment.su2015.reproduce import COLUMNS, dedup_split, main, overlap, post_split
from tests.synthetic import synthetic_reviews

TINY = [
    "--embed-dim",
    "8",
    "--hidden",
    "8",
    "--max-len",
    "12",
    "--epochs",
    "2",
    "--w2v-min-count",
    "1",
    "--val-fraction",
    "0.3",
]


def write_xls(path, texts: list[str]) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("sheet")
    for row, text in enumerate(texts):
        sheet.write(row, 0, text)
    book.save(str(path))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """60 unique texts per class (a number makes each unique), one empty cell, one planted duplicate.

    pos.xls row 2 repeats row 1 with other punctuation: in the concatenated list they are rows 0
    (even: training) and 1 (odd: test), so the post's split has exactly one test text seen in training.
    """
    folder = tmp_path_factory.mktemp("su2015")
    reviews = synthetic_reviews(240, seed=5)
    pos = [f"第{i}次{t}" for i, (t, y) in enumerate(reviews) if y == 1][:60]
    neg = [f"第{i}次{t}" for i, (t, y) in enumerate(reviews) if y == 0][:60]
    pos[1] = pos[0].replace("，", "!") + "。"
    write_xls(folder / "pos.xls", pos[:30] + [""] + pos[30:])
    write_xls(folder / "neg.xls", neg)
    return folder


@pytest.fixture(scope="module")
def report(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "report.json"
    main(["su2015", "--data", str(corpus), "--out", str(out), *TINY])
    return json.loads(out.read_text(encoding="utf-8"))


def test_report_has_three_columns_with_overlap_counts(report) -> None:
    columns = report["columns"]
    assert list(columns) == list(COLUMNS)
    assert report["texts"] == 120 and report["empty_cells_dropped"] == 1
    assert columns["post"]["n_train"] == 60 and columns["post"]["n_test"] == 60
    assert columns["post"]["test_texts_in_training"] == 1  # the planted duplicate
    assert columns["dedup"]["test_texts_in_training"] == 0
    assert columns["dedup_w2v"]["test_texts_in_training"] == 0
    assert report["dedup"]["duplicates_removed"] == 1
    assert columns["dedup"]["n_train"] == columns["dedup_w2v"]["n_train"]
    assert columns["dedup_w2v"]["word2vec_words_used"] > 0 == columns["dedup"]["word2vec_words_used"]
    for column in columns.values():
        assert 0 <= column["accuracy"] <= 1 and len(column["epoch_losses"]) == 2
        band = column["band"]
        assert band["lo"] <= 0.5 <= band["hi"] and 0 <= band["coverage"] <= 1


def test_report_records_files_settings_and_command(report, corpus) -> None:
    assert [f["path"].rsplit("/", 1)[1] for f in report["files"]] == ["pos.xls", "neg.xls"]
    assert all(len(f["sha256"]) == 64 for f in report["files"])
    assert report["settings"]["epochs"] == 2 and report["settings"]["seed"] == 0
    assert report["command"].startswith("python -m sentiment.reproduce su2015 --data")
    assert report["vocabulary"] > 10


def test_post_split_even_train_odd_test_band_on_halves() -> None:
    split = post_split(10)
    assert split["train"].tolist() == [0, 2, 4, 6, 8] and split["test"].tolist() == [1, 3, 5, 7, 9]
    assert split["choose"].tolist() == [1, 5, 9] and split["measure"].tolist() == [3, 7]


def test_dedup_split_leaves_no_test_text_in_training() -> None:
    texts = [f"评论{i % 30}号" for i in range(60)] + ["两种标签", "两种标签"]
    frame = pd.DataFrame({"text": texts, "label": pd.array([i % 2 for i in range(62)], dtype="Int64")})
    from sentiment.su2015.reproduce import Settings

    split, report = dedup_split(frame, Settings(val_fraction=0.2))
    assert report.conflicting_texts == 1
    keys = frame["text"].to_numpy()
    assert not overlap(keys, split["train"], split["test"]).any()
    assert split["measure"] is split["test"] and len(split["choose"]) > 0


def test_table_and_chart(report) -> None:
    columns = report["columns"]
    lines = table(columns).splitlines()
    assert len(lines) == 11 and "test texts also in training | 1 | 0 | 0" in lines[4]
    curve = (np.array([0.1, 0.4, 0.6, 0.9]), np.array([0, 0, 1, 1]))
    fig = band_chart({name: columns[name] | {"_curve": curve} for name in ("post", "dedup")})
    assert len(fig.data) == 4 and len(fig.layout.shapes) == 4  # two bands, two threshold lines
