"""Decoding uploads: one encoding per file, or UTF-8 and GB18030 mixed line by line with the lines named."""

from __future__ import annotations

import numpy as np
import pytest

from sentiment.data.decoding import LINES_NAMED, decode_text
from sentiment.data.loaders import read_lines, read_table

UTF8, GBK = "质量很好\n".encode(), "质量很差\n".encode("gbk")
TEXTS = {UTF8: "质量很好", GBK: "质量很差"}


def test_one_encoding_gives_no_note() -> None:
    for data in (UTF8 * 3, GBK * 3, b"plain ascii\n" + GBK):
        assert decode_text(data).notes == []


@pytest.mark.parametrize(
    "lines, named",
    [
        ([UTF8, GBK, UTF8, UTF8], "line 2 is GB18030, the other 3 lines UTF-8"),
        ([GBK, UTF8, GBK, b"ascii\n", GBK], "line 2 is UTF-8, the other 3 lines GB18030"),
        ([UTF8, GBK, GBK, UTF8, UTF8], "lines 2, 3 are GB18030, the other 3 lines UTF-8"),
    ],
)
def test_mixed_lines_are_each_read_in_their_own_encoding(lines: list[bytes], named: str) -> None:
    decoded = decode_text(b"".join(lines), "m.txt")
    assert decoded.text.splitlines() == [TEXTS.get(line, "ascii") for line in lines]
    assert list(map(str, decoded.notes)) == [f"m.txt: mixed encodings, each line read in its own: {named}"]


def test_a_long_list_of_lines_is_cut_short() -> None:
    decoded = decode_text(UTF8 * 30 + GBK * (LINES_NAMED + 5), "m.txt")
    assert "lines 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, ... are GB18030, the other 30" in str(
        decoded.notes[0]
    )


def test_a_line_in_neither_encoding_is_not_a_text_file() -> None:
    with pytest.raises(ValueError, match="not a text file"):
        decode_text(UTF8 + b"\x80\xff\x80\xff\n" + GBK, "bad.txt")
    # random bytes hold NULs, so only UTF-16 is tried; the message names what a user may upload
    noise = bytes(np.random.default_rng(0).integers(0, 256, 4096, dtype=np.uint8))
    with pytest.raises(ValueError, match=r"^noise.csv: not a text file \(binary data, or an encoding other"):
        decode_text(noise, "noise.csv")


def test_readers_pass_the_note_on() -> None:
    assert str(read_lines(UTF8 + GBK, "m.txt").notes[0]).startswith("m.txt: mixed encodings")
    content = b"review,label\n" + UTF8.replace(b"\n", b",1\n") + GBK.replace(b"\n", b",0\n")
    table = read_table(content, "m.csv")
    assert list(table.frame["text"]) == ["质量很好", "质量很差"]
    mixed = "m.csv: mixed encodings, each line read in its own"
    assert list(map(str, table.notes)) == [f"{mixed}: line 3 is GB18030, the other 1 line UTF-8"]
