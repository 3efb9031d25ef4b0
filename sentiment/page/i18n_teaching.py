"""Interface text of the teaching views (tabs "How it reads", "Word vectors", "What if"), merged into
``i18n.STRINGS``: key -> (Chinese, English)."""

from __future__ import annotations

TEACHING: dict[str, tuple[str, str]] = {
    "tab_score": ("评分", "Score"),
    "tab_reading": ("模型怎么读", "How it reads"),
    "tab_vectors": ("词向量", "Word vectors"),
    "tab_whatif": ("假如……", "What if"),
    "teach_empty": (
        "在上方输入文本或选一个例子，这里会讲解模型如何读它。",
        "Type a text above or pick an example to see how the model reads it.",
    ),
    "teach_refused": (
        "上方的文本未评分（原因见“{tab}”页）。",
        "The text above was not scored (the {tab} tab says why).",
    ),
    "teach_line": ("讲解哪一行", "Line to explain"),
    "teach_no_words": (
        "分词后没有词，模型读到的是空文本（正面概率 {p}）。",
        "No words after segmentation: the model reads an empty text (P(positive) = {p}).",
    ),
    "teach_truncated": (
        "只讲解模型读到的最后 {kept} 个词。",
        "Only the last {kept} words, the ones the model reads, are explained.",
    ),
    # reading curve
    "reading": ("LSTM 怎么一个词一个词地读", "How the LSTM reads, word by word"),
    "curve_help": (
        "每个点：只把开头到这个词为止的部分当作整段文本交给模型时的正面概率。阴影为弃权区间，虚线为阈值。",
        "Each point: P(positive) when the text up to and including that word is given to the model as a "
        "text of its own. Shaded: the abstain band; dashed: the threshold.",
    ),
    "curve_title": ("读到每个词时的正面概率", "P(positive) after each word"),
    "curve_x": ("读到的词", "words read so far"),
    # contributions
    "contrib_heading": ("哪些词起作用", "Which words matter"),
    "contrib_help": (
        "贡献 = 整段的正面概率 − 去掉这个词后的正面概率。绿色把判定推向正面，红色推向负面，颜色越深作用越大；"
        "鼠标悬停可见数值。",
        "Contribution = P(text) − P(text with that word left out). Green pushes towards positive, red "
        "towards negative, darker means more; hover for the value.",
    ),
    "contrib_title": (
        "每个词的贡献（去掉它时概率的变化）",
        "Each word's contribution (change when it is left out)",
    ),
    # gates
    "gates_heading": ("门控：模型记住什么、忘掉什么", "Gates: what the network keeps and forgets"),
    "gates_help_lstm": (
        "数值来自训练好的网络自身的权重，在 0 到 1 之间。遗忘门：保留多少旧记忆；输入门：写入多少新内容；"
        "输出门：把多少记忆交给输出。双向网络的反向部分从句末读向句首，这里按词的位置对齐。",
        "Computed from the trained network's own weights, between 0 and 1. Forget gate: how much of the "
        "old memory is kept; input gate: how much of the new word is written; output gate: how much of the "
        "memory is shown. A bidirectional network's backward pass reads from the end; it is aligned by word.",
    ),
    "gates_help_gru": (
        "数值来自训练好的网络自身的权重，在 0 到 1 之间。这个模型是 GRU，只有重置门与更新门（没有遗忘、输入、"
        "输出门）：更新门接近 1 时保留旧状态，重置门决定计算新内容时用多少旧状态。",
        "Computed from the trained network's own weights, between 0 and 1. This model is a GRU, which has "
        "a reset and an update gate (no forget, input or output gate): an update gate near 1 keeps the old "
        "state; the reset gate sets how much of it goes into the new content.",
    ),
    "gates_mean_title": (
        "各门在所有隐藏单元上的平均值（颜色按数值范围伸展）",
        "Each gate averaged over its hidden units (colours stretched to the values' range)",
    ),
    "gates_unit_title": ("{direction} · {gate}门：逐个隐藏单元", "{direction} {gate} gate, unit by unit"),
    "direction": ("方向", "Direction"),
    "gate": ("门", "Gate"),
    "units_shown": ("显示的隐藏单元数", "Hidden units shown"),
    "units_help": (
        "显示 {hidden} 个单元中随词变化最大的 {shown} 个（按标准差排序）。",
        "The {shown} of {hidden} units that vary most over the words (by standard deviation).",
    ),
    "unit": ("单元 {i}", "unit {i}"),
    "forward": ("正向", "forward"),
    "backward": ("反向", "backward"),
    "gate_forget": ("遗忘", "forget"),
    "gate_input": ("输入", "input"),
    "gate_output": ("输出", "output"),
    "gate_reset": ("重置", "reset"),
    "gate_update": ("更新", "update"),
    # playground
    "playground": ("词向量游乐场", "Word-vector playground"),
    "playground_help": (
        "都用模型自己的 Word2Vec 向量（归一化为单位长度）。输入的词必须在词表中，否则会提示哪个词没有向量。",
        "All on the model's own Word2Vec vectors, scaled to length 1. Each word must be in the vocabulary; "
        "otherwise the page says which word has no vector.",
    ),
    "wp_error": ("无法计算：{error}", "Cannot compute: {error}"),
    "wp_similarity": ("两个词的相似度", "Similarity of two words"),
    "wp_word_a": ("词 1", "word 1"),
    "wp_word_b": ("词 2", "word 2"),
    "wp_analogy": ("类比：a − b + c", "Analogy: a − b + c"),
    "wp_axis": ("情感轴上的位置", "Positions on a sentiment axis"),
    "wp_pos": ("正极（1）", "positive pole (1)"),
    "wp_neg": ("负极（0）", "negative pole (0)"),
    "wp_axis_words": ("要放上去的词（空格分隔）", "Words to place (space separated)"),
    "wp_axis_none": (
        "没有要放上去的词：输入一个或几个词，用空格或逗号分隔。",
        "No words to place: type one or more, separated by spaces or commas.",
    ),
    "axis_title": ("从负极（0）到正极（1）", "From the negative pole (0) to the positive pole (1)"),
    "wp_axis_help": (
        "位置 t = (u_词 − u_负) · (u_正 − u_负) / |u_正 − u_负|²，u 为单位长度的词向量：负极在 0，正极在 1。",
        "Position t = (u_word − u_neg) · (u_pos − u_neg) / |u_pos − u_neg|², u the unit-length vectors: "
        "the negative pole at 0, the positive one at 1.",
    ),
    "wp_odd": ("找不同", "Odd one out"),
    "wp_odd_words": ("至少三个词（空格分隔）", "At least three words (space separated)"),
    "wp_odd_result": ("最不合群的是：**{word}**", "The odd one out: **{word}**"),
    "wp_odd_help": (
        "与各词单位向量均值的余弦最小的词（与 gensim 的 doesnt_match 相同）。",
        "The word with the lowest cosine to the mean of the words' unit vectors (gensim's doesnt_match).",
    ),
    # counterfactuals
    "cf_title": ("反事实：换一个词会怎样", "Counterfactuals: swap one word"),
    "cf_help": (
        "把模型读到的某个词换成它的一个近邻词（词向量余弦最近），其余不变，看概率和判定怎么变。",
        "Replace one word the model reads by one of its nearest neighbors (by cosine of the word vectors), "
        "keep the rest, and see how the probability and the verdict change.",
    ),
    "cf_k": ("每个词的近邻数 k", "Neighbors per word (k)"),
    "cf_now": ("现在：{verdict}（正面概率 {p}）", "Now: {verdict} (P(positive) = {p})"),
    "cf_none": (
        "没有可以替换的词（所有词都不在词表中）。",
        "No word to swap: none of the words is in the vocabulary.",
    ),
    "cf_word": ("替换哪个词", "Word to swap"),
    "cf_swaps": ("替换“{word}”", "Swapping '{word}'"),
    "cf_flips": (
        "改变判定的替换：{n} 个（共 {total} 个；依当前阈值与弃权区间，进入或离开弃权也算）",
        "Swaps that change the verdict: {n} of {total} (under the current threshold and band; moving into "
        "or out of the band counts)",
    ),
    "cf_col_word": ("原词", "word"),
    "cf_col_replacement": ("替换为", "replacement"),
    "cf_col_similarity": ("相似度", "similarity"),
    "cf_col_proba": ("新的正面概率", "new P(positive)"),
    "cf_col_change": ("变化", "change"),
    "cf_col_verdict": ("新判定", "new verdict"),
    # word order
    "order_title": ("词序：LSTM 与词袋模型", "Word order: the LSTM beside a bag of words"),
    "order_help": (
        "同样的文本交给 LSTM 和词袋基线（TF-IDF 一元与二元词 + 逻辑回归，用同样的训练文本训练）。"
        "词袋只看相邻两词的顺序，LSTM 读整个序列。下面的例子词几乎相同，只是顺序不同；两个模型都可能出错。",
        "The same texts scored by the LSTM and by the bag-of-words baseline (TF-IDF over words and word "
        "pairs + logistic regression, trained on the same texts). The bag sees order only within adjacent "
        "pairs; the LSTM reads the whole sequence. The examples use nearly the same words in another "
        "order; either model can be wrong.",
    ),
    "order_no_baseline": (
        "这个模型没有随附词袋基线（较早的模型）。"
        "可用 `python -m sentiment.evaluate 模型目录 --add-baseline` 补上。",
        "This checkpoint has no bag-of-words baseline beside it (an older one); add it with "
        "`python -m sentiment.evaluate CHECKPOINT --add-baseline`.",
    ),
    "order_own": (
        "你自己的文本（每行一条，显示在例子前面）",
        "Your own texts (one per line, shown before the examples)",
    ),
    "order_too_many": ("{n} 行，只比较前 {limit} 行。", "{n} lines; only the first {limit} are compared."),
    "order_words": ("分词", "words"),
    "order_lstm": ("LSTM", "LSTM"),
    "order_bow": ("词袋 TF-IDF", "bag of words (TF-IDF)"),
}
