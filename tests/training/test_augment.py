"""Counterfactual and compositional augmentation on tiny self-written texts: each rule by hand-checked
examples, determinism, the behaviour test half kept out, and a training run that records its counts."""

from __future__ import annotations

import json
import random

import pytest

from sentiment.behaviour.cases import generate
from sentiment.core.checkpoint import META
from sentiment.core.text import Segmenter
from sentiment.training.augment import (
    JOINS,
    KINDS,
    NEGATORS,
    REPHRASINGS,
    TEST_PHRASES,
    augment,
    check,
    leaked,
    negate,
    phrasings,
    polarity_words,
)
from tests.synthetic import TINY_ARGS

CLEAN = [["房间", "很", "干净"]] * 5 + [["房间", "很", "脏"]] * 5  # one clause of each label
CLEAN_LABELS = [1] * 5 + [0] * 5


def test_negation_replaces_the_degree_adverb_and_flips_the_label():
    assert negate(["房间", "很", "脏"], 2, "不") == "房间不脏"
    assert negate(["很差"], 0, "不") == "不差"  # a degree adverb fused to the word
    assert negate(["价格", "太", "贵", "了"], 2, "一点也不") == "价格一点也不贵"  # and 太…了's 了
    assert negate(["太贵", "了"], 0, "没那么") == "没那么贵"
    tokens = [["东西", "很差"]] * 4 + [["东西", "很", "划算"]] * 4
    out = augment(tokens, [0] * 4 + [1] * 4, 6 * 2 * len(NEGATORS), min_count=3)
    made = {t: y for t, y, k in zip(out.texts, out.labels, out.kinds) if k == "negation"}
    assert made["东西不差"] == 1 and made["东西丝毫不划算"] == 0  # a mild positive; a negative
    assert made == {f"东西{g}差": 1 for g in NEGATORS} | {f"东西{g}划算": 0 for g in NEGATORS}


def test_every_rule_on_two_clauses_gives_exactly_the_hand_checked_texts():
    out = augment(CLEAN, CLEAN_LABELS, 6 * 2 * len(NEGATORS), min_count=3)
    made = {(k, t): y for t, y, k in zip(out.texts, out.labels, out.kinds)}
    pos, neg = "房间很干净", "房间很脏"
    negated = {("negation", f"房间{g}干净"): 0 for g in NEGATORS}
    negated |= {("negation", f"房间{g}脏"): 1 for g in NEGATORS}
    assert made == negated | {
        ("double_negation", "房间不是不干净，是真的干净"): 1,  # the label kept
        ("double_negation", "房间不是不脏，是真的脏"): 0,
        ("double_negation", f"不得不说，{pos}"): 1,
        ("double_negation", f"不得不说，{neg}"): 0,
        ("rhetorical", "难道房间不干净吗？"): 1,  # the question asserts the clause
        ("rhetorical", "谁说房间不干净？"): 1,
        ("rhetorical", "房间不干净？怎么可能"): 1,
        ("rhetorical", "难道房间不脏吗？"): 0,
        ("rhetorical", "谁说房间不脏？"): 0,
        ("rhetorical", "房间不脏？怎么可能"): 0,
        ("contrast", f"{pos}，但是{neg}"): 0,  # labelled by the clause after the connective
        ("contrast", f"{pos}，不过{neg}"): 0,
        ("contrast", f"{pos}，可惜{neg}"): 0,  # 可惜 and 就是 only before the negative clause
        ("contrast", f"{pos}，就是{neg}"): 0,
        ("contrast", f"{neg}，但是{pos}"): 1,
        ("contrast", f"{neg}，不过{pos}"): 1,
        ("concession", f"虽然{pos}，但是{neg}"): 0,
        ("concession", f"虽然{neg}，但是{pos}"): 1,
        ("concession", f"{neg}，虽然{pos}"): 0,  # the clause before 虽然 decides
        ("concession", f"{pos}，虽然{neg}"): 1,
        ("expectation", f"本以为{pos}，结果{neg}"): 0,
        ("expectation", f"本以为{neg}，结果{pos}"): 1,
    }
    assert out.counts() == {
        "negation": 2 * len(NEGATORS),
        "double_negation": 4,
        "rhetorical": 6,
        "contrast": 6,
        "concession": 4,
        "expectation": 2,
    }
    assert out.sources[out.texts.index(f"{neg}，不过{pos}")] == (neg, pos)


def test_which_texts_and_words_are_used():
    tokens = (
        [["质量", "很", "好"]] * 4  # 好 is inside test-half entries (好看): never negated
        + [["房间", "很", "干净", "，", "价格", "很", "划算"]] * 4  # two clauses, each negated alone
        + [["房间", "很", "脏"]] * 4
        + [["价格", "很", "差劲"]] * 4
        + [["服务", "不", "热情"]] * 4  # a negator already: not negated again
        + [["但是", "很", "脏"]]  # a connective: neither negated nor joined
    )
    labels = [1] * 8 + [0] * 13
    polarity = polarity_words(tokens, labels, min_count=3)
    assert {"好", "干净", "划算", "脏", "差劲"} <= polarity.marks.keys() and "很" not in polarity.marks
    assert "好" not in polarity.negatable and {"干净", "划算", "脏", "差劲"} <= polarity.negatable.keys()
    out = augment(tokens, labels, 400, min_count=3)
    negated = {t: y for t, y, k in zip(out.texts, out.labels, out.kinds) if k == "negation"}
    assert {"房间不干净": 0, "价格不划算": 0, "房间不脏": 1, "价格不差劲": 1}.items() <= negated.items()
    assert len(negated) == 4 * len(NEGATORS)  # four clauses, each negator
    assert not any("好" in t or "热情" in t or "但是" in t for t in out.texts if not t.count("，"))
    assert not any("但是很脏" in t or "服务" in t for t in out.texts)


SUBJECTS, POS, NEG = ["房间", "价格", "屏幕", "外观", "床单"], ["干净", "划算", "漂亮"], ["脏", "贵", "失望"]


def test_the_same_seed_gives_the_same_texts_and_another_seed_others():
    rng = random.Random(0)
    tokens, labels = [], []
    for i in range(300):
        label = i % 2
        degree = rng.choice(["很", "非常", "太"])
        tokens.append([rng.choice(SUBJECTS), degree, rng.choice(POS if label else NEG)])
        labels.append(label)
    first, again, other = (augment(tokens, labels, 120, seed=s, min_count=3) for s in (1, 1, 2))
    assert first == again and first.texts != other.texts
    assert sum(first.counts().values()) == 120 and len(set(first.texts)) == 120
    for kind in KINDS:  # balanced labels within each kind
        assert sum(y for y, k in zip(first.labels, first.kinds) if k == kind) * 2 == first.counts()[kind]
    seen = {"".join(t) for t in tokens}
    assert not seen & set(first.texts)  # never a training text again


def test_no_polarity_word_touches_a_test_half_lexicon_entry():
    from sentiment.behaviour.lexicons import LEXICONS

    entries = {e for lexicon in LEXICONS.values() for e in lexicon.test}
    words = ["精致", "结实", "粗糙", "鸡肋", "致", "干净", "脏"]  # the first five: entries or inside one
    tokens = [["做工", "很", w] for w in words for _ in range(4)]
    labels = [int(w in ("精致", "结实", "致", "干净")) for w in words for _ in range(4)]
    polarity = polarity_words(tokens, labels, min_count=3)
    assert set(words) <= polarity.marks.keys()
    assert set(polarity.negatable) == {"干净", "脏"}
    assert not any(w in e or e in w for w in polarity.negatable for e in entries)


def test_negators_and_connectives_are_not_test_half_phrasing():
    test_phrasings = {"并不", "完全不", "一点都不", "不怎么", "不太", "没有想象中那么", "虽说", "还以为"}
    assert test_phrasings <= set(TEST_PHRASES)
    assert {"好看", "可是", "然而", "只是"} <= set(TEST_PHRASES)  # lexicon entries too
    inserted = list(NEGATORS) + [p.format(a="", b="") for kind in JOINS.values() for p, _ in kind]
    blanks = dict(negated="不", double="不是不", word="", clause="")
    inserted += [p.format(**blanks) for kind in REPHRASINGS.values() for p in kind]
    assert not [(m, p) for m in inserted for p in TEST_PHRASES if p in m.replace("，", "")]
    assert {"一点也不", "不是不", "但是", "虽然", "本以为", "结果", "难道"} <= set(phrasings())
    assert not [(m, p) for m in phrasings() for p in TEST_PHRASES if p in m]


def test_leaked_names_what_a_text_brings_in_from_the_test_half():
    assert leaked("这个并不好", ["这个并好"]) == ["并不"]  # made across the insertion
    assert leaked("这个并不好", ["这个并不差"]) == []  # already in its source
    assert leaked("外观很好看，但是很贵", ["外观很漂亮", "很贵"]) == ["好看"]
    case = next(c.text for c in generate("test") if c.kind == "MFT")
    assert leaked(case, [case]) == [case]  # a test-half case, whatever its sources


def test_augmenting_the_suites_own_texts_makes_no_test_half_case():
    """The hardest input: both halves' labelled cases as training texts."""
    segmenter = Segmenter()
    cases = [c for c in generate() if c.kind == "MFT"]
    tokens, labels = [segmenter.cut(c.text) for c in cases], [c.label for c in cases]
    out = augment(tokens, labels, 2000, min_count=3)
    assert all(out.counts().values())
    assert check(out) == []
    test_texts = {c.text for c in generate("test")} | {c.original for c in generate("test")}
    assert not test_texts & set(out.texts)


@pytest.fixture(scope="module")
def adjective_csv(tmp_path_factory):
    """A corpus whose sentiment words can be negated (the shared synthetic one's are test-half words)."""
    rng = random.Random(4)
    rows = []
    for i in range(400):
        label = i % 2
        degree = rng.choice(["很", "非常", "特别"])
        text = f"{rng.choice(SUBJECTS)}{degree}{rng.choice(POS if label else NEG)}"
        rows.append(f"x,{label},{text}，{rng.choice(['', '下次再来', '说实话'])}")
    path = tmp_path_factory.mktemp("adjectives") / "reviews.csv"
    path.write_text("cat,label,review\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_training_adds_augmented_texts_to_the_network_only_and_records_them(tmp_path, adjective_csv):
    from sentiment.core.checkpoint import load_checkpoint
    from sentiment.training.train import main

    out = tmp_path / "augmented"
    main(["--table", str(adjective_csv), "--out", str(out), *TINY_ARGS, "--augment", "42"])
    meta = json.loads((out / META).read_text())
    assert meta["augmented"] == dict.fromkeys(
        ("negation", "double_negation", "rhetorical", "contrast", "concession", "expectation"), 7
    )
    assert meta["train"]["augment"] == 42
    vocab = load_checkpoint(out).vectors.key_to_index
    assert "以为" not in vocab and "不过" not in vocab  # Word2Vec (min count 1) never read 本以为, 不过 ...
    assert "干净" in vocab
