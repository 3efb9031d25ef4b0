"""The suite's cases, generated deterministically from the templates and lexicons.

>>> cases = generate("dev")
>>> cases[0].capability, cases[0].text
('negated_positive', '这个手机不好用')

A template is filled with every combination of its half's lexicon entries; a template with more than
``PER_TEMPLATE`` combinations keeps a sample seeded by its id, so every run gives the same list.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass

from .capabilities import CAPABILITIES, Capability, Template
from .lexicons import LEXICONS

HALVES = ("dev", "test")
PER_TEMPLATE = 40
SLOT = re.compile(r"\{([a-z_]+?)(2?)\}")  # {name}, or {name2}: a second, different entry of that list


@dataclass(frozen=True)
class Case:
    """One test case. ``text`` is scored; INV and DIR compare it with ``original``."""

    capability: str
    template: str
    half: str
    kind: str
    text: str
    original: str = ""
    label: int | None = None  # MFT: 1 positive, 0 negative
    expect: str | None = None  # DIR: how P(positive) must move from original to text
    fills: tuple[str, ...] = ()  # the lexicon entries it was filled with


def slots(template: Template) -> list[str]:
    """The template's slot names, in order of first use in its pattern, then its variant."""
    patterns = [template.pattern] + ([template.variant] if isinstance(template.variant, str) else [])
    return list(dict.fromkeys(m.group(1) + m.group(2) for p in patterns for m in SLOT.finditer(p)))


def fill(pattern: str, values: dict[str, str]) -> str:
    return SLOT.sub(lambda m: values[m.group(1) + m.group(2)], pattern)


def fillings(template: Template) -> list[dict[str, str]]:
    """Every assignment of the template's half's entries to its slots ({x2} never equal to {x})."""
    names = slots(template)
    for name in names:
        if SLOT.fullmatch(f"{{{name}}}").group(1) not in LEXICONS:
            raise KeyError(f"template {template.id} uses {{{name}}}, which no lexicon defines")
    choices = [LEXICONS[SLOT.fullmatch(f"{{{n}}}").group(1)].half(template.half) for n in names]
    combos = [dict(zip(names, values)) for values in itertools.product(*choices)]
    combos = [c for c in combos if all(c[n] != c.get(n[:-1]) for n in names if n.endswith("2"))]
    if len(combos) > PER_TEMPLATE:
        keep = sorted(random.Random(template.id).sample(range(len(combos)), PER_TEMPLATE))
        combos = [combos[i] for i in keep]
    return combos


def cases_of(capability: Capability, template: Template) -> list[Case]:
    out = []
    for values in fillings(template):
        filled = fill(template.pattern, values)
        if template.kind == "MFT":
            text, original = filled, ""
        elif callable(template.variant):
            text, original = template.variant(filled), filled
        else:
            text, original = fill(template.variant, values), filled
        fills = tuple(dict.fromkeys(values.values()))
        out.append(
            Case(
                capability.name,
                template.id,
                template.half,
                template.kind,
                text,
                original,
                template.label,
                template.expect,
                fills,
            )
        )
    return out


def generate(half: str | None = None) -> list[Case]:
    """Every case of ``half`` ("dev" or "test"; None: both), capability by capability."""
    if half is not None and half not in HALVES:
        raise ValueError(f"half must be one of {HALVES} or None, got {half!r}")
    return [
        case
        for capability in CAPABILITIES
        for template in capability.templates
        if half is None or template.half == half
        for case in cases_of(capability, template)
    ]
