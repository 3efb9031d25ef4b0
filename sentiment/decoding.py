"""Bytes of an uploaded text file to text, whatever its encoding; binaries are refused.

A file is read in one encoding: its BOM's, UTF-16 (told by its NUL bytes), UTF-8, or GB18030. A
file that mixes UTF-8 lines with GBK/GB18030 lines (pasted together from two sources) is read line
by line, each line in its own encoding, and a note names the lines that differ from the rest, so
nothing turns into mojibake unnoticed.

>>> decoded = decode_text("好\\n".encode() + "差\\n".encode("gbk") + "好\\n".encode(), "mixed.txt")
>>> decoded.text
'好\\n差\\n好\\n'
>>> decoded.notes
['mixed.txt: mixed encodings, each line read in its own: line 2 is GB18030, the other 2 lines UTF-8']
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_TEXT_CONTROLS = "\t\n\v\f\r"
LINES_NAMED = 10  # line numbers a note lists before "..."


def numbers_named(numbers: Sequence[int]) -> str:
    """The first ``LINES_NAMED`` line or row numbers for a note, "..." after them if there are more."""
    return ", ".join(map(str, numbers[:LINES_NAMED])) + (", ..." if len(numbers) > LINES_NAMED else "")


@dataclass
class Decoded:
    text: str
    notes: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, name: str = "input") -> str:
    """The text of ``data`` (see ``decode_text``), without the notes."""
    return decode_text(data, name).text


def decode_text(data: bytes, name: str = "input") -> Decoded:
    """Decode an upload whatever its encoding (BOM, BOM-less UTF-16, UTF-8, GB18030, or a mix of the
    last two line by line); ValueError for a binary file."""
    if not data:
        return Decoded("")
    encodings = _candidate_encodings(data)
    if not encodings:
        raise ValueError(f"{name}: not a text file (contains NUL bytes but is not UTF-16)")
    decoded = _decode(data, encodings[0])
    if decoded is None and len(encodings) > 1:  # not UTF-8: GB18030, or UTF-8 and GB18030 lines mixed
        decoded = _by_line(data, name) or _decode(data, encodings[1])
    if decoded is None:
        raise ValueError(
            f"{name}: not a text file (binary data, or an encoding other than UTF-8, GBK/GB18030 and UTF-16)"
        )
    text = decoded.text
    controls = sum(text.count(c) for c in set(text) if c < " " and c not in _TEXT_CONTROLS)
    if controls > len(text) // 100:
        raise ValueError(f"{name}: not a text file ({controls} control characters)")
    return decoded


def _decode(data: bytes, encoding: str) -> Decoded | None:
    try:
        return Decoded(data.decode(encoding))
    except UnicodeDecodeError:
        return None


def _candidate_encodings(data: bytes) -> list[str]:
    """Encodings to try: the BOM's; UTF-16 in the byte order with most NULs in high bytes; UTF-8, GB18030."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return [encoding]
    if b"\x00" not in data:
        return ["utf-8", "gb18030"]
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2 or even == odd:
        return []
    return ["utf-16-le" if odd > even else "utf-16-be"]


def _by_line(data: bytes, name: str) -> Decoded | None:
    """Each line as UTF-8 if it is, else GB18030, with a note, when some non-ASCII lines are UTF-8 and
    others are not; None when no line is (a plain GB18030 file) or a line is neither."""
    lines = data.splitlines(keepends=True)  # GBK bytes never contain \n or \r, so lines split cleanly
    utf8, other, parts = [], [], []
    for number, line in enumerate(lines, 1):
        try:
            parts.append(line.decode("utf-8"))
            if not line.isascii():
                utf8.append(number)
        except UnicodeDecodeError:
            try:
                parts.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
            other.append(number)
    if not utf8:
        return None
    fewer, name_of, rest = (utf8, "UTF-8", "GB18030")
    if len(other) <= len(utf8):
        fewer, name_of, rest = other, "GB18030", "UTF-8"
    shown = numbers_named(fewer)
    count = len(utf8) + len(other) - len(fewer)
    note = (
        f"{name}: mixed encodings, each line read in its own: "
        f"line{'s' * (len(fewer) > 1)} {shown} {'are' if len(fewer) > 1 else 'is'} {name_of}, "
        f"the other {count} line{'s' * (count > 1)} {rest}"
    )
    logger.info(note)
    return Decoded("".join(parts), [note])
