"""What the package tells a user about their input, as stable codes with fields.

Readers and checks raise ``InputError`` and describe skipped rows and notes as ``Message``: a code
and the fields that fill its text. ``str()`` gives the English text below; the page words the same
code in the user's language (``i18n``), so no English reaches the Chinese page.

>>> str(Message("unknown_label", label="一般般"))
"unknown label '一般般'"
>>> str(InputError("empty_file", name="a.csv"))
'a.csv: file is empty'
"""

from __future__ import annotations

from dataclasses import dataclass

# code: English text; {fields} are filled by str.format
ENGLISH: dict[str, str] = {
    # rows left out or kept without a label
    "empty_text": "empty text",
    "empty_label": "empty label",
    "unknown_label": "unknown label {label!r}",
    "text_too_long": "longer than {limit} characters",
    "wide_row": "more fields than the header's {width}; "
    "put a text that contains the separator in double quotes",
    "undecodable": "not text in any encoding read here (UTF-8, GB18030, Big5, Shift-JIS, UTF-16, UTF-32)",
    "not_json": "not a JSON object",
    "keys_left_out": "keys not in the first line's left out: {keys}",
    # notes on how a file was read
    "mixed_encodings": "{name}: mixed encodings, each line read in its own: line{s} {lines} {verb} {fewer}, "
    "the other {count} line{others} {rest}",
    "read_as_big5": "{name}: read as Big5 (Traditional Chinese); the model was trained on Simplified Chinese",
    "read_as_shift_jis": "{name}: read as Shift-JIS (Japanese); the model was trained on Chinese",
    "controls_removed": "{name}: {count} control character{s} (such as NUL bytes) removed, "
    "on line{lines_s} {lines}",
    "extra_fields_joined": "{name}: row{s} {rows}: more fields than the header; "
    "the extra ones were read as part of the text, the last column",
    # files that cannot be used
    "not_text": "{name}: not a text file (binary data, or an encoding other than UTF-8, GB18030, Big5, "
    "Shift-JIS, UTF-16 and UTF-32); save it as UTF-8 text or CSV",
    "bad_bom": "{name}: starts with a {encoding} byte-order mark but is not {encoding} text",
    "empty_file": "{name}: file is empty",
    "only_header": "{name}: only a header row, no rows to score",
    "unsupported_type": "{name}: unsupported file type {extension}; use one of {types}",
    "unsupported_output": "{name}: the output is written as .csv or .parquet, not {extension}",
    "no_such_file": "{name}: no such file",
    "bad_parquet": "{name}: cannot read as Parquet ({detail})",
    "no_json_object": "{name}: no line is a JSON object, so there are no columns to read",
    "too_large": "{name}: {size} MB is larger than the {limit} MB limit",
    "too_many_rows": "{name}: {n} texts is more than the {limit} this page scores at once; split the file, "
    "or score it in Python with sentiment.load_predictor().predict_proba",
    "no_text_column": "{name}: no text column (one of {names}); columns are {columns}",
    "text_column_missing": "{name}: text column {column!r} not found; columns are {columns}",
    "label_column_missing": "{name}: label column {column!r} not found; columns are {columns}",
    "bad_label": "{where}: unknown label {label!r}; use one of {accepted}",
    "unclosed_quote": "{name}: line {line} opens a double quote that is never closed, so the rest of the "
    "file would be one cell; close the quote or remove it",
    "bad_delimited": "{name}: cannot read as {kind} ({detail})",
    "bad_spreadsheet": "{name}: cannot read as a spreadsheet ({detail})",
    "encrypted_spreadsheet": "{name}: the spreadsheet is password-protected; save a copy without a password",
    "html_spreadsheet": "{name}: a web page (HTML) saved with a spreadsheet's extension; "
    "open it in Excel and save it as .xlsx or .csv",
    "damaged_zip": "{name}: cannot read as a spreadsheet (damaged or truncated zip: {detail})",
    "damaged_zip_part": "{name}: cannot read as a spreadsheet (damaged zip: part {part} {detail})",
    "zip_too_many_parts": "{name}: refused, its zip holds {count} parts; spreadsheets hold dozens",
    "zip_too_large": "{name}: refused, it would unzip to {size} MB, more than the {limit} MB limit",
    "zip_bomb": "{name}: refused, its part {part} would inflate {ratio} times (a zip bomb?); "
    "spreadsheets stay under {limit} times",
    "zip_size_lie": "{name}: refused, its part {part} does not inflate to the size its zip declares",
}


@dataclass(frozen=True)
class Message:
    """A code from ``ENGLISH`` and the fields its text needs; ``str()`` is the English text."""

    code: str
    fields: tuple[tuple[str, object], ...] = ()

    def __init__(self, code: str, **fields: object) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "fields", tuple(fields.items()))

    def __str__(self) -> str:
        return ENGLISH[self.code].format(**dict(self.fields))

    def get(self, name: str, default: object = None) -> object:
        """One field's value."""
        return dict(self.fields).get(name, default)


class InputError(ValueError):
    """A file or text the package cannot use; ``message`` says why in a way the page can translate."""

    def __init__(self, code: str, **fields: object) -> None:
        self.message = Message(code, **fields)
        super().__init__(str(self.message))

    def __reduce__(self):
        """Rebuilt from its code and fields, so it crosses to and from worker processes intact."""
        return _input_error, (self.message.code, dict(self.message.fields))


def _input_error(code: str, fields: dict) -> InputError:
    return InputError(code, **fields)


ENGLISH_GRAMMAR = frozenset({"s", "lines_s", "others", "verb"})
"""Fields that carry English plural and verb agreement only; other languages may leave them out."""


def plural(count: int) -> str:
    """English's plural "s" for ``count`` things."""
    return "" if count == 1 else "s"
