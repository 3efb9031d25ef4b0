import pytest

from sentiment.core.text import (
    BACKENDS,
    NegationSplit,
    Segmenter,
    dedup_key,
    normalize,
    read_user_dict,
    strip_pos_tags,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＢＣ１２３！", "abc123!"),  # full width to half width, case
        ("  好  用 \n\t 啊 ", "好 用 啊"),  # whitespace collapsed and stripped
        ("", ""),
        ("\ufeff好评", "好评"),  # a stray BOM inside a cell
        ("😀👍🏽", "😀👍🏽"),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [("房间很好，服务一般。", "房间很好,服务一般."), ("ＯＫ！ 不错", "ok不错"), ("好 用", "好用")],
)
def test_copies_differing_in_punctuation_share_a_dedup_key(a, b):
    assert dedup_key(a) == dedup_key(b)


def test_dedup_key_keeps_words_and_symbol_only_texts():
    assert dedup_key("不是很好") != dedup_key("很不是好")
    assert dedup_key("😀!") == "😀!" and dedup_key("...") == "..."


FORMAT_CHARACTERS = (
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069"
)


@pytest.mark.parametrize("invisible", FORMAT_CHARACTERS)
def test_format_characters_are_removed(invisible):
    """Soft hyphen, zero-width space and (non-)joiner, bidi marks, embeddings, overrides and isolates,
    word joiner: invisible, all of category Cf."""
    assert normalize(f"没{invisible}有想象中那么好") == "没有想象中那么好"
    assert dedup_key(f"推{invisible}荐") == dedup_key("推荐")


@pytest.mark.parametrize("backend", BACKENDS)
def test_format_characters_do_not_change_the_words(backend):
    segmenter = Segmenter(backend)
    clean = "还行吧，一般般，没有想象中那么好，推荐。"
    for invisible in FORMAT_CHARACTERS:
        assert segmenter.cut(clean.replace("有", invisible + "有").replace("荐", "荐" + invisible)) == (
            segmenter.cut(clean)
        )


def test_emoji_joined_by_zwj_become_the_emoji_they_join():
    """The segmenter already cuts a ZWJ sequence into its emoji (and the ZWJ as a token of its own);
    without the ZWJ the same emoji remain. U+FE0F (a variation selector, not Cf) stays."""
    assert normalize("👨\u200d👩\u200d👧") == "👨👩👧"
    assert normalize("❤\ufe0f👍🏽") == "❤\ufe0f👍🏽"
    assert Segmenter().cut("好👨\u200d👩\u200d👧") == ["好", "👨", "👩", "👧"]


def test_normalize_is_idempotent():
    text = "Ｔｈｅ　手机  很好用！"
    assert normalize(normalize(text)) == normalize(text)


@pytest.mark.parametrize("backend", BACKENDS)
def test_segmenter_cuts_words_and_drops_spaces(backend):
    words = Segmenter(backend).cut("这个手机 非常好用")
    assert words == ["这个", "手机", "非常", "好用"]


def test_backends_agree_on_a_typical_review():
    text = "酒店位置很好，服务也不错，就是早餐太差了"
    assert Segmenter("rjieba").cut(text) == Segmenter("jieba").cut(text)


@pytest.mark.parametrize("backend", BACKENDS)
def test_user_dictionary_keeps_a_word_whole(tmp_path, backend):
    path = tmp_path / "user.txt"
    path.write_text("物超所值啊 100 a\n\n性价比之王\n", encoding="utf-8")
    assert read_user_dict(path) == [("物超所值啊", 100, "a"), ("性价比之王", None, None)]
    plain = Segmenter(backend).cut("真是物超所值啊")
    custom = Segmenter(backend, user_words=read_user_dict(path)).cut("真是物超所值啊")
    assert "物超所值啊" not in plain
    assert "物超所值啊" in custom


def test_user_dictionary_does_not_leak_between_segmenters():
    Segmenter("rjieba", user_words=[("物超所值啊", 100, None)])
    assert "物超所值啊" not in Segmenter("rjieba").cut("真是物超所值啊")


def test_bad_user_dictionary_names_the_line(tmp_path):
    path = tmp_path / "user.txt"
    path.write_text("好词 10\n坏词 many\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"user.txt:2: frequency 'many'"):
        read_user_dict(path)


def test_cut_returns_a_fresh_list_each_time():
    segmenter = Segmenter()
    first = segmenter.cut("手机很好")
    first.append("x")
    assert segmenter.cut("手机很好") == ["手机", "很", "好"]
    assert segmenter.cut("很" * 3000) == ["很"] * 3000  # too long to cache, same words


def test_stopwords_are_dropped():
    assert Segmenter(stopwords=["的", "了"]).cut("我的手机坏了") == ["我", "手机", "坏"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_negators_are_cut_off_the_short_words_they_are_fused_to_only_when_asked(backend):
    text = "质量不错，一点也不贵，不过没有用"
    assert "不错" in Segmenter(backend).cut(text)  # jieba's own words by default: older checkpoints read them
    words = Segmenter(backend, negation=NegationSplit()).cut(text)
    assert words == ["质量", "不", "错", ",", "一点", "也", "不", "贵", ",", "不过", "没有", "用"]


def test_negation_split_keeps_its_listed_words_idioms_lone_negators_and_user_words():
    split = NegationSplit(kept=frozenset({"不过"}))
    assert split(["不过", "不", "没有", "不近人情", "不满意", "没问题"]) == [
        *["不过", "不", "没有", "不近人情"],
        *["不", "满意", "没", "问题"],
    ]
    assert NegationSplit.from_json(split.to_json()) == split
    segmenter = Segmenter(user_words=[("不给力", 100, None)], negation=split)
    assert segmenter.cut("真不给力") == ["真", "不给力"]


def test_a_negator_cannot_be_a_stop_word_when_negations_are_split():
    assert Segmenter(stopwords=["不"]).cut("不错") == ["不错"]
    with pytest.raises(ValueError, match="a negator is a stop word"):
        Segmenter(stopwords=["不", "的"], negation=NegationSplit())


def test_unknown_backend():
    with pytest.raises(ValueError, match="unknown segmenter backend 'hanlp'"):
        Segmenter("hanlp")


def test_strip_pos_tags_of_the_peoples_daily_format():
    assert strip_pos_tags("迈向/v  充满/v  希望/n  的/u  新/a  世纪/n  ——/w") == "迈向充满希望的新世纪——"
    assert strip_pos_tags("江/nr  泽民/nr  １２月/t") == "江泽民１２月"
    assert strip_pos_tags("没有标注的句子") == "没有标注的句子"
