"""Files to cells: every cell of a CSV/TSV or of a spreadsheet's sheet as a string, no header.

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
from python_calamine import CalamineError, CalamineWorkbook

from sentiment.data.decoding import decode_text
from sentiment.data.messages import InputError, Message
from sentiment.data.zipcheck import check_zip

EXTRA = "extra fields"  # the column of a CSV's rows that have more fields than its header
_RAGGED = re.compile(r"Expected \d+ fields in line \d+, saw \d+")
_UNCLOSED = re.compile(r"EOF inside string starting at row (\d+)")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls, or an encrypted workbook's wrapper
_AS_STRINGS = {"header": None, "dtype": str, "keep_default_na": False}  # every cell a string, "" if empty


def sheets(data: bytes, name: str) -> tuple[list[str], str]:
    """A spreadsheet's sheet names, in the workbook's order, and the first that holds a cell (the
    first sheet when none does): the one read unless another is asked for."""
    workbook = _workbook(data, name)
    names = workbook.sheet_names
    try:
        return names, next((s for s in names if workbook.get_sheet_by_name(s).to_python(nrows=1)), names[0])
    except CalamineError as exc:
        raise InputError("bad_spreadsheet", name=name, detail=str(exc)) from exc


def read_spreadsheet(data: bytes, name: str, sheet: str | None = None) -> pd.DataFrame:
    """Every cell of ``sheet`` (by default the first that holds data) as a string, without a
    header; index + 1 is the row number."""
    if sheet is None:
        sheet = sheets(data, name)[1]
    else:
        _workbook(data, name)  # the checks
    try:
        raw = pd.read_excel(io.BytesIO(data), engine="calamine", sheet_name=sheet, **_AS_STRINGS)
    except (CalamineError, ValueError) as exc:  # ValueError: no sheet of that name
        raise InputError("bad_spreadsheet", name=name, detail=str(exc)) from exc
    if raw.empty:
        raise InputError("empty_file", name=name)
    return raw


def _workbook(data: bytes, name: str) -> CalamineWorkbook:
    """The workbook, after the checks that tell a user what their file really is: a zip bomb, a
    password-protected workbook, or a web page saved as .xls."""
    if data.startswith(b"PK"):  # xlsx: a zip, checked before anything is inflated
        check_zip(data, name)
    if data.startswith(_OLE) and "EncryptedPackage".encode("utf-16-le") in data:
        raise InputError("encrypted_spreadsheet", name=name)
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<", b"\xff\xfe<")):
        raise InputError("html_spreadsheet", name=name)
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except CalamineError as exc:
        raise InputError("bad_spreadsheet", name=name, detail=str(exc)) from exc


def read_delimited(data: bytes, name: str, extension: str) -> tuple[pd.DataFrame, list[Message]]:
    """Every cell of a CSV/TSV as a string, without a header (index + 1 is the line number), and notes."""
    decoded = decode_text(data, name)
    if not decoded.text.strip():
        raise InputError("empty_file", name=name)
    separator = "\t" if extension == ".tsv" else sniff_separator(decoded.text)
    try:
        text = io.StringIO(decoded.text)
        raw = pd.read_csv(text, sep=separator, skip_blank_lines=False, **_AS_STRINGS)
    except pd.errors.ParserError as exc:
        if unclosed := _UNCLOSED.search(str(exc)):
            line = _first_line(decoded.text, separator, int(unclosed.group(1)))
            raise InputError("unclosed_quote", name=name, line=line) from None
        if not _RAGGED.search(str(exc)):
            raise InputError(
                "bad_delimited", name=name, kind=extension.lstrip("."), detail=str(exc)
            ) from None
        raw = _read_ragged(decoded.text, separator)
    return raw, decoded.notes


def _read_ragged(text: str, separator: str) -> pd.DataFrame:
    """What ``read_delimited`` reads, for a file pandas refuses because some lines have more fields
    than the header: their extra fields go, led and joined by the separator, to one more column."""
    records = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header = next(records)
    width = len(header)
    table = [[*header, ""]]
    for record in records:
        more = separator + separator.join(record[width:]) if len(record) > width else ""
        table.append([*record[:width], *[""] * (width - len(record)), more])
    return pd.DataFrame(table, columns=[*range(width), EXTRA], dtype="str")


def _first_line(text: str, separator: str, record: int) -> int:
    """The 1-based line on which CSV record ``record`` (0 = the header) starts; cells in quotes may
    span lines, so the record and line numbers differ after one."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    line = 1
    for _ in itertools.islice(reader, record):
        line = reader.line_num + 1
    return line


def sniff_separator(text: str) -> str:
    """The commonest of comma, tab and semicolon in the header line (comma when none occurs)."""
    header = text.split("\n", 1)[0]
    return max((",", "\t", ";"), key=header.count)
