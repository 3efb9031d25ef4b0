"""The capabilities of the behavioural suite: templates per capability, each of one kind and one half.

Three kinds of test, as in CheckList (Ribeiro et al., ACL 2020): MFT (minimum functionality, the text
has a known label), INV (invariance, a perturbation must not change the verdict) and DIR (direction,
the perturbation must move P(positive) one way). ``{slot}`` fills from ``lexicons.LEXICONS[slot]``;
``{slot2}`` is a second, different entry of the same list. A template belongs to the dev or the test
half; every label was read as a native reader would and kept only when unambiguous.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .perturb import ascii_punctuation, fullwidth, spaced

POS, NEG = 1, 0
DIRECTIONS = ("up", "down", "not_down", "not_up")  # how P(positive) must move from original to variant
Variant = str | Callable[[str], str]


@dataclass(frozen=True)
class Template:
    """One template: ``pattern`` is the text (MFT) or the original (INV, DIR); ``variant`` the
    perturbed text, as a pattern or a function of the filled original."""

    half: str
    kind: str
    pattern: str
    label: int | None = None
    variant: Variant | None = None
    expect: str | None = None
    id: str = ""


@dataclass(frozen=True)
class Capability:
    name: str
    title: tuple[str, str]  # Chinese, English
    templates: tuple[Template, ...]


def mft(half: str, pattern: str, label: int) -> Template:
    return Template(half, "MFT", pattern, label=label)


def inv(half: str, pattern: str, variant: Variant) -> Template:
    return Template(half, "INV", pattern, variant=variant)


def direction(half: str, pattern: str, variant: str, expect: str) -> Template:
    if expect not in DIRECTIONS:
        raise ValueError(f"expect must be one of {DIRECTIONS}, got {expect!r}")
    return Template(half, "DIR", pattern, variant=variant, expect=expect)


def capability(name: str, title: tuple[str, str], *templates: Template) -> Capability:
    """A capability whose templates get the ids ``name/1``, ``name/2``, ..."""
    named = tuple(replace(t, id=f"{name}/{i}") for i, t in enumerate(templates, 1))
    return Capability(name, title, named)


CAPABILITIES: tuple[Capability, ...] = (
    capability(
        "negated_positive",
        ("否定正面词", "Negated positive"),
        mft("dev", "{subject}不{pos_adj}", NEG),
        mft("dev", "{subject}一点也不{pos_adj}", NEG),
        mft("dev", "{subject}用了{duration}，{neg_rec}", NEG),
        direction("dev", "{subject}很{pos_adj}", "{subject}不{pos_adj}", "down"),
        mft("test", "{subject}并不{pos_adj}", NEG),
        mft("test", "{subject}没有想象中那么{pos_adj}", NEG),
        mft("test", "{subject}不怎么{pos_adj}", NEG),
        mft("test", "买了{subject}，{neg_rec}", NEG),
        direction("test", "{subject}挺{pos_adj}的", "{subject}不太{pos_adj}", "down"),
    ),
    capability(
        "negated_negative",
        ("否定负面词", "Negated negative"),
        mft("dev", "{subject}一点也不{neg_adj}", POS),
        mft("dev", "{subject}用了{duration}，{no_problem}", POS),
        direction("dev", "{subject}很{neg_adj}", "{subject}不{neg_adj}", "up"),
        mft("test", "{subject}完全不{neg_adj}", POS),
        mft("test", "{subject}一点都不{neg_adj}", POS),
        mft("test", "入手{subject}{duration}了，{no_problem}", POS),
        direction("test", "{subject}有点{neg_adj}", "{subject}一点都不{neg_adj}", "up"),
    ),
    capability(
        "double_negation",
        ("双重否定", "Double negation"),
        mft("dev", "{subject}不是不{pos_adj}，是非常{pos_adj}", POS),
        mft("dev", "{subject}用了{duration}，没有不满意的地方", POS),
        mft("dev", "{subject}没有一处不让人满意", POS),
        mft("dev", "不得不说，{subject}太不{pos_adj}了", NEG),
        mft("test", "{subject}没有哪里不{pos_adj}的", POS),
        mft("test", "{subject}并非不{pos_adj}，而是相当{pos_adj}", POS),
        mft("test", "不得不承认，{subject}确实{pos_adj}", POS),
        mft("test", "买了{subject}，没有一天不后悔的", NEG),
    ),
    capability(
        "contrast",
        ("转折", "Contrast"),
        mft("dev", "{minor_pos}，{contrast}{overall_neg}", NEG),
        mft("dev", "{minor_neg}，{contrast}{overall_pos}", POS),
        mft("dev", "{minor_pos}，{caveat}{overall_neg}", NEG),
        direction("dev", "{overall_pos}", "{overall_pos}，{contrast}{minor_neg}", "down"),
        direction("dev", "{overall_neg}", "{overall_neg}，{contrast}{minor_pos}", "up"),
        mft("test", "{minor_pos}，这点没得说，{contrast}{overall_neg}", NEG),
        mft("test", "说实话{minor_neg}，{contrast}{overall_pos}", POS),
        mft("test", "{minor_pos}，{caveat}{subject}{overall_neg}", NEG),
        direction("test", "{overall_pos}。", "{overall_pos}。{contrast}{minor_neg}。", "down"),
        direction("test", "{overall_neg}。", "{overall_neg}。{contrast}{minor_pos}。", "up"),
    ),
    capability(
        "concession",
        ("让步", "Concession"),
        mft("dev", "虽然{minor_neg}，但是{overall_pos}", POS),
        mft("dev", "虽然{minor_pos}，但是{overall_neg}", NEG),
        mft("dev", "{overall_pos}，虽然{minor_neg}", POS),
        mft("test", "尽管{minor_neg}，{overall_pos}", POS),
        mft("test", "虽说{minor_pos}，但{overall_neg}", NEG),
        mft("test", "{overall_neg}，尽管{minor_pos}", NEG),
    ),
    capability(
        "expectation",
        ("预期反转", "Expectation reversal"),
        mft("dev", "本以为{expect_neg}，结果{outcome_pos}", POS),
        mft("dev", "本以为{expect_pos}，结果{outcome_neg}", NEG),
        mft("dev", "原以为{subject}{expect_neg}，没想到{outcome_pos}", POS),
        mft("test", "还以为{expect_neg}，谁知{outcome_pos}", POS),
        mft("test", "原本以为{subject}{expect_pos}，没想到{outcome_neg}", NEG),
        mft("test", "买之前担心{expect_neg}，用了才发现{outcome_pos}", POS),
    ),
    capability(
        "intensity",
        ("程度副词", "Intensity"),
        direction("dev", "{subject}{pos_adj}", "{subject}{degree}{pos_adj}", "not_down"),
        direction("dev", "{subject}{neg_adj}", "{subject}{degree}{neg_adj}", "not_up"),
        direction("dev", "{subject}还算{pos_adj}", "{subject}{degree}{pos_adj}", "up"),
        direction("dev", "{subject}很{pos_adj}", "{subject}还算{pos_adj}", "not_up"),
        direction("test", "{subject}有点{neg_adj}", "{subject}{degree}{neg_adj}", "not_up"),
        direction("test", "{subject}挺{pos_adj}的", "{subject}{degree}{pos_adj}", "not_down"),
        direction("test", "{subject}{neg_adj}", "{subject}稍微有点{neg_adj}", "not_down"),
    ),
    capability(
        "comparison",
        ("比较", "Comparison"),
        mft("dev", "{subject}比{previous}{pos_adj}多了", POS),
        mft("dev", "{subject}不如{previous}{pos_adj}", NEG),
        mft("dev", "{subject}比{previous}差远了", NEG),
        mft("dev", "{subject}和{previous}一样{pos_adj}", POS),
        mft("test", "{subject}没有{previous}{pos_adj}", NEG),
        mft("test", "和{previous}比，{subject}{pos_adj}太多了", POS),
        mft("test", "{subject}比{previous}还{neg_adj}", NEG),
        mft("test", "{subject}远不如{previous}", NEG),
    ),
    capability(
        "food",
        ("领域：餐饮", "Domain: food"),
        mft("dev", "这家店的{dish}{food_pos}", POS),
        mft("dev", "这家店的{dish}{food_neg}", NEG),
        mft("dev", "点了{dish}，{food_neg}", NEG),
        mft("test", "尝了他们家的{dish}，{food_pos}", POS),
        mft("test", "尝了他们家的{dish}，{food_neg}", NEG),
        mft("test", "外卖点的{dish}{food_pos}", POS),
    ),
    capability(
        "film",
        ("领域：影视", "Domain: films"),
        mft("dev", "{film}{film_pos}", POS),
        mft("dev", "{film}{film_neg}", NEG),
        mft("dev", "昨晚看了{film}，{film_pos}", POS),
        mft("test", "周末去看了{film}，{film_pos}", POS),
        mft("test", "周末去看了{film}，{film_neg}", NEG),
        mft("test", "看完{film}只想说：{film_neg}", NEG),
    ),
    capability(
        "hotel",
        ("领域：酒店", "Domain: hotels"),
        mft("dev", "{hotel}{hotel_pos}", POS),
        mft("dev", "{hotel}{hotel_neg}", NEG),
        mft("dev", "入住{hotel}，{hotel_neg}", NEG),
        mft("test", "在{hotel}住了一晚，{hotel_pos}", POS),
        mft("test", "在{hotel}住了一晚，{hotel_neg}", NEG),
        mft("test", "出差住的{hotel}，{hotel_pos}", POS),
    ),
    capability(
        "app",
        ("领域：应用", "Domain: apps"),
        mft("dev", "{app}{app_pos}", POS),
        mft("dev", "{app}{app_neg}", NEG),
        mft("dev", "更新之后{app}{app_neg}", NEG),
        mft("test", "用了一段时间{app}，{app_pos}", POS),
        mft("test", "用了一段时间{app}，{app_neg}", NEG),
        mft("test", "手机上装了{app}，{app_pos}", POS),
    ),
    capability(
        "service",
        ("领域：服务", "Domain: services"),
        mft("dev", "{staff}{service_pos}", POS),
        mft("dev", "{staff}{service_neg}", NEG),
        mft("dev", "找了{staff}，{service_pos}", POS),
        mft("test", "这次的{staff}{service_pos}", POS),
        mft("test", "这次的{staff}{service_neg}", NEG),
        mft("test", "联系{staff}好几次，{service_neg}", NEG),
    ),
    capability(
        "rhetorical",
        ("反问", "Rhetorical questions"),
        mft("dev", "{subject}难道不{pos_adj}吗？", POS),
        mft("dev", "这样的{product}也叫{pos_adj}？", NEG),
        mft("dev", "还有比这更{neg_adj}的{product}吗？", NEG),
        mft("dev", "这么{pos_adj}的{product}，怎么可能不推荐？", POS),
        mft("test", "{subject}哪里{pos_adj}了？", NEG),
        mft("test", "这么{pos_adj}的{product}，谁会不喜欢呢？", POS),
        mft("test", "这种{product}谁会买第二次？", NEG),
        mft("test", "{subject}难道还不够{pos_adj}吗？", POS),
    ),
    capability(
        "slang",
        ("网络用语与表情", "Slang and emoji"),
        mft("dev", "{subject}，{slang_pos}", POS),
        mft("dev", "{subject}，{slang_neg}", NEG),
        mft("dev", "{subject}{emoji_pos}", POS),
        mft("dev", "{subject}{emoji_neg}", NEG),
        mft("test", "刚入手{subject}，{slang_pos}", POS),
        mft("test", "刚入手{subject}，{slang_neg}", NEG),
        mft("test", "收到{subject}了{emoji_pos}", POS),
        mft("test", "收到{subject}了{emoji_neg}", NEG),
    ),
    capability(
        "inv_entities",
        ("不变：人名、地名、数字", "Invariance: names, places, numbers"),
        inv("dev", "给{name}买的，{review}", "给{name2}买的，{review}"),
        inv("dev", "{review}，{price}元买的", "{review}，{price2}元买的"),
        inv("dev", "寄到{city}的，{review}", "寄到{city2}的，{review}"),
        inv("test", "{city}发的货，{review}", "{city2}发的货，{review}"),
        inv("test", "{name}推荐我买的，{review}", "{name2}推荐我买的，{review}"),
        inv("test", "{review}，{price}块入手的", "{review}，{price2}块入手的"),
    ),
    capability(
        "inv_surface",
        ("不变：标点、全角、表情", "Invariance: punctuation, full width, emoji"),
        inv("dev", "{review}", "{review}！！！"),
        inv("dev", "{review}", "{review}{emoji_neutral}"),
        inv("dev", "{review}", spaced),
        inv("dev", "{model}，{review}", fullwidth),
        inv("test", "{review}", "{review}……"),
        inv("test", "{review}", "{emoji_neutral}{review}"),
        inv("test", "{review}", ascii_punctuation),
        inv("test", "型号{model}，{review}", fullwidth),
    ),
    capability(
        "inv_neutral",
        ("不变：加一句中性话", "Invariance: a neutral clause added"),
        inv("dev", "{review}", "{neutral}，{review}"),
        inv("dev", "{review}", "{review}，{neutral}"),
        inv("test", "{review}", "{neutral}。{review}"),
        inv("test", "{review}", "{review}。另外，{neutral}"),
    ),
)
