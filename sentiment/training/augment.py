"""Counterfactual and compositional augmentation from the training texts (Kaushik et al., ICLR 2020).

A model trained on reviews alone reads 不 and 没有 as negative cue words and the first clause of a
contrast as much as the last; texts that differ from a training text only in a negation or a
connective teach it order.
Built from the train split only, deterministically given a seed, in six kinds:

- ``negation``: a short one-clause text with one polarity word of its own label and no negator gets a
  negator in front of that word (replacing a degree adverb: 质量很差 -> 质量不差), label flipped;
- ``double_negation``: such a clause with 不是不 in front of the word and the word affirmed after it
  (质量不是不好，是真的好), or after 不得不说 (a negation that negates nothing), label kept;
- ``rhetorical``: the negated clause as a rhetorical question (难道质量不好吗？, 谁说质量不好？,
  质量不好？怎么可能), which asserts the clause's own label;
- ``contrast``: two short one-clause texts of opposite labels joined by 但是 or 不过 (可惜 and 就是 only
  before a negative clause), labelled by the clause after the connective;
- ``concession``: 虽然 A，但是 B or B，虽然 A, labelled by B;
- ``expectation``: 本以为 A，结果 B, labelled by B.

The behaviour suite's test half stays unseen: no polarity word is, contains or is contained in a
test-half lexicon entry, no negator or connective contains a test-half template's literal text, a text
is dropped if it has a test-half phrase that none of its sources has, and no test-half case is made.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sentiment.behaviour.capabilities import CAPABILITIES
from sentiment.behaviour.cases import SLOT, generate
from sentiment.behaviour.lexicons import LEXICONS
from sentiment.core.text import dedup_key, normalize

KINDS = ("negation", "double_negation", "rhetorical", "contrast", "concession", "expectation")
NEGATORS = ("不", "一点也不", "没那么", "一点儿也不", "丝毫不", "绝对不", "不那么")
# 并不, 完全不, 一点都不, 根本不, 不怎么, 不太 are test-half phrasings
REPHRASINGS = {  # kind -> patterns over the clause negated by 不 ({negated}), its polarity word ({word})
    # and the clause itself ({clause}); 并非不, 而是相当, 难道还不够 and 不得不承认 are test-half phrasings
    "double_negation": ("{double}，是真的{word}", "不得不说，{clause}"),
    "rhetorical": ("难道{negated}吗？", "谁说{negated}？", "{negated}？怎么可能"),
}
DEGREE = ("非常", "特别", "十分", "超级", "相当", "比较", "很", "太", "挺", "真", "超", "蛮")
NEGATION_CHARS = "不没未无否"  # a token with one of these already negates (不错, 没有, 无法)
NEGATION_WORDS = ("别", "非", "莫", "甭", "勿", "难道")
CONNECTIVE_WORDS = frozenset(
    "但 但是 不过 可是 然而 只是 可惜 就是 虽然 虽说 尽管 以为 本以为 结果 没想到 却 而且 并且".split()
)
JOINS = {  # kind -> (pattern, labels of the deciding clause it suits)
    "contrast": (
        ("{a}，但是{b}", (0, 1)),
        ("{a}，不过{b}", (0, 1)),
        ("{a}，可惜{b}", (0,)),  # 可惜 and 就是 only before a complaint
        ("{a}，就是{b}", (0,)),
    ),
    "concession": (("虽然{a}，但是{b}", (0, 1)), ("{b}，虽然{a}", (0, 1))),
    "expectation": (("本以为{a}，结果{b}", (0, 1)),),
}
MAX_TOKENS = 12  # a short text: one clause of at most this many words


def _literal_keys(patterns: Iterable[str]) -> set[str]:
    """The patterns' text between their {slots}, as keys (``dedup_key``)."""
    return {dedup_key(piece) for p in patterns for piece in SLOT.sub("\x00", p).split("\x00")}


def _test_half_phrases() -> tuple[str, ...]:
    """The test half's lexicon entries and its templates' literal text (two letters or more), as keys."""
    entries = {dedup_key(e) for lexicon in LEXICONS.values() for e in lexicon.test}
    literals = set()
    for capability in CAPABILITIES:
        for template in capability.templates:
            if template.half != "test":
                continue
            patterns = [template.pattern] + ([template.variant] if isinstance(template.variant, str) else [])
            literals |= _literal_keys(patterns)
    return tuple(sorted(p for p in entries | literals if len(p) >= 2))


def phrasings() -> tuple[str, ...]:
    """What the augmentation writes into texts besides their own clauses, as keys of two letters or more:
    its negators and its patterns' literal text. A behaviour case that holds one reads a phrasing the
    training texts were taught; ``measure.select`` scores those cases apart from the others."""
    patterns = [p for kind in JOINS.values() for p, _ in kind]
    patterns += [p for kind in REPHRASINGS.values() for p in kind]
    keys = _literal_keys(patterns) | {dedup_key(n) for n in (*NEGATORS, "不是不")}
    return tuple(sorted(k for k in keys if len(k) >= 2))


TEST_ENTRIES = tuple(sorted({normalize(e) for lexicon in LEXICONS.values() for e in lexicon.test}))
TEST_PHRASES = _test_half_phrases()
TEST_CASES = frozenset(dedup_key(c.text) for c in generate("test")) | frozenset(
    dedup_key(c.original) for c in generate("test") if c.original
)


@dataclass
class Augmentation:
    """Augmented texts (plain strings, to be segmented like any text), their labels and kinds, and the
    training texts each was made from."""

    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    sources: list[tuple[str, ...]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many texts of each kind, every kind named."""
        found = Counter(self.kinds)
        return {kind: found[kind] for kind in KINDS}


@dataclass(frozen=True)
class Polarity:
    """``marks``: every word that marks a label in the training texts, and that label; ``graded``: those
    read after a degree adverb (sentiment words rather than topics); ``negatable``: those of them a
    negator may be put in front of."""

    marks: dict[str, int]
    graded: dict[str, int]
    negatable: dict[str, int]


def polarity_words(
    tokens: Sequence[Sequence[str]],
    labels: Sequence[int],
    min_count: int = 20,
    min_ratio: float = 1.0,
    top: int = 800,
    min_graded: float = 0.08,
) -> Polarity:
    """Words that mark a label: in at least ``min_count`` texts, with a smoothed log-count ratio
    (documents, add one) at least ``min_ratio`` in absolute value; no degree adverb or punctuation.

    Graded: after a degree adverb (很, 太, ...) in at least ``min_graded`` of their texts (so 不 in front
    reads as Chinese: 很失望 but not 很差评), or with one fused to their front (很差). Negatable: the
    ``top`` strongest graded words of each polarity made of Chinese characters with no negation in
    them, none that is, contains or is contained in a test-half lexicon entry.
    """
    pos, neg, graded = Counter(), Counter(), Counter()
    for words, label in zip(tokens, labels):
        (pos if label else neg).update(set(words))
        graded.update({w for before, w in zip(words, words[1:]) if before in DEGREE})
    n_pos, n_neg = sum(1 for y in labels if y), sum(1 for y in labels if not y)
    marks, graded_marks, scored = {}, {}, []
    for word in sorted(pos.keys() | neg.keys()):
        count = pos[word] + neg[word]
        ratio = math.log((pos[word] + 1) / (n_pos + 1)) - math.log((neg[word] + 1) / (n_neg + 1))
        if count < min_count or abs(ratio) < min_ratio or word in DEGREE or not _is_word(word):
            continue
        marks[word] = int(ratio > 0)
        fused = _core(word) != word
        if _core(word) in DEGREE or not (fused or graded[word] >= max(min_graded * count, 1)):
            continue
        graded_marks[word] = marks[word]
        if _eligible(word):
            scored.append((-abs(ratio), word, marks[word]))
    negatable = {}
    for label in (0, 1):
        negatable |= {w: y for _, w, y in sorted(s for s in scored if s[2] == label)[:top]}
    return Polarity(marks, graded_marks, dict(sorted(negatable.items())))


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


def _eligible(word: str) -> bool:
    if not all("\u4e00" <= c <= "\u9fff" for c in word) or _negates(word) or word in DEGREE:
        return False
    return not any(word in e or e in word for e in TEST_ENTRIES)


def _negates(word: str) -> bool:
    return (
        any(c in word for c in NEGATION_CHARS)
        or word in NEGATION_WORDS
        or (word.startswith("非") and word != "非常")
    )


def _core(word: str) -> str:
    """The word without a degree adverb fused to its front (很差 -> 差, 太好了 -> 好)."""
    for d in DEGREE:
        if word.startswith(d) and len(word) > len(d):
            core = word[len(d) :]
            return core[:-1] if d == "太" and core.endswith("了") and len(core) > 1 else core
    return word


def clauses(words: Sequence[str]) -> list[list[str]]:
    """The text's clauses: its runs of words between punctuation, those of at most ``MAX_TOKENS``."""
    runs, run = [], []
    for token in [*words, ""]:
        if _is_word(token):
            run.append(token)
        elif run:
            runs.append(run)
            run = []
    return [r for r in runs if len(r) <= MAX_TOKENS]


def negate(words: Sequence[str], at: int, negator: str) -> str:
    """The words with ``negator`` in place of the degree adverb before word ``at`` or fused to it (and
    the 了 of 太…了)."""
    words = list(words)
    core = _core(words[at])
    tai = words[at].startswith("太") if core != words[at] else words[at - 1] == "太"
    if tai and at + 1 < len(words) and words[at + 1] == "了":
        del words[at + 1]
    if core != words[at]:
        words[at] = negator + core
    else:
        words[at - 1 : at + 1] = [negator + words[at]]
    return "".join(words)


def leaked(text: str, sources: Iterable[str]) -> list[str]:
    """The behaviour test half's material ``text`` brings in: itself if it is a test-half case, else
    the test-half phrases (lexicon entries, template literal text) it has and none of its sources has."""
    key = dedup_key(text)
    if key in TEST_CASES:
        return [text]
    source_keys = [dedup_key(s) for s in sources]
    return [p for p in TEST_PHRASES if p in key and not any(p in s for s in source_keys)]


def check(augmentation: Augmentation) -> list[str]:
    """The augmented texts that bring in test-half material (empty when the augmentation is clean)."""
    return [t for t, s in zip(augmentation.texts, augmentation.sources) if leaked(t, s)]


def augment(
    tokens: Sequence[Sequence[str]],
    labels: Sequence[int],
    n: int,
    seed: int = 0,
    avoid: Iterable[str] = (),
    **options: float,
) -> Augmentation:
    """Up to ``n`` augmented texts from the training texts' words and labels, split evenly across
    ``KINDS`` and balanced between labels within each kind; none equal to a training text or to one of
    ``avoid`` (the validation and test texts). ``options`` go to ``polarity_words``.

    The material is the training texts' clauses (``clauses``) that carry their text's label (a graded
    polarity word of that label, no polarity word of the other) and no connective."""
    if n <= 0:
        return Augmentation()
    polarity = polarity_words(tokens, labels, **options)
    rng = random.Random(seed)
    seen = {dedup_key(t) for t in avoid} | {dedup_key("".join(t)) for t in tokens}
    found: dict[str, set[int]] = {}
    for words, label in zip(tokens, labels):
        for run in clauses(words):
            marks = {polarity.marks[w] for w in run if w in polarity.marks}
            if marks == {int(label)} and int(label) in {polarity.graded.get(w) for w in run}:
                if CONNECTIVE_WORDS & set(run):
                    continue
                found.setdefault("\x00".join(run), set()).add(int(label))
    polar = [(key.split("\x00"), next(iter(y))) for key, y in found.items() if len(y) == 1]
    out = Augmentation()
    for i, kind in enumerate(KINDS):
        share = n // len(KINDS) + (i < n % len(KINDS))
        if kind == "negation":
            made = _negations(polar, polarity, rng)
        elif kind in REPHRASINGS:
            made = _rephrasings(kind, polar, polarity, rng)
        else:
            made = _joins(kind, polar, rng, share)
        wanted = {0: share // 2, 1: share - share // 2}  # per label, so that a skipped text keeps the balance
        for text, label, sources in made:
            if not any(wanted.values()):
                break
            key = dedup_key(text)
            if not wanted[label] or key in seen or leaked(text, sources):
                continue
            seen.add(key)
            out.texts.append(text)
            out.labels.append(label)
            out.kinds.append(kind)
            out.sources.append(sources)
            wanted[label] -= 1
    return out


def _negations(polar, polarity: Polarity, rng: random.Random):
    """Negated clauses, label flipped: each clause with each negator (``_rewrites``)."""
    yield from _rewrites(
        polar, polarity, rng, lambda words, at: [negate(words, at, g) for g in NEGATORS], flip=True
    )


def _rephrasings(kind: str, polar, polarity: Polarity, rng: random.Random):
    """Clauses rephrased by the kind's ``REPHRASINGS`` patterns, which keep the clause's label."""

    def texts(words, at):
        fill = dict(negated=negate(words, at, "不"), double=negate(words, at, "不是不"))
        fill.update(word=_core(words[at]), clause="".join(words))
        return [pattern.format(**fill) for pattern in REPHRASINGS[kind]]

    yield from _rewrites(polar, polarity, rng, texts, flip=False)


def _rewrites(polar, polarity: Polarity, rng: random.Random, rewrite, flip: bool):
    """``rewrite(words, at)``'s texts for each clause with no negator and one polarity word (at
    ``at``), negatable and after a degree adverb or fused to one; labelled by the clause, flipped when
    ``flip``; alternating between the two labels, and each clause once, in a random variant, before
    any clause gets its second."""
    rounds: dict[int, list[list]] = {0: [], 1: []}
    for words, label in polar:
        marked = [i for i, w in enumerate(words) if w in polarity.marks]
        if len(marked) != 1 or any(_negates(w) for w in words):
            continue
        at = marked[0]
        graded = _core(words[at]) != words[at] or (at > 0 and words[at - 1] in DEGREE)
        if words[at] not in polarity.negatable or not graded:
            continue
        source = "".join(words)
        variants = rewrite(words, at)
        rounds[label].append([(v, label ^ flip, (source,)) for v in rng.sample(variants, len(variants))])
    by_label = []
    for label in (0, 1):
        rng.shuffle(rounds[label])
        width = max((len(v) for v in rounds[label]), default=0)
        by_label.append([variants[r] for r in range(width) for variants in rounds[label]])
    for pair in zip(*by_label):
        yield from pair


def _joins(kind: str, polar, rng: random.Random, share: int):
    """Random pairs of clauses of opposite labels joined by one of the kind's patterns, labelled by clause
    ``b`` (the one after the connective, or before 虽然), alternating between the two labels."""
    pools: dict[int, list[str]] = {0: [], 1: []}
    for words, label in polar:
        pools[label].append("".join(words))
    if not pools[0] or not pools[1]:
        return
    for attempt in range(20 * share + 100):
        label = attempt % 2
        pattern = rng.choice([p for p, suits in JOINS[kind] if label in suits])
        a, b = rng.choice(pools[1 - label]), rng.choice(pools[label])
        yield pattern.format(a=a, b=b), label, (a, b)
