"""Hostile and awkward uploads through the page (AppTest): each gets a clear message naming the row or
the problem, nothing is dropped, and the limits in sentiment/limits.py are the ones the page applies."""

from __future__ import annotations

import io
import random
import struct
import tomllib
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sentiment.data import limits, loaders, upload
from sentiment.data.zipcheck import check_zip
from sentiment.page import results
from sentiment.page.i18n import describer, translator
from tests.app_fixtures import APP, checkpoint_env, csv_bytes, page, reviews_table, table_with, xlsx_bytes
from tests.app_fixtures import upload as send
from tests.synthetic import synthetic_reviews

pytestmark = pytest.mark.usefixtures(checkpoint_env.__name__)
EN = translator("en")
TABLE = reviews_table(6)


def errors(at) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]


def warnings(at) -> list[str]:
    return [w.value.replace("\\", "") for w in at.warning]


def zip_bomb(megabytes: int = 100) -> bytes:
    """A valid xlsx whose sheet is padded with ``megabytes`` MB of spaces: a few hundred kB on disk."""
    original = zipfile.ZipFile(io.BytesIO(xlsx_bytes(TABLE)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in original.infolist():
            content = original.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(info.filename, content)
                continue
            head, tail = content.split(b"</worksheet>")
            with bomb.open(info.filename, "w") as sheet:
                sheet.write(head)
                for _ in range(megabytes):
                    sheet.write(b" " * 2**20)
                sheet.write(b"</worksheet>" + tail)
    return buffer.getvalue()


def scored_download(at) -> pd.DataFrame:
    """The CSV the page's download button would give, read back."""
    scored = at.session_state["scored"][1]
    threshold, band = at.session_state["threshold"], at.session_state["band"]
    content = results.download_csv(
        scored.frame, scored.scores, scored.skipped, threshold, band, scored.unlabelled
    )
    return pd.read_csv(io.BytesIO(content), keep_default_na=False)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("garbage.txt", random.Random(0).randbytes(50_000), "garbage.txt: not a text file"),
        ("garbage.csv", random.Random(1).randbytes(50_000), "garbage.csv: not a text file"),
        ("cut.xlsx", xlsx_bytes(TABLE)[:2000], "cut.xlsx: cannot read as a spreadsheet (damaged or"),
        ("bomb.xlsx", zip_bomb(), "would inflate"),
        ("header.csv", b"review,label\r\n", "header.csv: only a header row, no rows to score"),
        ("header.xlsx", xlsx_bytes(TABLE.head(0)), "header.xlsx: only a header row, no rows to score"),
        ("wrong.csv", "评价,星级\n好,5\n".encode(), "no text column (one of review, text"),
    ],
    ids=lambda value: value if isinstance(value, str) and "." in value else "",
)
def test_unusable_uploads_say_what_is_wrong(name: str, content: bytes, message: str) -> None:
    at = send(page(), name, content)
    assert not at.exception
    assert len(at.error) == 1 and message in errors(at)[0], errors(at)
    assert not at.dataframe or not any(EN("col_probability") in d.value.columns for d in at.dataframe)


def test_a_zip_bomb_is_refused_before_anything_is_inflated(monkeypatch) -> None:
    bomb = zip_bomb(100)
    assert len(bomb) < 500_000  # 100 MB of sheet in a few hundred kB

    def inflate(*args, **kwargs):
        raise AssertionError("the spreadsheet reader ran on a zip bomb")

    monkeypatch.setattr(loaders.pd, "read_excel", inflate)
    with pytest.raises(ValueError, match=r"bomb\.xlsx: refused, its part xl/worksheets/sheet1\.xml would"):
        loaders.read_table(bomb, "bomb.xlsx")


def test_a_spreadsheet_too_big_once_unzipped_is_refused(monkeypatch) -> None:
    sheet = xlsx_bytes(reviews_table(3000))
    unzipped = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(sheet)).infolist())
    check_zip(sheet, "ok.xlsx")
    monkeypatch.setattr("sentiment.data.zipcheck.UNZIPPED_MB", unzipped // 2**20 // 2 or 0)
    with pytest.raises(ValueError, match=r"big\.xlsx: refused, it would unzip to .* MB, more than the"):
        check_zip(sheet, "big.xlsx")


def lying_zip(megabytes: int, declared: int) -> bytes:
    """A zip bomb whose directory (and local header) declares its sheet ``declared`` bytes long."""
    bomb = bytearray(zip_bomb(megabytes))
    sheet = b"xl/worksheets/sheet1.xml"
    local, central = bomb.index(sheet) - 30, bomb.rindex(sheet) - 46  # the name ends each header
    assert bomb[local : local + 4] == b"PK\x03\x04" and bomb[central : central + 4] == b"PK\x01\x02"
    bomb[local + 22 : local + 26] = bomb[central + 24 : central + 28] = struct.pack("<I", declared)
    return bytes(bomb)


def test_a_zip_that_lies_about_its_sizes_is_refused(monkeypatch) -> None:
    lie = lying_zip(50, declared=100_000)
    assert zipfile.ZipFile(io.BytesIO(lie)).getinfo("xl/worksheets/sheet1.xml").file_size == 100_000
    monkeypatch.setattr(loaders.pd, "read_excel", lambda *a, **k: pytest.fail("the reader ran on a zip bomb"))
    with pytest.raises(ValueError, match=r"lie\.xlsx: refused, its part xl/worksheets/sheet1\.xml does not"):
        loaders.read_table(lie, "lie.xlsx")
    short = lying_zip(0, declared=500_000)  # says more than it holds: damaged, refused too
    with pytest.raises(ValueError, match="does not inflate to the size its zip declares"):
        check_zip(short, "short.xlsx")
    check_zip(xlsx_bytes(TABLE), "honest.xlsx")


def one_part_listed(times: int, offset: int = 0) -> bytes:
    """A zip of one deflated byte whose directory lists that part ``times`` times, at ``offset``."""
    body, crc = zlib.compress(b"x")[2:-4], zlib.crc32(b"x")
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(body), 1, 1, 0) + b"a" + body
    entry = struct.pack(
        "<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(body), 1, 1, 0, 0, 0, 0, 0, offset
    )
    directory = (entry + b"a") * times
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, times, times, len(directory), len(local), 0)
    return local + directory + end


@pytest.mark.parametrize(
    "content, message",
    [
        (one_part_listed(1), None),
        (one_part_listed(2), "part a overlaps another or lies outside the file"),
        (one_part_listed(5000), "part a overlaps another or lies outside the file"),
        (one_part_listed(10_001), "its zip holds 10,001 parts"),
        (one_part_listed(1, offset=10**6), "part a overlaps another or lies outside the file"),
    ],
    ids=["honest", "listed twice", "listed 5000 times", "too many parts", "offset past the end"],
)
def test_a_zip_directory_must_list_each_part_once_inside_the_file(
    content: bytes, message: str | None
) -> None:
    if message is None:
        check_zip(content, "one.xlsx")
        return
    with pytest.raises(ValueError, match=message):
        check_zip(content, "bad.xlsx")


def test_wrong_column_names_can_be_fixed_by_picking_the_text_column() -> None:
    at = send(page(), "wrong.csv", "评价,星级\n手机很好,5\n电脑很差,1\n".encode())
    assert "columns are ['评价', '星级']" in errors(at)[0]
    at.selectbox(key="text_col").set_value("评价").run()
    assert not at.error
    assert list(table_with(at, EN("col_probability"))[EN("col_text")]) == ["手机很好", "电脑很差"]


def test_mixed_encodings_are_read_line_by_line_and_named() -> None:
    content = (
        "review,label\n手机很好,1\n".encode()
        + "电脑很差,0\n".encode("gbk")
        + "衣服喜欢,1\n牛奶难用,0\n".encode()
    )
    at = send(page(), "mixed.csv", content)
    assert not at.error
    texts = table_with(at, EN("col_probability"))[EN("col_text")]
    assert list(texts) == ["手机很好", "电脑很差", "衣服喜欢", "牛奶难用"]
    assert "mixed.csv: mixed encodings, each line read in its own: line 3 is GB18030" in "".join(warnings(at))


def test_unknown_label_spellings_are_scored_named_and_left_out_of_the_metrics() -> None:
    content = "review,label\n手机很好,1\n电脑很差,maybe\n衣服喜欢,?\n牛奶难用,0\n水果很差,maybe\n".encode()
    at = send(page(), "labels.csv", content)
    assert not at.error
    table = table_with(at, EN("col_probability"))
    assert list(table[EN("col_row")]) == [2, 3, 4, 5, 6]  # every row scored
    message = next(w for w in warnings(at) if "cannot read" in w)
    assert "Rows whose label this page cannot read: 3 ('maybe' × 2, '?' × 1; rows: 3, 4, 6)" in message
    maybe, unknown = "unknown label 'maybe'", "unknown label '?'"
    assert list(table[EN("col_note")]) == ["", maybe, unknown, "", maybe]  # the spelling shown, not lost
    assert EN("source_upload", n=2) in [c.value for c in at.caption]  # the curves too use rows 2 and 5
    assert {m.label: m.value for m in at.metric}[EN("accuracy")] == "1.000"  # on rows 2 and 5 only
    download = scored_download(at)
    assert list(download["row"]) == [2, 3, 4, 5, 6]
    assert list(download["note"]) == ["", maybe, unknown, "", maybe]
    assert (download["verdict"] != "skipped").all()


def test_every_input_row_is_in_the_download_unscorable_ones_marked() -> None:
    long_text = "好" * (limits.TEXT_CHARS + 1)
    frame = pd.DataFrame({"review": ["手机很好", "", long_text, "电脑很差"], "label": ["1", "0", "1", "x"]})
    at = send(page(), "rows.csv", csv_bytes(frame))
    skipped = table_with(at, EN("col_reason"))
    assert list(skipped[EN("col_reason")]) == ["empty text", f"longer than {limits.TEXT_CHARS:,} characters"]
    download = scored_download(at)
    assert list(download["row"]) == [2, 3, 4, 5]
    assert list(download["verdict"])[1:3] == ["skipped", "skipped"]
    too_long = f"longer than {limits.TEXT_CHARS:,} characters"
    assert list(download["note"]) == ["", "empty text", too_long, "unknown label 'x'"]
    assert download["text"][2] == long_text  # kept whole, not cut
    assert (download["probability"][[0, 3]] != "").all() and (download["probability"][[1, 2]] == "").all()


def test_a_typed_text_over_the_limit_is_refused_with_the_limit() -> None:
    at = page()
    at.text_area(key="text").set_value("好" * (limits.TEXT_CHARS + 1)).run()
    n = f"{limits.TEXT_CHARS + 1:,}"
    assert errors(at) == [EN("one_text_too_long", n=n, limit=f"{limits.TEXT_CHARS:,}")]


def test_one_long_line_among_several_is_marked_and_the_others_scored() -> None:
    at = page()
    at.checkbox(key="per_line").check().run()
    at.text_area(key="text").set_value("手机很好\n" + "差" * (limits.TEXT_CHARS + 1) + "\n电脑很差").run()
    assert not at.error
    assert EN("text_too_long", lines="2", limit=f"{limits.TEXT_CHARS:,}") in warnings(at)
    table = table_with(at, EN("col_probability"))
    assert list(table[EN("col_row")]) == [1, 3] and list(table[EN("col_text")]) == ["手机很好", "电脑很差"]


def test_a_text_too_long_for_the_shared_link_says_so() -> None:
    at = page()
    at.text_area(key="text").set_value("好" * (limits.LINK_CHARS + 1)).run()
    assert EN("url_text_too_long") in [c.value for c in at.caption]
    assert "text" not in at.query_params
    at.text_area(key="text").set_value("好").run()
    assert EN("url_text_too_long") not in [c.value for c in at.caption]


def test_limits_are_shown_and_agree_with_the_server_config() -> None:
    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == limits.UPLOAD_MB
    at = page()
    shown = EN("limits", mb=limits.UPLOAD_MB, rows=f"{limits.ROWS:,}", chars=f"{limits.TEXT_CHARS:,}")
    assert shown in [c.value for c in at.sidebar.caption]
    assert f"at most {limits.UPLOAD_MB} MB and {limits.ROWS:,} rows" in at.file_uploader(key="upload").help


def test_a_file_at_the_row_limit_is_read_and_downloaded_whole(tiny_predictor) -> None:
    frame = reviews_table(limits.ROWS, seed=3)
    frame.loc[7, "review"] = ""  # one unscorable row: marked in the download, not dropped
    loaded = upload.open_upload(csv_bytes(frame), "big.csv").rows("review", "label")
    texts = loaded.frame["text"]
    unique = texts.unique().tolist()  # the synthetic reviews repeat: score each once, as the page would
    scores = texts.map(dict(zip(unique, tiny_predictor.predict_proba(unique)))).to_numpy()
    content = results.download_csv(loaded.frame, scores, loaded.skipped, 0.5, (0.4, 0.6))
    download = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
    assert len(download) == limits.ROWS
    assert download["row"].astype(int).tolist() == list(range(2, limits.ROWS + 2))
    assert download.loc[7, "verdict"] == "skipped" and download.loc[7, "note"] == "empty text"


def test_scoring_in_chunks_reports_progress_and_keeps_order(tiny_predictor) -> None:
    texts = [t for t, _ in synthetic_reviews(2 * limits.CHUNK + 5, seed=4)]
    chunks = list(results.score_in_chunks(tiny_predictor.predict_proba, texts))
    assert [done for done, _ in chunks] == [limits.CHUNK, 2 * limits.CHUNK, len(texts)]
    together = tiny_predictor.predict_proba(texts)
    np.testing.assert_allclose(np.concatenate([p for _, p in chunks]), together, atol=1e-6)


# --- the files of the hostile new-user run: decoding, sheets, columns, exports, language ----------------

THREE = ["手机很好用，非常满意", "太差了，用了两天就坏了", "物流很快，包装不错"]
ZH = translator("zh")


def scored_texts(at) -> list[str]:
    return list(table_with(at, EN("col_probability"))[EN("col_text")])


def test_a_stray_nul_byte_is_removed_with_a_note_not_read_as_utf16() -> None:
    at = send(page(), "nul.txt", ("\n".join(THREE) + "\n\0").encode())
    assert not at.error
    assert scored_texts(at) == THREE
    assert "nul.txt: 1 control character (such as NUL bytes) removed, on line 4" in warnings(at)


@pytest.mark.parametrize(
    "encoding, text, note",
    [
        ("big5", "這個手機很好用，非常滿意", "read as Big5 (Traditional Chinese)"),
        ("cp932", "このスマホはとても使いやすい", "read as Shift-JIS (Japanese)"),
    ],
)
def test_big5_and_shift_jis_files_are_read_as_such_and_named(encoding: str, text: str, note: str) -> None:
    at = send(page(), "legacy.txt", f"{text}\n{text}。\n".encode(encoding))
    assert not at.error
    assert scored_texts(at) == [text, f"{text}。"]
    assert any(note in w for w in warnings(at)), warnings(at)


def test_a_gbk_file_whose_rows_happen_to_be_valid_utf8_is_read_whole_as_gbk() -> None:
    rows = ["没什么", "确实", "手机很好", "电脑很差"]  # the first two are valid UTF-8 as GBK bytes
    assert all(row.encode("gbk").decode("utf-8") for row in rows[:2])
    at = send(page(), "gbk.csv", ("review\n" + "\n".join(rows) + "\n").encode("gbk"))
    assert scored_texts(at) == rows
    assert not [w for w in warnings(at) if "gbk.csv" in w]  # no "mixed encodings" note


def test_the_download_keeps_the_label_cells_as_written() -> None:
    at = send(page(), "labels.csv", "review,label\n很好,1\n很差,0\n,1\n还行,好评\n".encode())
    content = results.download_csv(*download_args(at))
    download = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
    assert list(download["label"]) == ["1", "0", "1", "好评"]


def download_args(at) -> tuple:
    scored = at.session_state["scored"][1]
    threshold, band = at.session_state["threshold"], at.session_state["band"]
    return scored.frame, scored.scores, scored.skipped, threshold, band, scored.unlabelled


def two_sheets(first: pd.DataFrame, second: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        first.to_excel(writer, sheet_name="说明", index=False)
        second.to_excel(writer, sheet_name="Data", index=False)
    return buffer.getvalue()


def test_a_workbook_opens_on_its_first_sheet_with_data_and_another_can_be_picked() -> None:
    data_sheet = pd.DataFrame({"review": ["手机很好", "电脑很差"], "label": [1, 0]})
    at = send(page(), "book.xlsx", two_sheets(pd.DataFrame(), data_sheet))
    assert not at.error
    assert at.selectbox(key="sheet").value == "Data" and at.selectbox(key="sheet").options == ["说明", "Data"]
    assert scored_texts(at) == ["手机很好", "电脑很差"]
    other = pd.DataFrame({"review": ["衣服喜欢"]})
    at = send(page(), "book2.xlsx", two_sheets(other, data_sheet))
    assert at.selectbox(key="sheet").value == "说明" and scored_texts(at) == ["衣服喜欢"]
    at.selectbox(key="sheet").set_value("Data").run()
    assert scored_texts(at) == ["手机很好", "电脑很差"]


def test_duplicate_column_names_are_made_distinct_and_the_pick_is_kept() -> None:
    at = send(page(), "dup.csv", "review,review,label\n手机很好,电脑很差,1\n".encode())
    assert at.selectbox(key="text_col").options == ["review", "review.1", "label"]
    at.selectbox(key="text_col").set_value("review.1").run()
    assert at.selectbox(key="text_col").value == "review.1"
    assert scored_texts(at) == ["电脑很差"]


def encrypted_xlsx() -> bytes:
    """The start of a password-protected workbook: an OLE file holding an EncryptedPackage stream."""
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512)
    )


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("locked.xlsx", encrypted_xlsx(), "locked.xlsx: the spreadsheet is password-protected"),
        ("web.xls", b"<html><table><tr><td>review</td></tr></table></html>", "web.xls: a web page (HTML)"),
        (
            "quote.csv",
            'review,label\n好,1\n"还行,1\n差,0\n'.encode(),
            "quote.csv: line 3 opens a double quote",
        ),
    ],
)
def test_vague_messages_say_what_the_file_is(name: str, content: bytes, message: str) -> None:
    at = send(page(), name, content)
    assert len(at.error) == 1 and message in errors(at)[0], errors(at)


def test_a_utf32_file_is_read() -> None:
    for encoding in ("utf-32", "utf-32-le", "utf-32-be"):
        at = send(page(), f"{encoding}.txt", "\n".join(THREE).encode(encoding))
        assert not at.error and scored_texts(at) == THREE


def test_formulas_in_the_download_are_defused() -> None:
    texts = ['=HYPERLINK("http://x","点我")', "+1+1", "@SUM(1)", "-好评", "很好"]
    frame = pd.DataFrame({"review": texts})
    at = send(page(), "formula.csv", csv_bytes(frame))
    download = pd.read_csv(io.BytesIO(results.download_csv(*download_args(at))), keep_default_na=False)
    assert list(download["text"]) == ["'" + t for t in texts[:4]] + ["很好"]


def test_reasons_and_file_errors_are_in_the_pages_language() -> None:
    content = "review,label\n很好,1\n,0\n还行,一般般\n".encode()
    at = send(page(lang="zh"), "zh.csv", content)
    skipped = table_with(at, ZH("col_reason"))
    assert list(skipped[ZH("col_reason")]) == ["文本为空"]
    assert "无法识别的标签 '一般般'" in list(table_with(at, ZH("col_probability"))[ZH("col_note")])
    download = pd.read_csv(io.BytesIO(scored_download_zh(at)), keep_default_na=False)
    assert list(download["note"]) == ["", "文本为空", "无法识别的标签 '一般般'"]
    at = send(page(lang="zh"), "noise.txt", random.Random(0).randbytes(5000))
    assert "noise.txt：不是文本文件" in errors(at)[0]


def scored_download_zh(at) -> bytes:
    """The download of the Chinese page's button: its reasons worded in Chinese."""
    return results.download_csv(*download_args(at), describer(ZH))
