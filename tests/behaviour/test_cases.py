"""Hand-checked cases of the behavioural suite: each text, read as a native reader would, with the
outcome the suite expects of it. A change to a template or a lexicon that moves one of them fails here."""

from __future__ import annotations

import pytest

from sentiment.behaviour.cases import generate
from sentiment.behaviour.report import expected

P, N = "positive", "negative"
PINNED = [  # (capability, original or "", text, expected outcome)
    ("negated_positive", "", "这台电脑不好用", N),
    ("negated_positive", "", "这台电脑一点也不好用", N),
    ("negated_positive", "", "这台电脑用了一周，不推荐购买", N),
    ("negated_positive", "这台电脑很好用", "这台电脑不好用", "down"),
    ("negated_positive", "", "这个鼠标并不好看", N),
    ("negated_positive", "", "这个鼠标没有想象中那么好看", N),
    ("negated_positive", "", "这个鼠标不怎么好看", N),
    ("negated_negative", "", "这台电脑一点也不贵", P),
    ("negated_negative", "", "这台电脑用了一周，没有任何问题", P),
    ("negated_negative", "这台电脑很贵", "这台电脑不贵", "up"),
    ("negated_negative", "", "入手这个鼠标半个月了，从没出过问题", P),
    ("negated_negative", "这个鼠标有点廉价", "这个鼠标一点都不廉价", "up"),
    ("double_negation", "", "这台电脑不是不好用，是非常好用", P),
    ("double_negation", "", "这台电脑没有一处不让人满意", P),
    ("double_negation", "", "不得不说，这台电脑太不好用了", N),
    ("double_negation", "", "这个鼠标没有哪里不好看的", P),
    ("double_negation", "", "买了这个鼠标，没有一天不后悔的", N),
    ("contrast", "", "物流很快，但是用了两天就坏了", N),
    ("contrast", "", "包装有点简陋，但是质量真的很好", P),
    ("contrast", "", "物流很快，可惜用了两天就坏了", N),
    ("contrast", "总体很满意", "总体很满意，但是价格有点贵", "down"),
    ("contrast", "质量太差了", "质量太差了，但是外观很漂亮", "up"),
    ("contrast", "", "说实话说明书不太清楚，可是东西确实好用", P),
    ("concession", "", "虽然包装有点简陋，但是质量真的很好", P),
    ("concession", "", "总体很满意，虽然价格有点贵", P),
    ("concession", "", "做工差得离谱，尽管颜色挺好看", N),
    ("expectation", "", "本以为便宜没好货，结果质量超出预期", P),
    ("expectation", "", "本以为是大牌质量，结果和图片差太多", N),
    ("expectation", "", "原本以为这个鼠标能用很久，没想到一周就坏了", N),
    ("intensity", "这台电脑好用", "这台电脑非常好用", "not_down"),
    ("intensity", "这台电脑贵", "这台电脑非常贵", "not_up"),
    ("intensity", "这台电脑还算好用", "这台电脑非常好用", "up"),
    ("intensity", "这个鼠标廉价", "这个鼠标稍微有点廉价", "not_down"),
    ("comparison", "", "这台电脑比上一代好用多了", P),
    ("comparison", "", "这台电脑不如上一代好用", N),
    ("comparison", "", "这个鼠标没有上次买的好看", N),
    ("comparison", "", "这个鼠标远不如上次买的", N),
    ("food", "", "点了火锅，送到都凉了", N),
    ("food", "", "外卖点的炒饭口感很好", P),
    ("film", "", "这部剧浪费时间", N),
    ("film", "", "周末去看了这部新片，看哭了好几次", P),
    ("hotel", "", "入住这家民宿，空调坏了", N),
    ("hotel", "", "在这家客栈住了一晚，位置很方便", P),
    ("app", "", "更新之后这款游戏老是闪退", N),
    ("app", "", "用了一段时间这个App，功能很齐全", P),
    ("service", "", "店员一直推卸责任", N),
    ("service", "", "这次的工作人员解决问题很快", P),
    ("rhetorical", "", "这台电脑难道不好用吗？", P),
    ("rhetorical", "", "这样的电脑也叫好用？", N),
    ("rhetorical", "", "这种鼠标谁会买第二次？", N),
    ("rhetorical", "", "这么顺手的充电宝，谁会不喜欢呢？", P),
    ("slang", "", "这台电脑，yyds", P),
    ("slang", "", "这台电脑😡", N),
    ("slang", "", "刚入手这个鼠标，无语了", N),
    ("inv_entities", "给张伟买的，质量太差，很失望", "给小王买的，质量太差，很失望", "same"),
    ("inv_surface", "iPad Air，质量很好，非常满意", "ｉＰａｄ　Ａｉｒ，质量很好，非常满意", "same"),
    ("inv_surface", "做工粗糙，后悔买了", "做工粗糙,后悔买了", "same"),
    ("inv_neutral", "做工粗糙，后悔买了", "给家里人买的。做工粗糙，后悔买了", "same"),
]


@pytest.fixture(scope="module")
def by_text():
    return {(c.original, c.text): c for c in generate()}


def test_enough_cases_are_pinned() -> None:
    assert len(PINNED) >= 40
    assert len({(o, t) for _, o, t, _ in PINNED}) == len(PINNED)


@pytest.mark.parametrize(("capability", "original", "text", "outcome"), PINNED)
def test_pinned_case(by_text, capability: str, original: str, text: str, outcome: str) -> None:
    case = by_text[original, text]
    assert case.capability == capability
    assert expected(case) == outcome
