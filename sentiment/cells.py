"""Files to cells: every cell of a CSV/TSV or of a spreadsheet's first sheet as a string, no header.

Row i of the frame (index i) is the file's row i + 1. CSV/TSV come in any encoding ``decoding`` reads;
a line with more fields than the header keeps the extra ones, led and joined by the separator, in a
column named ``EXTRA`` (``data`` decides what they mean). A spreadsheet's zip is checked before any
part is inflated.
"""

from __future__ import annotations

import csv
import io
import itertools
import re

import pandas as pd
from python_calamine import CalamineError

from sentiment.decoding import decode_text
from sentiment.zipcheck import check_zip

EXTRA = "extra fields"  # the column of a CSV's rows that have more fields than its header
_RAGGED = re.compile(r"Expected \d+ fields in line \d+, saw \d+")
_AS_STRINGS = {"header": None, "dtype": str, "keep_default_na": False}  # every cell a string, "" if empty


def read_spreadsheet(data: bytes, name: str, rows: int | None = None) -> pd.DataFrame:
    """Every cell of the first sheet as a string, without a header; index + 1 is the row number."""
    if data.startswith(b"PK"):  # xlsx: a zip, checked before anything is inflated
        check_zip(data, name)
    try:
        raw = pd.read_excel(io.BytesIO(data), engine="calamine", nrows=rows, **_AS_STRINGS)
    except CalamineError as exc:
        raise ValueError(f"{name}: cannot read as a spreadsheet ({exc})") from exc
    if raw.empty:
        raise ValueError(f"{name}: file is empty")
    return raw


def read_delimited(
    data: bytes, name: str, extension: str, rows: int | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Every cell of a CSV/TSV as a string, without a header (index + 1 is the line number), and notes."""
    decoded = decode_text(data, name)
    if not decoded.text.strip():
        raise ValueError(f"{name}: file is empty")
    separator = "\t" if extension == ".tsv" else _sniff_separator(decoded.text)
    try:
        text = io.StringIO(decoded.text)
        raw = pd.read_csv(text, sep=separator, skip_blank_lines=False, nrows=rows, **_AS_STRINGS)
    except pd.errors.ParserError as exc:
        if not _RAGGED.search(str(exc)):
            raise ValueError(f"{name}: cannot read as {extension.lstrip('.')} ({exc})") from None
        raw = _read_ragged(decoded.text, separator, rows)
    return raw, decoded.notes


def _read_ragged(text: str, separator: str, rows: int | None) -> pd.DataFrame:
    """What ``read_delimited`` reads, for a file pandas refuses because some lines have more fields
    than the header: their extra fields go, led and joined by the separator, to one more column."""
    records = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header = next(records)
    width = len(header)
    table = [[*header, ""]]
    for record in itertools.islice(records, None if rows is None else rows - 1):
        more = separator + separator.join(record[width:]) if len(record) > width else ""
        table.append([*record[:width], *[""] * (width - len(record)), more])
    return pd.DataFrame(table, columns=[*range(width), EXTRA], dtype="str")


def _sniff_separator(text: str) -> str:
    """The commonest of comma, tab and semicolon in the header line (comma when none occurs)."""
    header = text.split("\n", 1)[0]
    return max((",", "\t", ";"), key=header.count)
