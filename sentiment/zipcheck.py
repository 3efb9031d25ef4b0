"""Refuse a zip bomb before a spreadsheet reader sees it: an .xlsx is a zip, and a few kilobytes of
zip can inflate to gigabytes of XML.

The sizes in the zip's directory are checked first; they cost nothing but the zip writes them
itself, so each part is then inflated here, a megabyte at a time into nothing, and refused as soon
as it yields more than its directory entry declares (or the limits allow).

>>> check_zip(b"PK\\x05\\x06" + bytes(18), "empty.xlsx")  # an empty zip: nothing to inflate
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from .limits import UNZIPPED_MB, ZIP_RATIO

_MB = 1024 * 1024
_RATIO_FROM = _MB  # parts smaller than this may compress as well as they like
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then the name and extra field lengths


def check_zip(data: bytes, name: str) -> None:
    """ValueError if ``data`` is not a readable zip, would unzip to more than ``UNZIPPED_MB`` in all,
    or holds a part of over a megabyte that inflates more than ``ZIP_RATIO`` times, by its
    directory or in fact."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise ValueError(f"{name}: cannot read as a spreadsheet (damaged or truncated zip: {exc})") from None
    total = sum(part.file_size for part in parts)
    if total > UNZIPPED_MB * _MB:
        raise ValueError(
            f"{name}: refused, it would unzip to {total / _MB:,.0f} MB, more than the {UNZIPPED_MB} MB limit"
        )
    for part in parts:
        if part.file_size > _RATIO_FROM and part.file_size > ZIP_RATIO * max(part.compress_size, 1):
            raise ValueError(
                f"{name}: refused, its part {part.filename} would inflate "
                f"{part.file_size / max(part.compress_size, 1):,.0f} times (a zip bomb?); "
                f"spreadsheets stay under {ZIP_RATIO} times"
            )
    for part in parts:
        if _inflated_size(data, part, name) != part.file_size:
            raise ValueError(
                f"{name}: refused, its part {part.filename} does not inflate to the size its zip declares"
            )


def _inflated_size(data: bytes, part: zipfile.ZipInfo, name: str) -> int:
    """How many bytes the part really inflates to, counting at most one byte past its declared size."""
    signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, part.header_offset)
    if signature != b"PK\x03\x04":
        raise ValueError(f"{name}: cannot read as a spreadsheet (damaged zip: {part.filename} not found)")
    start = part.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    raw = memoryview(data)[start : start + part.compress_size]
    if part.compress_type == zipfile.ZIP_STORED:
        return len(raw)
    if part.compress_type != zipfile.ZIP_DEFLATED:
        raise ValueError(f"{name}: cannot read as a spreadsheet (part {part.filename} is not deflated)")
    inflate, size = zlib.decompressobj(-zlib.MAX_WBITS), 0
    try:
        chunk = inflate.decompress(raw, _MB)
        while chunk and size <= part.file_size:
            size += len(chunk)
            chunk = inflate.decompress(inflate.unconsumed_tail, _MB)
    except zlib.error as exc:
        raise ValueError(f"{name}: cannot read as a spreadsheet (damaged zip: {exc})") from None
    return size
