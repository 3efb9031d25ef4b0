"""A block's rows read as the page reads an upload: the same decoding (``decode_text``), readers
(``read_raw_table``, ``read_lines``), column choice, labels and text limit (``upload.table_texts``),
with rows numbered as in the whole file.

What the page refuses a whole file for, a block refuses a row for, so one bad line in millions does
not stop the job: a record that no encoding reads is scored as an empty row and noted
"undecodable"; a JSON Lines line that is not an object is noted "not a JSON object".
"""

from __future__ import annotations

import dataclasses
import io
import json
from dataclasses import dataclass, field

import pandas as pd

from sentiment.batch.blocks import Block
from sentiment.batch.records import record_bytes
from sentiment.data.cells import EXTRA, sniff_separator
from sentiment.data.decoding import decode_text
from sentiment.data.loaders import Loaded, RawTable, Skipped, concat, distinct, read_lines, read_raw_table
from sentiment.data.messages import InputError, Message
from sentiment.data.upload import table_texts, without_long_texts

_UNDECODABLE = ("not_text", "bad_bom")  # what decode_text refuses a file for


@dataclass
class Parsed:
    """A block read: ``cells``, its rows with every column as read (indexed by row number);
    ``loaded``, what to score; ``replaced``, the note of rows unusable for a reason the page's
    readers do not see; ``added``, notes added to a row's own; ``notes``, on how it was read."""

    cells: pd.DataFrame
    loaded: Loaded
    replaced: dict[int, Message] = field(default_factory=dict)
    added: dict[int, Message] = field(default_factory=dict)

    @property
    def notes(self) -> list[Message]:
        """How the block was read (its decoding, extra fields joined): the Loaded's notes."""
        return self.loaded.notes


def read_block(block: Block, text_col: str | None, label_col: str | None) -> Parsed:
    """The block's rows; InputError for what makes the whole file unusable (a missing column ...)."""
    if block.kind == "delimited":
        return _delimited(block, text_col, label_col)
    if block.kind == "lines":
        return _lines(block)
    if block.kind == "jsonl":
        return _jsonl(block, text_col, label_col)
    if block.kind == "parquet":
        return _parquet(block, text_col, label_col)
    return _table(
        RawTable(block.name, list(block.columns), block.cells, []), block.cells, text_col, label_col
    )


def _table(raw: RawTable, cells: pd.DataFrame, text_col: str | None, label_col: str | None) -> Parsed:
    """A table's rows (``raw.body``'s index + 1 is the row number) and its cells under the header."""
    cells = cells.set_axis(raw.header, axis=1).set_axis(raw.body.index + 1, axis=0)
    return Parsed(cells, table_texts(raw, text_col, label_col))


def _tolerant(block: Block, separator: str | None, read):
    """``read(data)`` on the block's bytes; if no encoding reads them, again with each record that
    no encoding reads (after the block's prefix) blanked, and those rows to be noted "undecodable"."""
    body = block.body()
    try:
        return read(block.prefix + body), {}
    except InputError as err:
        if block.whole or err.message.code not in _UNDECODABLE:  # a whole file: refused, as on the page
            raise
        parts = record_bytes(body, separator)
        bad = {k for k, part in enumerate(parts) if not _decodes(block.prefix + part, block.name)}
        if not bad:
            raise
    blanked = b"".join(b"\n" if k in bad else part for k, part in enumerate(parts))
    return read(block.prefix + blanked), {block.first_row + k: Message("undecodable") for k in bad}


def _decodes(data: bytes, name: str) -> bool:
    try:
        decode_text(data, name)
    except InputError:
        return False
    return True


def _delimited(block: Block, text_col: str | None, label_col: str | None) -> Parsed:
    """CSV/TSV rows: the header and the block's records read as one small file."""
    separator = (
        "\t" if block.name.lower().endswith(".tsv") else sniff_separator(block.prefix.decode("latin-1"))
    )

    def read(data: bytes) -> RawTable:
        try:
            return read_raw_table(data, block.name)
        except InputError as err:  # its line counts from the block's header: the file's line instead
            if err.message.code != "unclosed_quote":
                raise
            line = block.line + int(err.message.get("line")) - 1 - block.prefix.count(b"\n")
            raise InputError("unclosed_quote", name=block.name, line=line) from None

    raw, replaced = _tolerant(block, separator, read)
    raw = dataclasses.replace(raw, body=raw.body.set_axis(raw.body.index + block.first_row - 2, axis=0))
    parsed = _table(raw, _folded(raw.body), text_col, label_col)
    parsed.replaced = replaced
    return parsed


def _folded(body: pd.DataFrame) -> pd.DataFrame:
    """A CSV's cells, the extra fields of a row longer than the header kept at the end of its last
    cell (led by the separator, as they were in the file), so nothing of the row is lost."""
    if EXTRA not in body:
        return body
    cells = body.drop(columns=EXTRA)
    cells.iloc[:, -1] = cells.iloc[:, -1] + body[EXTRA]
    return cells


def _lines(block: Block) -> Parsed:
    """One text a line; a block of blank lines is empty texts (the page refuses a blank file)."""

    def read(data: bytes) -> Loaded:
        try:
            return read_lines(data, block.name)
        except InputError as err:
            if err.message.code != "empty_file":
                raise
        count = len(io.StringIO(data.decode("latin-1"), newline=None).readlines())
        reason = Message("empty_text")
        return Loaded(concat([]).frame, [Skipped(block.name, row, reason) for row in range(1, count + 1)])

    loaded, replaced = _tolerant(block, None, read)
    loaded = _shifted(without_long_texts(loaded), block.first_row - 1)
    texts = dict(zip(loaded.frame["row"], loaded.frame["text"])) | {s.row: s.text for s in loaded.skipped}
    rows = sorted(texts)
    return Parsed(pd.DataFrame({"text": [texts[r] for r in rows]}, index=rows, dtype="str"), loaded, replaced)


def _shifted(loaded: Loaded, by: int) -> Loaded:
    """``loaded`` with every row number moved by ``by``."""

    def move(rows: list[Skipped]) -> list[Skipped]:
        return [dataclasses.replace(s, row=s.row + by) for s in rows]

    frame = loaded.frame.assign(row=loaded.frame["row"] + by)
    return Loaded(frame, move(loaded.skipped), move(loaded.unlabelled), loaded.notes)


def _jsonl(block: Block, text_col: str | None, label_col: str | None) -> Parsed:
    """JSON Lines rows under the first object's keys; a blank line is an empty row."""
    columns = list(block.columns)

    def read(data: bytes) -> tuple[pd.DataFrame, list, dict, dict]:
        decoded = decode_text(data, block.name)
        table, replaced, added = [], {}, {}
        for row, line in enumerate(io.StringIO(decoded.text, newline=None), block.first_row):
            value = _object(line)
            if value is None and line.strip():
                replaced[row] = Message("not_json")
            value = value or {}
            table.append([_text(value.get(key)) for key in columns])
            if other := [key for key in value if key not in columns]:
                added[row] = Message("keys_left_out", keys=", ".join(map(repr, other)))
        return pd.DataFrame(table, columns=range(len(columns)), dtype="str"), decoded.notes, replaced, added

    (body, notes, replaced, added), undecodable = _tolerant(block, None, read)
    body.index = range(block.first_row - 1, block.first_row - 1 + len(body))
    parsed = _table(RawTable(block.name, distinct(columns), body, notes), body, text_col, label_col)
    parsed.replaced, parsed.added = replaced | undecodable, added
    return parsed


def _object(line: str) -> dict | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _text(value: object) -> str:
    """A JSON or Parquet value as the text of a cell: strings as they are, null as "", others as JSON."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bool):
        return json.dumps(value)
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return str(value)


def _parquet(block: Block, text_col: str | None, label_col: str | None) -> Parsed:
    """A Parquet row group: its cells keep their types; their text is read for the text and label."""
    import pyarrow.parquet as pq

    cells = pq.ParquetFile(block.path).read_row_group(block.group).to_pandas()
    cells.index = range(block.first_row - 1, block.first_row - 1 + len(cells))
    body = cells.apply(lambda column: column.map(_text)).astype("str").set_axis(range(cells.shape[1]), axis=1)
    return _table(RawTable(block.name, distinct(list(block.columns)), body, []), cells, text_col, label_col)
