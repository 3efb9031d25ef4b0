"""Refuse a zip bomb before a spreadsheet reader sees it: an .xlsx is a zip, and a few kilobytes of
zip can inflate to gigabytes of XML.

The zip's directory is checked first: how many parts, their declared sizes, and that they lie one
after another inside the file without overlapping. The zip writes those sizes itself, so each part
is then inflated here, a slice at a time into nothing, and refused once it yields a megabyte more
than its directory declares (or ends short of it). Each byte of the file is inflated at most once.

>>> check_zip(b"PK\\x05\\x06" + bytes(18), "empty.xlsx")  # an empty zip: nothing to inflate
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from sentiment.data.limits import UNZIPPED_MB, ZIP_PARTS, ZIP_RATIO
from sentiment.data.messages import InputError

_MB = 1024 * 1024
_RATIO_FROM = _MB  # parts smaller than this may compress as well as they like
_SLICE = 64 * 1024  # compressed bytes fed to zlib at a time
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then the name and extra field lengths


def check_zip(data: bytes, name: str) -> None:
    """InputError if ``data`` is not a readable zip, has more than ``ZIP_PARTS`` parts or parts that
    overlap, would unzip to more than ``UNZIPPED_MB`` in all, or holds a part of over a megabyte
    that inflates more than ``ZIP_RATIO`` times; or if a part does not inflate to its declared size."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise InputError("damaged_zip", name=name, detail=str(exc)) from None
    if len(parts) > ZIP_PARTS:
        raise InputError("zip_too_many_parts", name=name, count=f"{len(parts):,}")
    total = sum(part.file_size for part in parts)
    if total > UNZIPPED_MB * _MB:
        raise InputError("zip_too_large", name=name, size=f"{total / _MB:,.0f}", limit=UNZIPPED_MB)
    for part in parts:
        if part.file_size > _RATIO_FROM and part.file_size > ZIP_RATIO * max(part.compress_size, 1):
            ratio = f"{part.file_size / max(part.compress_size, 1):,.0f}"
            raise InputError("zip_bomb", name=name, part=part.filename, ratio=ratio, limit=ZIP_RATIO)
    end = 0
    for part in sorted(parts, key=lambda p: p.header_offset):
        raw, end = _compressed(data, part, end, name)
        if _inflated_size(raw, part, name) != part.file_size:
            raise InputError("zip_size_lie", name=name, part=part.filename)


def _damaged(name: str, part: zipfile.ZipInfo, why: str) -> InputError:
    return InputError("damaged_zip_part", name=name, part=part.filename, detail=why)


def _compressed(data: bytes, part: zipfile.ZipInfo, start: int, name: str) -> tuple[memoryview, int]:
    """A part's compressed bytes and where they end; its local header must lie in the file at or
    after ``start``."""
    offset = part.header_offset
    if not start <= offset <= len(data) - _LOCAL_HEADER.size:
        raise _damaged(name, part, "overlaps another or lies outside the file")
    signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, offset)
    if signature != b"PK\x03\x04":
        raise _damaged(name, part, "not found")
    begin = offset + _LOCAL_HEADER.size + name_length + extra_length
    end = begin + part.compress_size
    if end > len(data):
        raise _damaged(name, part, "runs past the end of the file")
    return memoryview(data)[begin:end], end


def _inflated_size(raw: memoryview, part: zipfile.ZipInfo, name: str) -> int:
    """How many bytes the part's compressed ``raw`` bytes really inflate to, counting at most a
    megabyte past its declared size."""
    if part.compress_type == zipfile.ZIP_STORED:
        return len(raw)
    if part.compress_type != zipfile.ZIP_DEFLATED:
        raise _damaged(name, part, "is not deflated")
    inflate, size = zlib.decompressobj(-zlib.MAX_WBITS), 0
    try:
        for at in range(0, len(raw), _SLICE):
            tail = raw[at : at + _SLICE]
            while tail and not inflate.eof and size <= part.file_size:
                size += len(inflate.decompress(tail, _MB))
                tail = inflate.unconsumed_tail
            if inflate.eof or size > part.file_size:
                break
    except zlib.error as exc:
        raise _damaged(name, part, f"does not inflate: {exc}") from None
    return size
