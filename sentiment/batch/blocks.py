"""An input file as blocks of whole rows, each scored on its own (by a local process or a Ray
actor): ``plan`` reads the file's header and cuts it; the blocks of text files are byte ranges
that the scoring process reads itself, so memory stays flat whatever the file's size.

CSV/TSV, TXT (one text per line) and JSON Lines are cut every ``BLOCK_ROWS`` records
(``records``); UTF-16/32 text files are one block. Parquet is a block per row group, read by the
scoring process. A spreadsheet (at most 1,048,576 rows) is read whole here and sent in slices.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sentiment.batch import records
from sentiment.data.cells import sniff_separator
from sentiment.data.decoding import decode_text
from sentiment.data.loaders import DELIMITED_TYPES, SPREADSHEET_TYPES, read_raw_table
from sentiment.data.messages import InputError

BLOCK_ROWS = 10_000  # rows a block: enough to keep the torch engine busy, few enough to stay small
LINE_TYPES = (".txt",)
JSON_TYPES = (".jsonl", ".ndjson")
PARQUET_TYPES = (".parquet",)
TYPES = (*DELIMITED_TYPES, *LINE_TYPES, *JSON_TYPES, *PARQUET_TYPES, *SPREADSHEET_TYPES)
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Block:
    """Rows of an input file, from row number ``first_row`` (a table's header is row 1).

    ``kind``: "delimited", "lines", "jsonl" (bytes ``start`` to ``stop`` of ``path``, to be read
    after ``prefix``: a table's header line, else the file's byte-order mark), "parquet" (row group
    ``group`` of ``path``) or "cells" (a spreadsheet's rows, in ``cells``). ``columns``: the header
    of a JSON Lines file or spreadsheet; ``line``: the file's line on which the block starts;
    ``whole``: the block is the whole file (UTF-16/32), refused as a whole where the page would."""

    kind: str
    name: str
    first_row: int
    path: str = ""
    start: int = 0
    stop: int = 0
    prefix: bytes = b""
    line: int = 1
    group: int = 0
    columns: tuple[str, ...] = ()
    whole: bool = False
    cells: pd.DataFrame | None = field(default=None, compare=False)

    def body(self) -> bytes:
        """A text block's own bytes (after ``prefix`` they make a small file for the page's readers)."""
        with open(self.path, "rb") as handle:
            handle.seek(self.start)
            return handle.read(self.stop - self.start)


@dataclass
class Plan:
    """The input's columns (before the outcome columns) and its blocks, made as they are taken."""

    columns: list[str]
    blocks: Iterator[Block]


def plan(path: str | Path, rows: int | None = None) -> Plan:
    """The blocks of ``rows`` rows (``BLOCK_ROWS``) of the file at ``path``, by its extension;
    InputError for a file it cannot read."""
    path, rows = Path(path), rows or BLOCK_ROWS
    extension = path.suffix.lower()
    if extension not in TYPES:
        raise InputError(
            "unsupported_type", name=path.name, extension=repr(extension or "(none)"), types=", ".join(TYPES)
        )
    if not path.is_file():
        raise InputError("no_such_file", name=str(path))
    if path.stat().st_size == 0:
        raise InputError("empty_file", name=path.name)
    if extension in PARQUET_TYPES:
        return _parquet(path)
    if extension in SPREADSHEET_TYPES:
        return _spreadsheet(path, rows)
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    kind = "delimited" if extension in DELIMITED_TYPES else "lines" if extension in LINE_TYPES else "jsonl"
    if not records.ascii_compatible(head):
        return _whole(path, kind)
    if kind == "delimited":
        return _delimited(path, head, extension, rows)
    prefix = _BOM if head.startswith(_BOM) else b""
    columns = _json_columns(path, prefix) if kind == "jsonl" else ["text"]
    blocks = _cut(path, kind, None, rows, prefix=prefix, skip=len(prefix), columns=tuple(columns))
    return Plan(columns, blocks)


def _cut(
    path: Path,
    kind: str,
    separator: str | None,
    rows: int,
    prefix: bytes,
    skip: int,
    columns: tuple[str, ...] = (),
    first_row: int = 1,
    line: int = 1,
) -> Iterator[Block]:
    """Blocks of ``rows`` records from byte ``skip`` on, which starts line ``line``; the first
    record there is row ``first_row``."""
    with open(path, "rb") as handle:
        for span in records.spans(handle, path.name, separator, rows, skip, line):
            yield Block(
                kind,
                path.name,
                first_row + span.first,
                str(path),
                span.start,
                span.stop,
                prefix,
                span.line,
                columns=columns,
            )


def _delimited(path: Path, head: bytes, extension: str, rows: int) -> Plan:
    """A CSV/TSV's header, as the page reads it, and its blocks of records, each led by the header."""
    first_line = head.decode("latin-1").split("\n", 1)[0]
    separator = "\t" if extension == ".tsv" else sniff_separator(first_line)
    with open(path, "rb") as handle:
        header = next(records.spans(handle, path.name, separator, 1))
        handle.seek(0)
        prefix = handle.read(header.stop)
        has_rows = bool(handle.read(1))
    if not has_rows:
        raise InputError("only_header", name=path.name)
    columns = read_raw_table(prefix, path.name).header  # InputError for a header it cannot read
    header_lines = len(io.StringIO(prefix.decode("latin-1"), newline=None).readlines())
    blocks = _cut(path, "delimited", separator, rows, prefix, header.stop, first_row=2, line=1 + header_lines)
    return Plan(columns, blocks)


def _whole(path: Path, kind: str) -> Plan:
    """A UTF-16/32 file as one block, read whole as the page reads it."""
    stop = path.stat().st_size
    if kind == "delimited":
        columns = read_raw_table(path).header
        return Plan(columns, iter([Block(kind, path.name, 2, str(path), 0, stop, whole=True)]))
    data = path.read_bytes()
    columns = (
        _json_columns_in(decode_text(data, path.name).text.splitlines(), path.name)
        if kind == "jsonl"
        else ["text"]
    )
    return Plan(
        columns, iter([Block(kind, path.name, 1, str(path), 0, stop, columns=tuple(columns), whole=True)])
    )


def _json_columns(path: Path, prefix: bytes) -> list[str]:
    """The keys of the first line of a JSON Lines file that is a JSON object (read as the page decodes)."""
    with open(path, "rb") as handle:
        handle.seek(len(prefix))
        for line in handle:
            try:
                keys = _object_keys(decode_text(prefix + line, path.name).text)
            except InputError:  # an undecodable line: the next
                continue
            if keys is not None:
                return keys
    raise InputError("no_json_object", name=path.name)


def _json_columns_in(lines: list[str], name: str) -> list[str]:
    keys = next((k for line in lines if (k := _object_keys(line)) is not None), None)
    if keys is None:
        raise InputError("no_json_object", name=name)
    return keys


def _object_keys(line: str) -> list[str] | None:
    """The keys of a line holding a JSON object, else None."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return [str(k) for k in value] if isinstance(value, dict) else None


def _parquet(path: Path) -> Plan:
    """A Parquet file's columns and a block per row group (rows are numbered from 1: no header)."""
    import pyarrow.parquet as pq

    try:
        metadata = pq.ParquetFile(path).metadata
    except Exception as exc:  # pyarrow raises several kinds for a file that is not Parquet
        raise InputError("bad_parquet", name=path.name, detail=str(exc)) from None
    columns = list(metadata.schema.to_arrow_schema().names)

    def blocks() -> Iterator[Block]:
        first = 1
        for group in range(metadata.num_row_groups):
            yield Block("parquet", path.name, first, str(path), group=group, columns=tuple(columns))
            first += metadata.row_group(group).num_rows

    return Plan(columns, blocks())


def _spreadsheet(path: Path, rows: int) -> Plan:
    """A spreadsheet's first sheet with data, read whole as the page reads it, in slices of ``rows``."""
    raw = read_raw_table(path)
    if raw.body.empty:
        raise InputError("only_header", name=path.name)
    body = raw.body

    def blocks() -> Iterator[Block]:
        for start in range(0, len(body), rows):
            part = body.iloc[start : start + rows]
            yield Block("cells", path.name, int(part.index[0]) + 1, columns=tuple(raw.header), cells=part)

    return Plan(raw.header, blocks())
