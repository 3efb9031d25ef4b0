"""Bytes of an uploaded text file to text, whatever its encoding; binaries are refused.

A file is read in one encoding when one reads it cleanly: its BOM's, else the best of UTF-8,
GB18030, Big5, Shift-JIS and (where its NUL bytes show the pattern) UTF-16 or UTF-32. "Best" is
the decoding whose characters are most often ones real text is made of (ASCII, the common Chinese
and Japanese characters, their punctuation, emoji); mojibake is made of rare ones. A file that
mixes UTF-8 lines with lines in one other encoding (pasted together from two sources) is read line
by line, each line in its own encoding, and a note names the lines that differ from the rest, so
nothing turns into mojibake unnoticed. Stray NUL and other control bytes in a text are removed
with a note; a file made of them is refused.

>>> decoded = decode_text("好\\n".encode() + "差\\n".encode("gbk") + "好\\n".encode(), "mixed.txt")
>>> decoded.text
'好\\n差\\n好\\n'
>>> print(*decoded.notes)
mixed.txt: mixed encodings, each line read in its own: line 2 is GB18030, the other 2 lines UTF-8
>>> print(*decode_text("這個手機很好用".encode("big5"), "big5.txt").notes)
big5.txt: read as Big5 (Traditional Chinese); the model was trained on Simplified Chinese
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sentiment.data.messages import InputError, Message, plural

logger = logging.getLogger(__name__)

LINES_NAMED = 10  # line numbers a note lists before "..."
# Python's codec, and the name a note gives it; the legacy encodings in the order a tie prefers them
_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "gb18030": "GB18030",
    "cp950": "Big5",
    "cp932": "Shift-JIS",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32": "UTF-32",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
}
_LEGACY = ("gb18030", "cp950", "cp932")
_READ_AS = {"cp950": "read_as_big5", "cp932": "read_as_shift_jis"}  # the note on a file read so
_BOMS = (  # UTF-32's before UTF-16's: FF FE 00 00 starts with UTF-16's FF FE
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # C0 controls and DEL, not tab, newlines, \v, \f
PLAUSIBLE = 0.5  # below this share of common characters, no decoding reads the file as text


def numbers_named(numbers: Sequence[int]) -> str:
    """The first ``LINES_NAMED`` line or row numbers for a note, "..." after them if there are more."""
    return ", ".join(map(str, numbers[:LINES_NAMED])) + (", ..." if len(numbers) > LINES_NAMED else "")


@dataclass
class Decoded:
    text: str
    notes: list[Message] = field(default_factory=list)


def decode_bytes(data: bytes, name: str = "input") -> str:
    """The text of ``data`` (see ``decode_text``), without the notes."""
    return decode_text(data, name).text


def decode_text(data: bytes, name: str = "input") -> Decoded:
    """Decode an upload whatever its encoding (see the module's docstring); InputError for a binary file."""
    if not data:
        return Decoded("")
    bom = next((encoding for mark, encoding in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        try:
            decoded = Decoded(data.decode(bom))
        except UnicodeDecodeError:
            raise InputError("bad_bom", name=name, encoding=_NAMES[bom]) from None
    else:
        decoded = _best_decoding(data, name)
    return _without_controls(decoded, name)


def _best_decoding(data: bytes, name: str) -> Decoded:
    """The file in the encoding that reads it most plausibly, or line by line when it mixes two."""
    candidates = {encoding: _decoded(data, encoding) for encoding in _wide_encodings(data)}
    for encoding in ("utf-8", *_LEGACY):  # stray NULs decode as NULs, which _without_controls names
        candidates[encoding] = _decoded(data, encoding)
    scores = {e: plausibility(t) for e, t in candidates.items() if t is not None}
    if "utf-8" not in scores:
        mixed = _by_line(data, name)
        if mixed is not None and plausibility(mixed.text) >= max(scores.values(), default=0.0):
            return mixed
    best = max(scores, key=scores.get, default=None)  # the first of equals: UTF-8 wins a tie
    if best is None or scores[best] < PLAUSIBLE:
        raise InputError("not_text", name=name)
    notes = [Message(_READ_AS[best], name=name)] if best in _READ_AS else []
    return Decoded(candidates[best], notes)


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _wide_encodings(data: bytes) -> list[str]:
    """The wide encodings a file with NULs may be in: UTF-32 where every code unit's top byte is NUL,
    UTF-16 in both byte orders where the length is even. Their NULs alone prove little (ASCII has NUL
    high bytes, 一 U+4E00 a NUL low byte, and a UTF-8 file can hold one stray NUL), so the
    plausibility of each decoded text decides."""
    if b"\x00" not in data:
        return []
    found = []
    if len(data) % 4 == 0:
        for order, top, plane in (("le", 3, 2), ("be", 0, 1)):  # the top byte is NUL, the next at most 0x10
            if not data[top::4].strip(b"\x00") and max(data[plane::4]) <= 0x10:
                found.append(f"utf-32-{order}")
    return found + (["utf-16-le", "utf-16-be"] if len(data) % 2 == 0 else [])


def _by_line(data: bytes, name: str) -> Decoded | None:
    """Each line in UTF-8 or the one legacy encoding that reads the others, whichever is more
    plausible, with a note; None when no line is UTF-8 or some line is neither."""
    lines = data.splitlines(keepends=True)  # GBK, Big5 and Shift-JIS bytes never hold \n or \r
    foreign = b"".join(line for line in lines if _decoded(line, "utf-8") is None)
    legacy = max(_LEGACY, key=lambda e: plausibility(_decoded(foreign, e) or ""))
    utf8, other, parts = [], [], []
    for number, line in enumerate(lines, 1):
        as_utf8, as_legacy = _decoded(line, "utf-8"), _decoded(line, legacy)
        if as_utf8 is None and as_legacy is None:
            return None
        if as_legacy is None or (as_utf8 is not None and plausibility(as_utf8) >= plausibility(as_legacy)):
            parts.append(as_utf8)
            utf8 += [] if line.isascii() else [number]
        else:
            parts.append(as_legacy)
            other.append(number)
    if not utf8 or not other:
        return None
    fewer, name_of, rest = utf8, "UTF-8", _NAMES[legacy]
    if len(other) <= len(utf8):
        fewer, name_of, rest = other, _NAMES[legacy], "UTF-8"
    count = len(utf8) + len(other) - len(fewer)
    note = Message(
        "mixed_encodings",
        name=name,
        lines=numbers_named(fewer),
        s=plural(len(fewer)),
        verb="is" if len(fewer) == 1 else "are",
        fewer=name_of,
        count=count,
        others=plural(count),
        rest=rest,
    )
    logger.info("%s", note)
    return Decoded("".join(parts), [note])


def _without_controls(decoded: Decoded, name: str) -> Decoded:
    """The text without NUL and other control characters, with a note naming their lines; an
    InputError when they are more than one character in a hundred (a binary file)."""
    lines = enumerate(decoded.text.splitlines(), 1)
    found = [(number, n) for number, line in lines if (n := len(_CONTROLS.findall(line)))]
    if not found:
        return decoded
    total = sum(n for _, n in found)
    if total > max(len(decoded.text) // 100, 2):
        raise InputError("not_text", name=name)
    lines = [number for number, _ in found]
    note = Message(
        "controls_removed",
        name=name,
        count=total,
        s=plural(total),
        lines=numbers_named(lines),
        lines_s=plural(len(lines)),
    )
    return Decoded(_CONTROLS.sub("", decoded.text), [*decoded.notes, note])


@functools.cache
def _common() -> frozenset[str]:
    """The characters real Chinese or Japanese text is mostly made of: GB2312's 3,755 first-level
    hanzi, Big5's 5,401 first-level ones, JIS's first-level kanji, and the punctuation of GB2312/Big5."""

    def block(leads: range, trails: Sequence[int], encoding: str, first: bytes, last: bytes) -> set[str]:
        pairs = (bytes((lead, trail)) for lead in leads for trail in trails)
        return {pair.decode(encoding) for pair in pairs if first <= pair <= last and _decoded(pair, encoding)}

    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    jis_trails = [*range(0x40, 0x7F), *range(0x80, 0xFD)]
    return frozenset(
        block(range(0xA1, 0xD8), range(0xA1, 0xFF), "gb2312", b"\xa1\xa1", b"\xd7\xf9")
        - block(range(0xA4, 0xB0), range(0xA1, 0xFF), "gb2312", b"\x00", b"\xff")  # kana, Greek, pinyin
        | block(range(0xA1, 0xC7), big5_trails, "big5", b"\xa1\x40", b"\xc6\x7e")
        | block(range(0x88, 0x99), jis_trails, "shift_jis", b"\x88\x9f", b"\x98\x72")
    )


_ALSO_COMMON = re.compile(
    "[ -~\u00c0-\u024f\u3000-\u303f\u3041-\u30ff\uff01-\uff5e\u2010-\u2027\u2030-\u205e"
    "\U0001f300-\U0001faff\u2600-\u27bf\ufe0f\u200d]"
)  # ASCII, Latin letters, CJK punctuation, kana, full-width forms, general punctuation, emoji


def plausibility(text: str) -> float:
    """The share of the text's non-space characters that are common in real text (1.0 when empty)."""
    chars = "".join(text.split())
    if not chars:
        return 1.0
    common = _common()
    return sum(c in common or _ALSO_COMMON.match(c) is not None for c in chars) / len(chars)
