"""Interface text of the Emotions tab (views/emotion.py) and of the upload's emotion columns, merged into
``i18n.STRINGS``: key -> (Chinese, English). ``emo_class_<name>`` words a class of the checkpoint."""

from __future__ import annotations

EMOTION: dict[str, tuple[str, str]] = {
    "tab_emotion": ("情绪", "Emotions"),
    "emo_title": ("不止正负：七种情绪", "Beyond positive and negative: seven emotions"),
    "emo_help": (
        "第二个模型，方法相同（分词、Word2Vec、嵌入、双向 LSTM、池化、dropout），输出层换成七类 softmax。"
        "训练数据是新冠疫情期间（2020 年）的微博帖子，标签来自数据集作者；测试集宏平均 F1 {f1}，"
        "准确率 {accuracy}，同一划分上的 TF-IDF 基线更好（宏平均 F1 {baseline}）。"
        "别的话题、别的文体上会差一些。",
        "A second model made the same way (segmentation, Word2Vec, embedding, bidirectional LSTM, pooling, "
        "dropout) with a seven-class softmax head. It was trained on Weibo posts of the COVID-19 months of "
        "2020, labelled by the dataset's authors; test macro-F1 {f1}, accuracy {accuracy}; a TF-IDF baseline "
        "on the same split does better (macro-F1 {baseline}). Expect less on other topics and other kinds "
        "of text.",
    ),
    "emo_no_checkpoint": ("无法加载情绪模型：{error}", "Cannot load the emotion model: {error}"),
    "emo_top": ("### 最可能的情绪：{name}（{p}）", "### Most likely emotion: {name} ({p})"),
    "emo_bars_title": ("七种情绪的概率", "Probability of each emotion"),
    "emo_probability": ("概率", "probability"),
    "emo_no_known": (
        "情绪模型的词表里没有这段文本的任何词，上面的概率只是它对“什么都没读到”的先验，不说明这段文本。",
        "None of this text's words is in the emotion model's vocabulary: the probabilities above are what "
        "it says of a text it cannot read, not of this one.",
    ),
    "emo_curve_heading": ("逐词读下去", "Word by word"),
    "emo_curve_help": (
        "每个点是模型只读到这个词为止时各情绪的概率（只画最可能的 {n} 种）；最后一个点就是整段的结果。",
        "Each point is the probability of each emotion when the model has read up to that word (the {n} most "
        "likely emotions are drawn); the last point is the whole text's.",
    ),
    "emo_curve_title": ("读到每个词时的情绪概率", "Emotion probabilities after each word"),
    "emo_contrib_heading": ("哪些词推向“{name}”", "Which words push towards {name}"),
    "emo_contrib_help": (
        "去掉这个词后“{name}”的概率下降多少：绿色推向它，红色推离它。",
        "How much P({name}) falls when the word is left out: green pushes towards it, red away.",
    ),
    "emo_contrib_title": ("每个词对“{name}”的贡献", "Each word's part in P({name})"),
    "emo_upload": (
        "加上情绪列（最可能的情绪及其概率）",
        "Add emotion columns (the top emotion and its probability)",
    ),
    "emo_upload_help": (
        "用情绪模型再给每行评一次分；表格和下载都会多两列。",
        "Scores every row again with the emotion model; the table and the download get two more columns.",
    ),
    "col_emotion": ("情绪", "emotion"),
    "col_emotion_probability": ("情绪概率", "P(emotion)"),
    "emo_class_fear": ("恐惧", "fear"),
    "emo_class_disgust": ("厌恶", "disgust"),
    "emo_class_optimism": ("乐观", "optimism"),
    "emo_class_surprise": ("惊讶", "surprise"),
    "emo_class_gratitude": ("感恩", "gratitude"),
    "emo_class_sadness": ("悲伤", "sadness"),
    "emo_class_anger": ("愤怒", "anger"),
}
