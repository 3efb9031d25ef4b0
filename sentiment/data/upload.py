"""A file a user uploaded, read once: ``open_upload`` checks its size and type and finds a workbook's
sheets; the result gives the column pickers their columns and then the rows of the columns picked.

A ``.txt`` upload is one text per line; csv/tsv/xlsx/xls are tables with a header row whose text
column (and optional label column) the user picks. A table is parsed once for its header and its
first rows (a later pick of other columns parses it again); every problem is an ``InputError`` the
page words in its language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sentiment.data.cells import sheets
from sentiment.data.limits import ROWS, TEXT_CHARS, UPLOAD_MB
from sentiment.data.loaders import (
    DELIMITED_TYPES,
    LABEL_CELL,
    SPREADSHEET_TYPES,
    TEXT_NAMES,
    Loaded,
    RawTable,
    Skipped,
    read_lines,
    read_raw_table,
    table_rows,
)
from sentiment.data.messages import InputError, Message

TABLE_TYPES = (*DELIMITED_TYPES, *SPREADSHEET_TYPES)
TYPES = (".txt", *TABLE_TYPES)
_LABEL_NAMES = ("label", "labels", "sentiment", "标签", "标注", "情感")


@dataclass
class Upload:
    """An uploaded file: its name and bytes, a workbook's sheets (none for other files) and the one
    read by default, and the tables parsed so far (by sheet; parsed on first use)."""

    name: str
    content: bytes
    sheets: list[str] = field(default_factory=list)
    first_sheet: str | None = None
    _headers: dict = field(default_factory=dict, repr=False)
    _tables: dict = field(default_factory=dict, repr=False)

    @property
    def is_table(self) -> bool:
        """Whether it has columns to pick (csv/tsv/xlsx/xls) rather than one text per line."""
        return Path(self.name).suffix.lower() in TABLE_TYPES

    def _raw(self, sheet: str | None) -> RawTable:
        if sheet not in self._tables:
            self._tables[sheet] = read_raw_table(self.content, self.name, sheet)
            self._headers[sheet] = self._tables[sheet].header
        return self._tables[sheet]

    def columns(self, sheet: str | None = None) -> list[str]:
        """The header row of a table (of ``sheet``, for a workbook); InputError if unreadable."""
        return self._headers[sheet] if sheet in self._headers else self._raw(sheet).header

    def rows(self, text_col: str | None, label_col: str | None, sheet: str | None = None) -> Loaded:
        """The texts (and labels) of the columns picked, texts over the limit moved to the skipped rows;
        InputError for a table without rows or with too many. The parsed table is let go: the caller
        keeps what this returns."""
        if not self.is_table:
            loaded = read_lines(self.content, self.name)
        else:
            loaded = table_texts(self._raw(sheet), text_col, label_col)
            del self._tables[sheet]
            if loaded.frame.empty and not loaded.skipped:
                raise InputError("only_header", name=self.name)
            return checked_rows(loaded, self.name)
        return checked_rows(without_long_texts(loaded), self.name)


def open_upload(content: bytes, name: str, limit_mb: int = UPLOAD_MB) -> Upload:
    """The upload, checked: not over ``limit_mb`` (the browser refuses larger files first; tests do
    not), of a type the page reads, and for a workbook its sheets. InputError otherwise."""
    if len(content) > limit_mb * 1024 * 1024:
        raise InputError("too_large", name=name, size=f"{len(content) / 1024 / 1024:.1f}", limit=limit_mb)
    extension = Path(name).suffix.lower()
    if extension not in TYPES:
        raise InputError(
            "unsupported_type", name=name, extension=repr(extension or "(none)"), types=", ".join(TYPES)
        )
    if extension in SPREADSHEET_TYPES:
        return Upload(name, content, *sheets(content, name))
    return Upload(name, content)


def table_texts(raw: RawTable, text_col: str | None, label_col: str | None) -> Loaded:
    """The texts (and labels) of a table's chosen columns as the page reads them: a row with an
    unreadable label keeps its text (noted), texts over the limit are moved to the skipped rows.
    The batch command reads each block of a large file through here too."""
    return without_long_texts(table_rows(raw, text_col, label_col, keep_unlabelled=True))


def checked_rows(loaded: Loaded, name: str) -> Loaded:
    """``loaded``, or InputError when it holds more texts than the page scores at once."""
    if len(loaded.frame) > ROWS:
        raise InputError("too_many_rows", name=name, n=f"{len(loaded.frame):,}", limit=f"{ROWS:,}")
    return loaded


def without_long_texts(loaded: Loaded) -> Loaded:
    """Texts over ``TEXT_CHARS`` characters moved from the frame to the skipped rows, with the reason."""
    long = (loaded.frame["text"].str.len() > TEXT_CHARS).to_numpy()
    if not long.any():
        return loaded
    reason = Message("text_too_long", limit=f"{TEXT_CHARS:,}")
    cut = loaded.frame[long]
    cells = cut[LABEL_CELL] if LABEL_CELL in cut else [""] * len(cut)
    rows = zip(cut["source"], cut["row"], cut["text"], cells)
    moved = [Skipped(source, int(row), reason, text, cell) for source, row, text, cell in rows]
    kept_rows = set(loaded.frame["row"][~long])
    return Loaded(
        loaded.frame[~long].reset_index(drop=True),
        sorted(loaded.skipped + moved, key=lambda s: s.row),
        [u for u in loaded.unlabelled if u.row in kept_rows],
        loaded.notes,
    )


def guess_column(columns: Sequence[str], names: Sequence[str]) -> str | None:
    """The first column whose lower-cased name is one of ``names``."""
    lowered = [c.lower() for c in columns]
    return next((columns[lowered.index(n)] for n in names if n in lowered), None)


def guess_text_column(columns: Sequence[str]) -> str | None:
    """The only column, or a review/text/评论... column; None leaves the choice to the user."""
    return columns[0] if len(columns) == 1 else guess_column(columns, TEXT_NAMES)


def guess_label_column(columns: Sequence[str]) -> str | None:
    """A label/sentiment/标签 column if there is one."""
    return guess_column(columns, _LABEL_NAMES)
