"""Tests for sentiment.data.upload: one file, checked once, parsed once, its columns then its rows."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from sentiment.data import loaders, upload
from sentiment.data.messages import InputError

TABLE = "review,label,note\n很好,1,a\n很差,0,b\n,1,c\n"


def count_parses(monkeypatch) -> list[str]:
    """Record every table parse (the upload module's own reference to the reader)."""
    calls: list[str] = []
    real = loaders.read_raw_table

    def spy(content, name, sheet=None):
        calls.append(sheet)
        return real(content, name, sheet)

    monkeypatch.setattr(upload, "read_raw_table", spy)
    return calls


def test_a_table_is_parsed_once_for_its_columns_and_its_rows(monkeypatch) -> None:
    calls = count_parses(monkeypatch)
    opened = upload.open_upload(TABLE.encode(), "r.csv")
    assert opened.is_table and opened.sheets == []
    assert opened.columns() == ["review", "label", "note"]
    assert opened.columns() == ["review", "label", "note"]  # a rerun of the page: no new parse
    loaded = opened.rows("review", "label")
    assert calls == [None]
    assert loaded.frame["text"].tolist() == ["很好", "很差"]
    assert loaded.frame["label"].tolist() == [1, 0]
    assert [s.row for s in loaded.skipped] == [4]
    assert opened.columns() == ["review", "label", "note"]  # still known after the rows let the table go


def test_other_columns_picked_later_parse_the_file_again_and_read_them(monkeypatch) -> None:
    calls = count_parses(monkeypatch)
    opened = upload.open_upload(TABLE.encode(), "r.csv")
    opened.rows("review", "label")
    assert opened.rows("note", None).frame["text"].tolist() == ["a", "b", "c"]
    assert calls == [None, None]


def test_a_workbook_opens_on_its_first_sheet_with_data_and_reads_another_on_request() -> None:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame().to_excel(writer, sheet_name="cover", index=False)
        pd.DataFrame({"review": ["好"], "label": [1]}).to_excel(writer, sheet_name="data", index=False)
        pd.DataFrame({"text": ["差", "烂"]}).to_excel(writer, sheet_name="more", index=False)
    opened = upload.open_upload(buffer.getvalue(), "book.xlsx")
    assert (opened.sheets, opened.first_sheet) == (["cover", "data", "more"], "data")
    assert opened.columns("data") == ["review", "label"]
    assert opened.columns("more") == ["text"]
    assert opened.rows("text", None, "more").frame["text"].tolist() == ["差", "烂"]


def test_a_text_file_has_no_columns_and_one_text_per_line() -> None:
    opened = upload.open_upload("好\n\n差\n".encode(), "lines.txt")
    assert not opened.is_table
    loaded = opened.rows(None, None)
    assert loaded.frame["text"].tolist() == ["好", "差"]
    assert [s.row for s in loaded.skipped] == [2]


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"x" * (1024 * 1024 + 1), "big.csv", "too_large"),
        (b"review\n", "r.json", "unsupported_type"),
        (b"review\n", "noextension", "unsupported_type"),
    ],
)
def test_a_file_too_large_or_of_another_type_is_refused_before_it_is_read(content, name, code) -> None:
    with pytest.raises(InputError) as raised:
        upload.open_upload(content, name, limit_mb=1)
    assert raised.value.message.code == code


def test_a_header_alone_and_an_overlong_text_say_so(monkeypatch) -> None:
    with pytest.raises(InputError) as raised:
        upload.open_upload(b"review,label\n", "h.csv").rows("review", "label")
    assert raised.value.message.code == "only_header"
    monkeypatch.setattr(upload, "TEXT_CHARS", 3)
    loaded = upload.open_upload("review\n好\n好好好好\n".encode(), "long.csv").rows("review", None)
    assert loaded.frame["text"].tolist() == ["好"]
    assert [(s.row, s.reason.code) for s in loaded.skipped] == [(3, "text_too_long")]


def test_the_column_guesses() -> None:
    assert upload.guess_text_column(["cat", "Review"]) == "Review"
    assert upload.guess_text_column(["only"]) == "only"
    assert upload.guess_text_column(["id", "score"]) is None
    assert upload.guess_label_column(["review", "情感"]) == "情感"
    assert upload.guess_label_column(["review"]) is None
