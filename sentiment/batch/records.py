"""Where a text file's records end, found in its bytes without decoding it: the blocks of a large
file are cut there, so each block holds whole rows whatever the file's encoding.

The bytes are read as Latin-1, one character per byte: in every encoding the page reads by blocks
(UTF-8, GB18030, Big5, Shift-JIS) a newline, a double quote and the separators are the ASCII bytes
and never part of a multi-byte character, so Python's csv reader finds the same records in them as
pandas finds in the decoded text (a quoted cell may span lines; a line ends at \\n, \\r\\n or \\r).
UTF-16 and UTF-32 files are not cut (``ascii_compatible``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from sentiment.data.limits import UPLOAD_MB
from sentiment.data.messages import InputError

_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16 and UTF-32 (FF FE 00 00 starts FF FE)
RECORD_CHARS = UPLOAD_MB * 1024 * 1024  # a record larger than a whole upload can be is an unclosed quote


@dataclass(frozen=True)
class Span:
    """Records ``first`` (0-based) to ``first + count`` of a file: bytes ``start`` to ``stop``, the first
    of them on line ``line`` (1-based)."""

    start: int
    stop: int
    first: int
    count: int
    line: int


def ascii_compatible(head: bytes) -> bool:
    """Whether a file starting with ``head`` can be cut at its newline bytes: not UTF-16 or UTF-32
    (a BOM of theirs, or NUL bytes in more than one byte in a hundred: their newlines and ASCII
    are half NULs; a stray NUL in a UTF-8 file is removed with a note, as on the page)."""
    return not head.startswith(_WIDE_BOMS) and head.count(b"\x00") * 100 <= len(head)


def spans(
    handle: BinaryIO, name: str, separator: str | None, rows: int, start: int = 0, line: int = 1
) -> Iterator[Span]:
    """Spans of ``rows`` records each (the last may hold fewer) from byte ``start``, which begins line
    ``line``: CSV records with ``separator``, lines without one. InputError for a double quote that is
    never closed (as the page words it)."""
    handle.seek(start)
    text = io.TextIOWrapper(handle, encoding="latin-1", newline="")
    pulled: list[int] = []  # the lengths of the lines read since the last span

    def lines() -> Iterator[str]:
        for physical in text:
            pulled.append(len(physical))
            yield physical

    records = lines() if separator is None else csv.reader(lines(), delimiter=separator)
    csv.field_size_limit(max(csv.field_size_limit(), RECORD_CHARS))
    first = count = begun = 0  # begun: the lines of the span before the record being read
    try:
        for _ in records:
            count += 1
            begun = len(pulled)
            if count == rows:
                yield Span(start, start + sum(pulled), first, count, line)
                start, line, first, count = start + sum(pulled), line + len(pulled), first + count, 0
                pulled.clear()
                begun = 0
    except csv.Error:  # a field over RECORD_CHARS: a quote opened and never closed
        raise InputError("unclosed_quote", name=name, line=line + begun) from None
    finally:
        text.detach()
    if count:
        yield Span(start, start + sum(pulled), first, count, line)


def record_bytes(data: bytes, separator: str | None) -> list[bytes]:
    """Each record of ``data`` (bytes cut as ``spans`` cuts them), for looking at rows one by one."""
    handle = io.BytesIO(data)
    return [data[s.start : s.stop] for s in spans(handle, "", separator, 1)]
