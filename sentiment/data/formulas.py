"""Cells that a spreadsheet would run as formulas, defused for a CSV download (docs/robustness.md):
the page's download and the batch command's CSV output both write their text cells through here."""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(cell: object) -> object:
    """A text cell that Excel or LibreOffice would run as a formula (it starts with =, +, -, @, tab
    or carriage return) led by an apostrophe, as OWASP advises for CSV injection; other cells as
    they are. The apostrophe keeps the text readable and the spreadsheet shows it as text.

    >>> print(defused("=SUM(A1)"), defused("-5 分"), defused("很好"), defused(None))
    '=SUM(A1) '-5 分 很好 None
    """
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS) else cell
