"""Load labelled or unlabelled review texts from CSV/TSV/TXT/XLSX/XLS (``splits`` dedups and splits them).

Conventions shared by every reader:

* ``row`` (in the frame and in :class:`Skipped`) is the file's own 1-based row number as an editor or
  Excel shows it: a header counts as row 1, so a table's first data row is row 2; in a plain text file
  or a headerless spreadsheet row 1 is the first text. (A CSV cell spanning several lines counts once.)
* Every cell is read as a string; empty or blank cells are reported in ``skipped``, never kept as "nan".
* A file with no content at all (zero bytes, only whitespace, an empty sheet) raises ``ValueError``
  ("file is empty"); a table with a header but no data rows loads as an empty frame.
"""

from __future__ import annotations

import gzip
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sentiment.data.cells import EXTRA, read_delimited, read_spreadsheet
from sentiment.data.decoding import decode_text, numbers_named
from sentiment.data.labels import label_or_none, parse_class, parse_label
from sentiment.data.messages import InputError, Message, plural

logger = logging.getLogger(__name__)

TEXT_NAMES = ("review", "text", "content", "comment", "评论", "内容", "文本")
SPREADSHEET_TYPES = (".xlsx", ".xls")
DELIMITED_TYPES = (".csv", ".tsv")
_TABLE_TYPES = (*DELIMITED_TYPES, ".txt", *SPREADSHEET_TYPES)  # a .txt table: tab or comma separated
_CLASS_TYPES = (".txt", *SPREADSHEET_TYPES)
LABEL_CELL = "label_cell"  # a table's label cells as written, beside the parsed ``label``


@dataclass(frozen=True)
class Skipped:
    """A row left out of a Loaded frame; ``row`` follows the module's row numbering (header = row 1)."""

    source: str
    row: int
    reason: Message
    text: str = ""  # what the row held, so a scored download can keep it
    label: str = field(default="", compare=False)  # its label cell as written, for the same reason


@dataclass
class Loaded:
    """Texts read from files: ``frame`` has text, label (Int64, <NA> = unlabelled), source, row.

    ``unlabelled`` lists the rows kept without their unusable label (``keep_unlabelled``), and
    ``notes`` says what else a reader should know (lines read in another encoding).
    """

    frame: pd.DataFrame
    skipped: list[Skipped]
    unlabelled: list[Skipped] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)


class _Default(str):
    """A default column name: if the table lacks it, fall back quietly instead of raising."""


_REVIEW, _LABEL = _Default("review"), _Default("label")


def read_table(
    source: str | Path | bytes,
    name: str | None = None,
    text_col: str | None = _REVIEW,
    label_col: str | None = _LABEL,
    keep_unlabelled: bool = False,
    sheet: str | None = None,
    classes: Sequence[str] | None = None,
) -> Loaded:
    """Read a table with a header row; the extension of ``name`` (or the path) decides the format,
    and a spreadsheet's ``sheet`` the sheet (by default the first that holds data).

    Column names match case-insensitively. ``text_col`` None, or the default "review" when absent,
    means: the only column, else the first of review/text/content/comment/评论/内容/文本. ``label_col``
    None means unlabelled; the default "label" when absent also means unlabelled. A column passed
    explicitly (even "review" or "label") must exist. A row with an empty label is skipped and an
    unknown spelling raises, unless ``keep_unlabelled``: then both keep their text, without a label.
    With ``classes`` a label is a class's number or name (``labels.parse_class``), not a polarity.
    """
    return table_rows(read_raw_table(source, name, sheet), text_col, label_col, keep_unlabelled, classes)


def table_rows(
    raw: RawTable,
    text_col: str | None = _REVIEW,
    label_col: str | None = _LABEL,
    keep_unlabelled: bool = False,
    classes: Sequence[str] | None = None,
) -> Loaded:
    """The texts (and labels) of a table already read: ``read_table``'s second half, for a caller
    that read the header first (an upload's column pickers) and should not parse the file again."""
    name, header = raw.name, raw.header
    text_pos = _text_position(header, text_col, name)
    label_pos = None if label_col is None else _find(header, label_col)
    if label_col is not None and label_pos is None and not isinstance(label_col, _Default):
        raise InputError("label_column_missing", name=name, column=label_col, columns=header)
    body, wide, folded = _fold_extra_fields(name, raw.body.copy(), len(header), text_pos)
    labels = None if label_pos is None else body.iloc[:, label_pos]
    loaded = _collect(name, body.iloc[:, text_pos], labels, body.index + 1, keep_unlabelled, classes)
    loaded.skipped = sorted(loaded.skipped + wide, key=lambda s: s.row)
    loaded.notes.extend(raw.notes + folded)
    return loaded


def _fold_extra_fields(
    name: str, body: pd.DataFrame, width: int, text_pos: int
) -> tuple[pd.DataFrame, list[Skipped], list[Message]]:
    """Deal with the CSV rows that have more fields than the header (a text with an unquoted separator).

    The extra fields sit in a column past the header's, joined by the separator and led by it. When the
    text is the last column they belong to it and are put back; otherwise the row cannot be read
    safely and is skipped, its whole line kept for the download. Either way the rows are named.
    """
    if EXTRA not in body:
        return body, [], []
    extra = body.pop(EXTRA)
    wide = extra != ""
    if text_pos == width - 1:
        body.loc[wide, body.columns[text_pos]] += extra[wide]
        rows = (body.index[wide] + 1).tolist()
        return (
            body,
            [],
            [Message("extra_fields_joined", name=name, rows=numbers_named(rows), s=plural(len(rows)))],
        )
    reason = Message("wide_row", width=width)
    lines = zip(body.index[wide], body[wide].itertuples(index=False), extra[wide])
    skipped = [Skipped(name, int(i) + 1, reason, more[0].join(cells) + more) for i, cells, more in lines]
    return body[~wide], skipped, []


@dataclass
class RawTable:
    """A table as read, before its columns are chosen: the file name, the header row (made distinct),
    the data rows (every cell a string) and notes on the decoding."""

    name: str
    header: list[str]
    body: pd.DataFrame
    notes: list[Message]


def read_raw_table(source: str | Path | bytes, name: str | None = None, sheet: str | None = None) -> RawTable:
    """Parse a table (csv/tsv/txt/xlsx/xls) once: its header for column pickers, its rows for
    ``table_rows``."""
    name, data = _load(source, name)
    extension = _extension(name, _TABLE_TYPES)
    if extension in SPREADSHEET_TYPES:
        raw, notes = read_spreadsheet(data, name, sheet=sheet), []
    else:
        raw, notes = read_delimited(data, name, extension)
    header = distinct([_cell(v) for v in raw.iloc[0].drop(EXTRA, errors="ignore")])
    return RawTable(name, header, raw.iloc[1:], notes)


def distinct(names: Sequence[str]) -> list[str]:
    """Column names made distinct as pandas makes them: a repeated name gets .1, .2, ... (matched
    case-insensitively, as columns are found), skipping names the header already has.

    >>> distinct(["review", "review", "Review", "review.1", "label"])
    ['review', 'review.2', 'Review.3', 'review.1', 'label']
    """
    taken = {n.lower() for n in names}
    seen: set[str] = set()
    out = []
    for name in names:
        new, suffix = name, 0
        while new.lower() in seen or (new != name and new.lower() in taken):
            suffix += 1
            new = f"{name}.{suffix}"
        seen.add(new.lower())
        out.append(new)
    return out


def read_lines(source: str | Path | bytes, name: str | None = None, label: int | None = None) -> Loaded:
    """Read one text per line (any supported encoding), giving every text the same label or <NA>."""
    name, data = _load(source, name)
    decoded = decode_text(data, name)
    if not decoded.text.strip():
        raise InputError("empty_file", name=name)
    lines = list(io.StringIO(decoded.text, newline=None))  # \n, \r\n and a lone \r all end a line
    labels = None if label is None else [parse_label(label, name)] * len(lines)
    loaded = _collect(name, lines, labels, range(1, len(lines) + 1))
    loaded.notes.extend(decoded.notes)
    return loaded


def read_class_file(source: str | Path | bytes, label: int, name: str | None = None) -> Loaded:
    """Read a one-class file: .txt one text per line, .xls/.xlsx every cell of a headerless first column."""
    name, data = _load(source, name)
    if _extension(name, _CLASS_TYPES) == ".txt":
        return read_lines(data, name, label)
    raw = read_spreadsheet(data, name)
    return _collect(name, raw.iloc[:, 0], [parse_label(label, name)] * len(raw), raw.index + 1)


def concat(parts: list[Loaded]) -> Loaded:
    """Join several Loaded results (an empty list gives an empty frame with the usual columns)."""
    frames = [_frame([], [], "", [])] + [part.frame for part in parts]
    return Loaded(pd.concat(frames, ignore_index=True), [s for part in parts for s in part.skipped])


def _load(source: str | Path | bytes, name: str | None) -> tuple[str, bytes]:
    """The file name to report and the raw bytes, for a path or an upload; a path ending in .gz
    (a data file named on the command line, never an upload) is decompressed and named without
    the .gz, so its own extension decides how it is read."""
    if isinstance(source, bytes):
        return name or "input", source
    path = Path(source)
    if path.suffix.lower() == ".gz":
        return name or path.with_suffix("").name, gzip.decompress(path.read_bytes())
    return name or path.name, path.read_bytes()


def _extension(name: str, supported: tuple[str, ...]) -> str:
    """The lower-case extension of ``name`` if it is one of ``supported``."""
    extension = Path(name).suffix.lower()
    if extension not in supported:
        raise InputError("unsupported_type", name=name, extension=repr(extension), types=", ".join(supported))
    return extension


def _cell(value: object) -> str:
    """A cell as stripped text, with missing values as ""."""
    return "" if value is None or pd.isna(value) else str(value).strip()


def _find(header: list[str], wanted: str) -> int | None:
    """Position of the column named ``wanted`` (case-insensitive), or None."""
    wanted = wanted.strip().lower()
    return next((i for i, column in enumerate(header) if column.lower() == wanted), None)


def _text_position(header: list[str], text_col: str | None, name: str) -> int:
    """Position of the text column, guessing when ``text_col`` is None or the absent default."""
    position = None if text_col is None else _find(header, text_col)
    if position is not None:
        return position
    if text_col is not None and not isinstance(text_col, _Default):
        raise InputError("text_column_missing", name=name, column=text_col, columns=header)
    if len(header) == 1:
        return 0
    position = next((p for n in TEXT_NAMES if (p := _find(header, n)) is not None), None)
    if position is None:
        raise InputError("no_text_column", name=name, names=", ".join(TEXT_NAMES), columns=header)
    return position


def _collect(
    source: str,
    texts: Sequence[object],
    labels: Sequence[object] | None,
    rows: Sequence[int],
    keep_unlabelled: bool = False,
    classes: Sequence[str] | None = None,
) -> Loaded:
    """Keep rows with text (and a label when labelled), recording the others as Skipped; with
    ``keep_unlabelled`` a row whose label is empty or unknown keeps its text and is listed instead;
    with ``classes`` (never with ``keep_unlabelled``) labels are class numbers or names.
    With ``keep_unlabelled`` the frame also keeps each label cell as written (``LABEL_CELL``)."""
    kept_texts: list[str] = []
    kept_labels: list[int | None] = []
    kept_cells: list[str] = []
    kept_rows: list[int] = []
    skipped: list[Skipped] = []
    unlabelled: list[Skipped] = []
    for text, label, row in zip(texts, [None] * len(rows) if labels is None else labels, rows, strict=True):
        text, label = _cell(text), _cell(label)
        if not text or (labels is not None and not label and not keep_unlabelled):
            reason = Message("empty_text" if not text else "empty_label")
            skipped.append(Skipped(source, int(row), reason, text, label))
            continue
        value = None
        if labels is not None and not keep_unlabelled:
            where = f"{source} row {row}"
            value = parse_label(label, where) if classes is None else parse_class(label, classes, where)
        elif labels is not None:
            value = label_or_none(label)
            if value is None:
                reason = Message("unknown_label", label=label) if label else Message("empty_label")
                unlabelled.append(Skipped(source, int(row), reason, text, label))
        kept_texts.append(text)
        kept_labels.append(value)
        kept_cells.append(label)
        kept_rows.append(int(row))
    logger.info("%s: %d texts, %d rows skipped", source, len(kept_texts), len(skipped))
    frame = _frame(kept_texts, kept_labels, source, kept_rows)
    if labels is not None and keep_unlabelled:
        frame[LABEL_CELL] = pd.Series(kept_cells, dtype="str")
    return Loaded(frame, skipped, unlabelled)


def _frame(texts: list[str], labels: list[int | None], source: str, rows: list[int]) -> pd.DataFrame:
    """The standard frame: text (str), label (Int64), source (str), row (int64)."""
    return pd.DataFrame(
        {
            "text": pd.Series(texts, dtype="str"),
            "label": pd.array(labels, dtype="Int64"),
            "source": pd.Series([source] * len(texts), dtype="str"),
            "row": pd.Series(rows, dtype="int64"),
        }
    )
