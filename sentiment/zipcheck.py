"""Refuse a zip bomb before anything is inflated: an .xlsx is a zip, and a few kilobytes of zip can
declare gigabytes of XML. Only the sizes in the zip's directory are read.

>>> check_zip(b"PK\\x05\\x06" + bytes(18), "empty.xlsx")  # an empty zip: nothing to inflate
"""

from __future__ import annotations

import io
import zipfile

from .limits import UNZIPPED_MB, ZIP_RATIO

_MB = 1024 * 1024
_RATIO_FROM = _MB  # parts smaller than this may compress as well as they like


def check_zip(data: bytes, name: str) -> None:
    """ValueError if ``data`` is not a readable zip, would unzip to more than ``UNZIPPED_MB`` in all,
    or holds a part of over a megabyte that inflates more than ``ZIP_RATIO`` times."""
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
