"""Perturbations of a whole text for the invariance templates: the verdict must not change."""

from __future__ import annotations


def fullwidth(text: str) -> str:
    """ASCII letters, digits and spaces written full-width (ｉＰｈｏｎｅ　１５)."""
    return "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def ascii_punctuation(text: str) -> str:
    """Chinese punctuation written as ASCII punctuation (，→, 。→. ！→!)."""
    return text.translate(str.maketrans("，。！？：", ",.!?:"))


def spaced(text: str) -> str:
    """Commas replaced by spaces, as people type on a phone."""
    return text.replace("，", " ")
