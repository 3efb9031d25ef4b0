"""Small word lists for the behavioural suite, written for Chinese reviews, each split into halves.

Every entry belongs to one half: templates of the dev half are filled only from ``dev`` entries and
templates of the test half only from ``test`` entries, so a model tuned on the dev half has never seen
a test-half word list entry (``tests/test_behaviour.py`` checks it, substrings included).
Entries of one list must fit every template that uses the list: ``POS_ADJ`` and ``NEG_ADJ`` take 不,
很, 有点 and 一点也不 in front and fit every ``SUBJECT`` of their half.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    """The entries of one word list, by half."""

    dev: tuple[str, ...]
    test: tuple[str, ...]

    def half(self, half: str) -> tuple[str, ...]:
        """The entries of ``half`` ("dev" or "test")."""
        if half not in ("dev", "test"):
            raise ValueError(f"half must be 'dev' or 'test', got {half!r}")
        return self.dev if half == "dev" else self.test


def lex(dev: str, test: str) -> Lexicon:
    """A lexicon from two space-separated lists (entries never contain spaces, except ``MODEL``)."""
    return Lexicon(tuple(dev.split()), tuple(test.split()))


LEXICONS: dict[str, Lexicon] = {
    # products and what is said of them (dev: electronics; test: accessories and a torch)
    "subject": lex("这个手机 这款耳机 这台电脑 这个平板", "这个充电宝 这款键盘 这个鼠标 这个手电筒"),
    "product": lex("手机 耳机 电脑 平板", "充电宝 键盘 鼠标 手电筒"),
    "pos_adj": lex("好用 耐用 实用 划算", "好看 结实 顺手 精致"),
    "neg_adj": lex("贵 难用 容易坏 卡", "廉价 鸡肋 笨重 粗糙"),
    "degree": lex("非常 特别", "超级 十分"),
    "duration": lex("一周 三天", "半个月 两个月"),
    "neg_rec": lex("不推荐购买 不值得买", "不建议入手 不会再回购"),
    "no_problem": lex("没有任何问题 没出过毛病 一点也不失望", "从没出过问题 挑不出毛病 完全不后悔"),
    "previous": lex("上一代 以前那款", "上次买的 别家的"),
    # clauses for contrast and concession: a minor point against a decisive one
    "minor_pos": lex(
        "外观很漂亮 包装很精美 物流很快 价格便宜",
        "颜色挺好看 客服态度不错 发货速度快 手感不错",
    ),
    "minor_neg": lex(
        "价格有点贵 物流慢了点 包装有点简陋 颜色有点暗",
        "发货稍微慢了些 颜色和图片略有差别 说明书不太清楚 有点小瑕疵",
    ),
    "overall_pos": lex(
        "质量真的很好 用起来非常舒服 总体很满意 非常值得买",
        "东西确实好用 性价比很高 整体非常满意 用着很放心",
    ),
    "overall_neg": lex(
        "用了两天就坏了 根本没法用 质量太差了 完全是假货",
        "一个星期就出故障了 完全不能用 做工差得离谱 退货都退不了",
    ),
    "contrast": lex("但是 不过", "可是 然而"),
    "caveat": lex("可惜 就是", "只是 遗憾的是"),  # only before a complaint
    # expectation reversal: what was expected, what happened
    "expect_neg": lex("会很难用 便宜没好货 质量很差", "质量一般般 不会太耐用 做工粗糙"),
    "outcome_pos": lex("特别好用 质量超出预期 完全没问题", "用起来很惊喜 比想象的好太多 好用得不得了"),
    "expect_pos": lex("会很好用 是大牌质量 质量不错", "能用很久 物有所值 是正品"),
    "outcome_neg": lex("用了两天就坏了 和图片差太多 屏幕有坏点", "一周就坏了 是个残次品 根本用不了"),
    # domains outside shopping
    "dish": lex("牛肉面 火锅 烤鸭", "麻辣烫 炒饭 饺子"),
    "food_pos": lex(
        "很好吃 味道很正宗 分量很足 特别入味 汤很鲜",
        "特别香 食材很新鲜 口感很好 很下饭 吃得很过瘾",
    ),
    "food_neg": lex(
        "太难吃了 咸得要命 送到都凉了 一点味道都没有 吃完拉肚子了",
        "一股怪味 分量少得可怜 油太大了 吃出了头发 腻得吃不下",
    ),
    "film": lex("这部电影 这部剧 这部动画片", "这部片子 这部新片 这部网剧"),
    "film_pos": lex(
        "太感人了 剧情很紧凑 演员演得很好 特效震撼 笑点很多",
        "演技在线 值回票价 看哭了好几次 剧本扎实 配乐很好听",
    ),
    "film_neg": lex(
        "无聊透顶 剧情拖沓 浪费时间 逻辑混乱 特效很假",
        "看得我睡着了 简直是烂片 演技很尴尬 结局烂尾了 槽点太多",
    ),
    "hotel": lex("这家酒店 这家民宿 这家旅店", "这家宾馆 这家客栈 这家度假村"),
    "hotel_pos": lex(
        "房间很干净 前台很热情 早餐很丰富 交通很便利 设施很新",
        "隔音效果很好 床很舒服 位置很方便 窗外风景很美 浴室很宽敞",
    ),
    "hotel_neg": lex(
        "房间很脏 隔音太差 空调坏了 床单有污渍 前台态度恶劣",
        "有一股霉味 前台态度冷淡 热水时有时无 有蟑螂 被子潮乎乎的",
    ),
    "app": lex("这个软件 这款游戏", "这个应用 这个App"),
    "app_pos": lex(
        "运行很流畅 界面很简洁 加载很快 很少出bug 占用内存小",
        "功能很齐全 操作很顺畅 更新很及时 设计很贴心 从来没崩溃过",
    ),
    "app_neg": lex(
        "老是闪退 卡顿严重 广告太多了 一直弹窗 特别耗流量",
        "耗电厉害 动不动就卡死 登录不上 总是强制更新 乱扣费",
    ),
    "staff": lex("客服 店员 导购", "售后人员 工作人员 维修师傅"),
    "service_pos": lex(
        "态度很热情 非常耐心 服务很周到 有问必答 说话很客气",
        "回复很及时 很专业 解决问题很快 很负责 讲解得很清楚",
    ),
    "service_neg": lex(
        "态度很敷衍 爱答不理 一直推卸责任 态度很差 只会说套话",
        "半天不回消息 说话很冲 根本不解决问题 直接挂电话 一问三不知",
    ),
    # internet slang and emoji
    "slang_pos": lex("yyds 真香 爱了爱了", "绝绝子 太赞了 必须吹爆"),
    "slang_neg": lex("踩雷了 坑爹 交智商税了", "无语了 大家避雷 翻车了"),
    "emoji_pos": lex("👍👍👍 😍", "💯 🥰🥰"),
    "emoji_neg": lex("😡 👎", "🤮 💩"),
    # invariance: whole reviews, and what may be changed or added without changing the verdict
    "review": lex(
        "质量很好，非常满意 很好用，推荐购买 非常喜欢，已经回购了 "
        "质量太差，很失望 用了两天就坏了，不推荐 太差劲了，退货",
        "东西不错，物超所值 做工精细，很喜欢 超出预期，会推荐给朋友 "
        "做工粗糙，后悔买了 完全不能用，退货了 很糟糕，不会再买",
    ),
    "name": lex("小王 张伟 李娜", "刘洋 小赵 王芳"),
    "city": lex("北京 上海 成都", "广州 杭州 武汉"),
    "price": lex("99 199 59", "128 299 45"),
    "model": Lexicon(("Redmi K70", "iPad Air"), ("iPhone 15", "Mate 60")),
    "emoji_neutral": lex("📦 🚚", "📱 🛒"),
    "neutral": lex(
        "昨天下午到的 颜色是蓝色的 买的是黑色款 快递是中午送来的",
        "给家里人买的 尺寸是中号 周末收到的 买的是大号",
    ),
}
