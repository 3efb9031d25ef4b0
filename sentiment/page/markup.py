"""Markdown, HTML and plotly text for user text: escaped so that nothing a user types becomes a link, an
image, HTML or a colour.

>>> escape_markdown("**5星** <b>")
'\\\\*\\\\*5星\\\\*\\\\* \\\\<b\\\\>'
>>> plotly_text('"<b>" & 好')
'"&lt;b&gt;" &amp; 好'
>>> segmentation_markdown(["质量", "棒棒哒"], [True, False])
'质量 · :orange-background[棒棒哒]'
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=^\"'])")


def escape_markdown(text: str) -> str:
    """Backslash-escape every character markdown (and Streamlit's :colour[] and $math$) treats specially."""
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def plotly_text(text: str) -> str:
    """User text for a plotly figure (tick, label, hover): plotly.js reads such text as its own subset
    of HTML tags (<b>, <br>, <a href>) and decodes &amp; &lt; &gt; and numeric entities, but not
    &quot;, so only & < > are escaped; quotes stay as typed (escaped, they showed as &quot;)."""
    return html.escape(text, quote=False)


def segmentation_markdown(words: Sequence[str], known: Sequence[bool]) -> str:
    """The words separated by dots, out-of-vocabulary ones highlighted."""
    return " · ".join(
        escape_markdown(w) if k else f":orange-background[{escape_markdown(w)}]" for w, k in zip(words, known)
    )


def contribution_html(words: Sequence[str], contributions: Sequence[float]) -> str:
    """The words as HTML spans, each HTML-escaped, on a background whose colour says which way the word
    pushes (green positive, red negative) and whose strength says how far (relative to the strongest)."""
    strongest = max((abs(c) for c in contributions), default=0.0) or 1.0
    spans = []
    for word, c in zip(words, contributions):
        rgb = "42,157,143" if c >= 0 else "209,73,91"
        alpha = 0.08 + 0.8 * abs(c) / strongest
        spans.append(
            f'<span title="{c:+.3f}" style="background:rgba({rgb},{alpha:.2f});padding:2px 3px;'
            f'margin:1px;border-radius:3px;line-height:2">{html.escape(word)}</span>'
        )
    return "<div>" + "".join(spans) + "</div>"
