"""Tests for sentiment.data.loaders; every fixture file is written into tmp_path or built in memory."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from sentiment.data.decoding import decode_bytes
from sentiment.data.loaders import (
    Loaded,
    Skipped,
    concat,
    read_class_file,
    read_lines,
    read_raw_table,
    read_table,
)
from sentiment.data.messages import Message
from tests.data.test_labels import NEGATIVE, POSITIVE

CSV_TEXT = "review,label\n这个手机非常好用,1\n质量太差了，不推荐,0\n物流很快、包装完好,pos\n"
CSV_TEXTS = ["这个手机非常好用", "质量太差了，不推荐", "物流很快、包装完好"]


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    """An .xlsx workbook whose first sheet holds ``rows`` (None = empty cell)."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_standard_frame(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == ["text", "label", "source", "row"]
    assert str(frame["label"].dtype) == "Int64"
    assert frame["row"].dtype == np.int64
    assert pd.api.types.is_string_dtype(frame["text"]) and pd.api.types.is_string_dtype(frame["source"])


# --- decode_bytes -----------------------------------------------------------------------------------

TEXT = "好评！这个东西很好用，推荐购买。\n差评：质量一般\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        TEXT.encode("utf-8-sig"),
        TEXT.encode("gbk"),
        (TEXT + "€𠀀").encode("gb18030"),
        TEXT.encode("utf-16"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom"],
)
def test_decode_bytes_encodings(data: bytes) -> None:
    assert decode_bytes(data).startswith(TEXT)


def test_decode_bytes_empty() -> None:
    assert decode_bytes(b"") == ""


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"\x80\xff\x80\xff\x80\xff",
        b"\x01\x02\x03\x04\x05abc",
        xlsx_bytes([["review"], ["好"]]),
        gzip.compress("好评".encode() * 100),
    ],
    ids=["all-bytes", "png", "undecodable", "controls", "xlsx", "gzip"],
)
def test_decode_bytes_rejects_binary(data: bytes) -> None:
    with pytest.raises(ValueError, match=r"^blob\.csv: not a text file"):
        decode_bytes(data, "blob.csv")


# --- read_table -------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_read_table_csv_encodings(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "reviews.csv", CSV_TEXT.encode(encoding))
    loaded = read_table(path)
    assert_standard_frame(loaded.frame)
    assert loaded.frame["text"].tolist() == CSV_TEXTS
    assert loaded.frame["label"].tolist() == [1, 0, 1]
    assert loaded.frame["source"].unique().tolist() == ["reviews.csv"]
    assert loaded.frame["row"].tolist() == [2, 3, 4]
    assert loaded.skipped == []


def test_read_table_accepts_str_path_and_upload_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", CSV_TEXT.encode())
    from_str = read_table(str(path)).frame
    from_bytes = read_table(CSV_TEXT.encode("gbk"), name="upload.CSV").frame
    assert from_str["text"].tolist() == from_bytes["text"].tolist() == CSV_TEXTS
    assert from_bytes["source"].iloc[0] == "upload.CSV"


def test_read_table_keeps_cells_as_strings() -> None:
    loaded = read_table(b"review,label\n00123,1\n1.0,0\nNA,1\nnull,0\n", name="s.csv")
    assert loaded.frame["text"].tolist() == ["00123", "1.0", "NA", "null"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("t.tsv", "review\tlabel\n好的，很好,1\t1\n差; 很差,0\t0\n"),
        ("t.txt", "review\tlabel\n好的，很好,1\t1\n差; 很差,0\t0\n"),
        ("t.csv", "review;label\n好的，很好,1;1\n差, 很差,0;0\n"),
    ],
)
def test_read_table_separators(name: str, content: str) -> None:
    frame = read_table(content.encode(), name=name).frame
    assert frame["label"].tolist() == [1, 0]
    assert frame["text"].str.startswith(("好的，很好", "差")).all()


def test_read_table_quoted_csv_cell_with_comma_and_newline() -> None:
    frame = read_table('review,label\n"好,很好",1\n"第一行\n第二行",0\n'.encode(), name="q.csv").frame
    assert frame["text"].tolist() == ["好,很好", "第一行\n第二行"]


def test_read_table_a_line_with_more_fields_than_the_header_is_skipped_and_named() -> None:
    content = 'review,label\n好,1\n差,0,多,"余,下"\n\n"第一行\n第二行",0\n还行,1\n'.encode()
    loaded = read_table(content, name="w.csv")
    assert loaded.frame["text"].tolist() == ["好", "第一行\n第二行", "还行"]
    assert loaded.frame["row"].tolist() == [2, 5, 6]  # rows after it keep their numbers
    assert loaded.skipped == [
        Skipped("w.csv", 3, Message("wide_row", width=2), "差,0,多,余,下"),
        Skipped("w.csv", 4, Message("empty_text")),
    ]
    assert loaded.notes == []
    assert read_raw_table(content, name="w.csv").header == ["review", "label"]


@pytest.mark.parametrize("separator, extension", [(",", "csv"), ("\t", "tsv")])
def test_read_table_extra_fields_in_a_last_text_column_are_part_of_the_text(separator, extension) -> None:
    rows = [["cat", "label", "review"], ["书", "1", "好", "很好", "!"], ["书", "0", "差"]]
    rows += [["书", "1", "好", "好"]] * 11
    content = "\n".join(separator.join(r) for r in rows).encode()
    loaded = read_table(content, name=f"l.{extension}")
    texts = [f"好{separator}很好{separator}!", "差"] + [f"好{separator}好"] * 11
    assert loaded.frame["text"].tolist() == texts
    assert loaded.frame["row"].tolist() == list(range(2, 15)) and loaded.skipped == []
    assert list(map(str, loaded.notes)) == [
        f"l.{extension}: rows 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, ...: more fields than the header; "
        "the extra ones were read as part of the text, the last column"
    ]


def test_read_table_xlsx(tmp_path: Path) -> None:
    rows = [["Review", "Label"], ["非常满意", 1], ["00123", "neg"], [None, 1], [123, 0.0], ["还行", None]]
    loaded = read_table(write(tmp_path, "book.xlsx", xlsx_bytes(rows)))
    assert_standard_frame(loaded.frame)
    assert loaded.frame["text"].tolist() == ["非常满意", "00123", "123"]
    assert loaded.frame["label"].tolist() == [1, 0, 0]
    assert loaded.frame["row"].tolist() == [2, 3, 5]
    assert loaded.skipped == [
        Skipped("book.xlsx", 4, Message("empty_text")),
        Skipped("book.xlsx", 6, Message("empty_label"), "还行"),  # the text is kept for the user
    ]


def test_read_table_all_spellings_through_csv() -> None:
    labels = POSITIVE + NEGATIVE
    content = "review,label\n" + "".join(f"text{i},{label}\n" for i, label in enumerate(labels))
    frame = read_table(content.encode(), name="s.csv").frame
    assert frame["label"].tolist() == [1] * 9 + [0] * 9


def test_read_table_unknown_label_names_file_and_row() -> None:
    with pytest.raises(ValueError, match=r"^bad\.csv row 3: unknown label 'maybe'"):
        read_table("review,label\n好,1\n坏,maybe\n".encode(), name="bad.csv")


def test_read_table_empty_cells_are_skipped_never_nan() -> None:
    content = "review,label\n好,1\n,0\n   ,1\n坏,\n\n还行,0\n,\n"
    loaded = read_table(content.encode(), name="e.csv")
    assert loaded.frame["text"].tolist() == ["好", "还行"]
    assert loaded.frame["row"].tolist() == [2, 7]
    assert loaded.skipped == [
        Skipped("e.csv", 3, Message("empty_text")),
        Skipped("e.csv", 4, Message("empty_text")),
        Skipped("e.csv", 5, Message("empty_label"), "坏"),
        Skipped("e.csv", 6, Message("empty_text")),
        Skipped("e.csv", 8, Message("empty_text")),
    ]
    assert not loaded.frame["text"].str.lower().isin(["nan", "none", "<na>"]).any()


@pytest.mark.parametrize(
    ("header", "kwargs", "expected"),
    [
        ("id,content,label", {}, "content"),
        ("id,评论,label", {}, "评论"),
        ("id,TEXT,label", {"text_col": None}, "TEXT"),
        ("id,review,comment,label", {}, "review"),
        ("id,body,label", {"text_col": "Body"}, "body"),
    ],
)
def test_read_table_finds_text_column(header: str, kwargs: dict, expected: str) -> None:
    cells = {"id": "7", "label": "1"}
    row = ",".join(cells.get(column, f"<{column}>") for column in header.split(","))
    frame = read_table(f"{header}\n{row}\n".encode(), name="c.csv", **kwargs).frame
    assert frame["text"].tolist() == [f"<{expected}>"]


def test_read_table_single_column_is_the_text_and_unlabelled() -> None:
    frame = read_table("whatever\n很好\n很差\n".encode(), name="one.csv").frame
    assert frame["text"].tolist() == ["很好", "很差"]
    assert frame["label"].isna().all()


def test_read_table_missing_text_column_lists_columns() -> None:
    with pytest.raises(ValueError, match=r"^c\.csv: no text column .*columns are \['id', 'body', 'label'\]"):
        read_table(b"id,body,label\n1,x,1\n", name="c.csv")


def test_read_table_explicit_missing_text_column() -> None:
    with pytest.raises(ValueError, match=r"text column 'review' not found; columns are \['text', 'label'\]"):
        read_table(b"text,label\nx,1\n", name="c.csv", text_col="review")


@pytest.mark.parametrize("label_col", ["label", "sentiment"])
def test_read_table_explicit_missing_label_column(label_col: str) -> None:
    with pytest.raises(ValueError, match=rf"label column '{label_col}' not found; columns are \['review'"):
        read_table(b"review,score\nx,1\n", name="c.csv", label_col=label_col)


def test_read_table_default_label_column_absent_means_unlabelled() -> None:
    loaded = read_table(b"review,score\nx,1\n,2\n", name="c.csv")
    assert loaded.frame["label"].isna().all() and loaded.frame["text"].tolist() == ["x"]
    assert loaded.skipped == [Skipped("c.csv", 3, Message("empty_text"))]


def test_read_table_label_col_none_ignores_labels() -> None:
    frame = read_table(b"review,label\nx,bogus\ny,\n", name="c.csv", label_col=None).frame
    assert frame["text"].tolist() == ["x", "y"] and frame["label"].isna().all()


@pytest.mark.parametrize("name", ["data.json", "data", "data.xlsb", None])
def test_read_table_unsupported_extension(name: str | None) -> None:
    supported = r"use one of \.csv, \.tsv, \.txt, \.xlsx, \.xls$"
    with pytest.raises(ValueError, match=rf"unsupported file type .*; {supported}"):
        read_table(CSV_TEXT.encode(), name=name)


def truncated_sheet_xlsx() -> bytes:
    """A valid zip whose sheet XML is cut in half."""
    original = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["review"], ["好"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as damaged:
        for info in original.infolist():
            data = original.read(info)
            damaged.writestr(info, data[: len(data) // 2] if "sheet1" in info.filename else data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cut.xlsx", xlsx_bytes([["review"], ["好"]])[:300], r"cut\.xlsx: cannot read as a spreadsheet"),
        ("cut.xlsx", truncated_sheet_xlsx(), r"cut\.xlsx: cannot read as a spreadsheet"),
        ("junk.xls", b"this is not a spreadsheet at all", r"junk\.xls: cannot read as a spreadsheet"),
        ("junk.csv", bytes(range(256)) * 8, r"junk\.csv: not a text file"),
        ("quote.csv", b'review,label\n"never closed,1\n', r"quote\.csv: line 2 opens a double quote"),
    ],
)
def test_read_table_unparseable_files(name: str, data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_table(data, name=name)


@pytest.mark.parametrize(
    ("name", "data"),
    [("e.csv", b""), ("e.tsv", b" \n\n "), ("e.csv", "\ufeff".encode()), ("e.xlsx", xlsx_bytes([]))],
)
def test_read_table_empty_file_is_an_error(name: str, data: bytes) -> None:
    with pytest.raises(ValueError, match=rf"^{name.replace('.', '[.]')}: file is empty$"):
        read_table(data, name=name)


def test_read_table_header_only_gives_empty_frame() -> None:
    loaded = read_table(b"review,label\n", name="h.csv")
    assert_standard_frame(loaded.frame)
    assert len(loaded.frame) == 0 and loaded.skipped == []


# --- read_lines / read_class_file -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-16"])
def test_read_lines(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "pos.txt", "很好用\r\n\r\n  物美价廉  \r\n   \r\n推荐\r\n".encode(encoding))
    loaded = read_lines(path, label=1)
    assert_standard_frame(loaded.frame)
    assert loaded.frame["text"].tolist() == ["很好用", "物美价廉", "推荐"]
    assert loaded.frame["row"].tolist() == [1, 3, 5]
    assert loaded.frame["label"].tolist() == [1, 1, 1]
    assert loaded.skipped == [
        Skipped("pos.txt", 2, Message("empty_text")),
        Skipped("pos.txt", 4, Message("empty_text")),
    ]


def test_read_lines_decompresses_a_gz_path_but_not_uploaded_bytes(tmp_path: Path) -> None:
    packed = gzip.compress("微博一\n\n微博二\n".encode())
    loaded = read_lines(write(tmp_path, "posts.txt.gz", packed))
    assert loaded.frame["text"].tolist() == ["微博一", "微博二"] and loaded.frame["row"].tolist() == [1, 3]
    with pytest.raises(ValueError, match="not a text"):
        read_lines(packed, name="posts.txt.gz")  # an upload's bytes are never inflated


def test_read_lines_unlabelled_bytes() -> None:
    loaded = read_lines(b"a\nb", name="up.txt")
    assert loaded.frame["text"].tolist() == ["a", "b"] and loaded.frame["label"].isna().all()
    assert loaded.frame["source"].tolist() == ["up.txt", "up.txt"]


@pytest.mark.parametrize(
    ("data", "error"), [(b"", "file is empty"), (b"\n \n", "file is empty"), (b"\x00\x01\x02", "not a text")]
)
def test_read_lines_errors(data: bytes, error: str) -> None:
    with pytest.raises(ValueError, match=rf"^neg\.txt: {error}"):
        read_lines(data, name="neg.txt", label=0)


def test_read_lines_rejects_bad_label() -> None:
    with pytest.raises(ValueError, match=r"^x\.txt: unknown label 3"):
        read_lines(b"a\n", name="x.txt", label=3)


def test_read_class_file_headerless_spreadsheet(tmp_path: Path) -> None:
    # A real .xls cannot be written without xlwt; calamine detects the format from the content, so an
    # .xlsx laid out like the 2015 corpus (one headerless column with empty cells) covers the same path.
    rows = [["第一条好评"], [None], ["第二条"], [None], [None], ["最后一条"]]
    for name in ("pos.xlsx", "pos.xls"):
        loaded = read_class_file(write(tmp_path, name, xlsx_bytes(rows)), label=1)
        assert_standard_frame(loaded.frame)
        assert loaded.frame["text"].tolist() == ["第一条好评", "第二条", "最后一条"]
        assert loaded.frame["row"].tolist() == [1, 3, 6]
        assert loaded.frame["label"].tolist() == [1, 1, 1]
        assert [s.row for s in loaded.skipped] == [2, 4, 5]
        assert {s.reason for s in loaded.skipped} == {Message("empty_text")}


def test_read_class_file_txt_and_unsupported(tmp_path: Path) -> None:
    loaded = read_class_file(write(tmp_path, "neg.txt", "太差\n退货\n".encode("gbk")), label=0)
    assert loaded.frame["text"].tolist() == ["太差", "退货"] and loaded.frame["label"].tolist() == [0, 0]
    with pytest.raises(ValueError, match=r"^neg\.csv: unsupported file type '\.csv'; use one of \.txt"):
        read_class_file(b"a\n", label=0, name="neg.csv")


# --- concat -----------------------------------------------------------------------------------------


def test_concat() -> None:
    pos = read_lines("好\n\n妙\n".encode(), name="pos.txt", label=1)
    neg = read_lines("差\n".encode(), name="neg.txt", label=0)
    joined = concat([pos, neg])
    assert_standard_frame(joined.frame)
    assert joined.frame["text"].tolist() == ["好", "妙", "差"]
    assert joined.frame["source"].tolist() == ["pos.txt", "pos.txt", "neg.txt"]
    assert joined.frame.index.tolist() == [0, 1, 2]
    assert joined.skipped == [Skipped("pos.txt", 2, Message("empty_text"))]


def test_concat_nothing() -> None:
    empty = concat([])
    assert isinstance(empty, Loaded) and len(empty.frame) == 0 and empty.skipped == []
    assert_standard_frame(empty.frame)


def test_a_lone_carriage_return_ends_a_line() -> None:
    assert read_lines(b"good\rbad\r\nfine\n", "old-mac.txt").frame["text"].tolist() == ["good", "bad", "fine"]


def test_a_real_xls_file_is_read(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("pos")
    for row, text in enumerate(["很好", "", "推荐"]):  # the 2015 corpus: one column, no header, empty cells
        sheet.write(row, 0, text)
    book.save(str(tmp_path / "pos.xls"))
    loaded = read_class_file(tmp_path / "pos.xls", 1)
    assert loaded.frame["text"].tolist() == ["很好", "推荐"]
    assert [(s.row, s.reason) for s in loaded.skipped] == [(2, Message("empty_text"))]


def test_a_gzipped_table_or_class_file_is_read_by_its_own_extension(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "t.csv.gz", gzip.compress("review,label\n好,1\n差,0\n".encode())))
    assert table.frame["text"].tolist() == ["好", "差"] and table.frame["source"].tolist() == ["t.csv"] * 2
    lines = read_class_file(write(tmp_path, "neg.txt.gz", gzip.compress("差\n烂\n".encode())), 0)
    assert lines.frame["label"].tolist() == [0, 0]
