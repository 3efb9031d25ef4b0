"""Markdown for user text: escaped so that nothing a user types becomes a link, an image, HTML or a colour.

>>> escape_markdown("**5星** <b>")
'\\\\*\\\\*5星\\\\*\\\\* \\\\<b\\\\>'
>>> segmentation_markdown(["质量", "棒棒哒"], [True, False])
'质量 · :orange-background[棒棒哒]'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=^\"'])")


def escape_markdown(text: str) -> str:
    """Backslash-escape every character markdown (and Streamlit's :colour[] and $math$) treats specially."""
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def segmentation_markdown(words: Sequence[str], known: Sequence[bool]) -> str:
    """The words separated by dots, out-of-vocabulary ones highlighted."""
    return " · ".join(
        escape_markdown(w) if k else f":orange-background[{escape_markdown(w)}]" for w, k in zip(words, known)
    )
