"""The label spellings a data file may use (1/0, pos/neg, 好评/差评, ...), mapped to 1 or 0; and a
multi-class table's labels (a class's number or name), mapped to the class's number."""

from __future__ import annotations

from collections.abc import Sequence

from sentiment.core.text import normalize
from sentiment.data.messages import InputError

_POSITIVE = ("1", "pos", "positive", "正面", "好评", "积极", "true", "yes")
_NEGATIVE = ("0", "neg", "negative", "负面", "差评", "消极", "false", "no")
_LABELS = dict.fromkeys(_POSITIVE, 1) | dict.fromkeys(_NEGATIVE, 0)
ACCEPTED_LABELS = ", ".join(map("/".join, zip(_POSITIVE, _NEGATIVE, strict=True)))


def parse_label(value: object, where: str) -> int:
    """Map any accepted spelling of a label (1/0, pos/neg, 好评/差评, ...) to 1 or 0.

    Spellings are compared after ``normalize`` (so ＰＯＳ and １ count), numbers by value (1.00).
    """
    spelling = normalize(str(value))
    try:
        spelling = format(float(spelling), "g")
    except ValueError:
        pass
    label = _LABELS.get(spelling)
    if label is None:
        raise InputError("bad_label", where=where, label=value, accepted=ACCEPTED_LABELS)
    return label


def parse_class(value: object, classes: Sequence[str], where: str) -> int:
    """A class's number (0 to ``len(classes) - 1``, numbers by value: 2.0) or its name, as its number."""
    spelling = normalize(str(value))
    names = [normalize(c) for c in classes]
    try:
        number = float(spelling)
    except ValueError:
        number = None
    if number is not None and number.is_integer() and 0 <= number < len(classes):
        return int(number)
    if spelling in names:
        return names.index(spelling)
    accepted = f"0-{len(classes) - 1} or {'/'.join(classes)}"
    raise InputError("bad_label", where=where, label=value, accepted=accepted)


def label_or_none(value: str) -> int | None:
    """``parse_label`` for a cell, None where it has no accepted spelling."""
    try:
        return parse_label(value, "")
    except ValueError:
        return None
