"""Interface text of the demo page in Chinese and English.

>>> tr = translator("en")
>>> tr("verdict_abstained", distance="0.02", side=tr("positive"))
'abstained: 0.02 short of positive'
"""

from __future__ import annotations

from collections.abc import Callable

from sentiment.data.messages import ENGLISH, Message
from sentiment.page.i18n_behaviour import BEHAVIOUR
from sentiment.page.i18n_emotion import EMOTION
from sentiment.page.i18n_teaching import TEACHING

LANGUAGES = {"zh": "中文", "en": "English"}

# key: (Chinese, English); {name} fields are filled by str.format
STRINGS: dict[str, tuple[str, str]] = {
    "title": ("中文评论情感分析：词向量 + LSTM", "Chinese review sentiment: word vectors + LSTM"),
    "intro": (
        "输入一条评论（或每行一条），看模型给出的正面概率、判定和分词；在阈值与弃权区间上做取舍。",
        "Type a review (or one per line) to see the model's probability of positive, its verdict and the "
        "segmentation; then trade off the threshold and the abstain band.",
    ),
    "language": ("语言 / Language", "Language / 语言"),
    "no_checkpoint": (
        "无法加载模型：{error}。请先训练："
        "`python -m sentiment.train --table reviews.csv --out assets/default`",
        "Cannot load the model: {error}. Train one first: "
        "`python -m sentiment.train --table reviews.csv --out assets/default`",
    ),
    "model": ("模型", "Model"),
    "model_info": (
        "词表 {vocab} 个词 · 向量 {dim} 维 · 验证集 {n_val} 条 · 测试准确率 {accuracy}",
        "{vocab} words · {dim}-dim vectors · {n_val} validation texts · test accuracy {accuracy}",
    ),
    # typed text
    "text_label": ("评论文本", "Review text"),
    "text_placeholder": ("例如：质量很好，物流也快", "e.g. 质量很好，物流也快"),
    "per_line": ("每行一条评论", "One review per line"),
    "examples": ("试试这些例子：", "Try an example:"),
    "ex_positive": ("明显正面", "Clearly positive"),
    "ex_negative": ("明显负面", "Clearly negative"),
    "ex_borderline": ("模棱两可", "Borderline"),
    "ex_negation": ("否定正面：不是很好", "Negated positive: 不是很好"),
    "ex_negated_negative": ("否定负面：一点也不差", "Negated negative: 一点也不差"),
    "ex_contrast": ("转折：虽然贵但是好用", "Contrast: 虽然贵但是好用"),
    "ex_domain": ("其他领域：电影", "Another domain: a film"),
    "ex_unknown": ("生僻词", "Unknown words"),
    "empty_text": (
        "输入文本或选一个例子，即可看到判定。",
        "Type a text or pick an example to see a verdict.",
    ),
    "segmentation": ("模型读到的词", "What the model reads"),
    "oov_legend": (
        "标色的词不在词表中，模型把它们当作同一个“未知词”。",
        "Highlighted words are not in the vocabulary; the model reads each as the same unknown token.",
    ),
    "no_words": (
        "分词后没有词（只有空白或停用词），模型只能给出先验概率。",
        "No words after segmentation (only spaces or stop words): the model sees an empty text.",
    ),
    "words_shown": ("只显示前 {shown} 个词，共 {total} 个。", "Showing the first {shown} of {total} words."),
    "truncated": (
        "文本有 {total} 个词，模型只读最后 {kept} 个。",
        "The text has {total} words; the model reads the last {kept}.",
    ),
    "too_many_lines": (
        "有 {n} 行，超过页面上限 {limit} 行；请分批输入。",
        "{n} lines is more than this page scores at once ({limit}); split the text.",
    ),
    "text_too_long": (
        "第 {lines} 条文本超过 {limit} 字的上限，未评分（其余各条已评分）；请缩短。",
        "Text {lines} is longer than the {limit}-character limit and was not scored (the others were); "
        "shorten it.",
    ),
    "one_text_too_long": (
        "文本有 {n} 字，超过 {limit} 字的上限，未评分；请缩短。",
        "The text has {n} characters, more than the {limit}-character limit, and was not scored; shorten it.",
    ),
    "url_text_too_long": (
        "文本太长，分享链接中不包含文本。",
        "The text is too long to be part of the shared link.",
    ),
    # verdicts
    "positive": ("正面", "positive"),
    "negative": ("负面", "negative"),
    "abstained": ("弃权", "abstained"),
    "skipped": ("跳过", "skipped"),
    "verdict_positive_threshold": ("正面：高于阈值 {distance}", "positive: {distance} above the threshold"),
    "verdict_negative_threshold": ("负面：低于阈值 {distance}", "negative: {distance} below the threshold"),
    "verdict_positive_band": ("正面：高于弃权区间 {distance}", "positive: {distance} above the band"),
    "verdict_negative_band": ("负面：低于弃权区间 {distance}", "negative: {distance} below the band"),
    "verdict_abstained": ("弃权：距{side}还差 {distance}", "abstained: {distance} short of {side}"),
    "probability": ("正面概率", "P(positive)"),
    "probability_is": ("正面概率 {p}", "P(positive) = {p}"),
    # decision panel
    "decision": ("判定规则", "Decision rule"),
    "threshold": ("阈值", "Threshold"),
    "threshold_help": ("概率 ≥ 阈值判为正面。", "Probability at or above the threshold counts as positive."),
    "band": ("弃权区间", "Abstain band"),
    "band_help": (
        "概率落在区间内（含端点）时不下结论；区间总包含阈值。",
        "Scores inside the band (edges included) get no verdict; the band always contains the threshold.",
    ),
    "reset": ("恢复模型默认值", "Restore the model's values"),
    "band_rule": ("弃权区间怎么定", "How the band is chosen"),
    "band_rule_help": (
        "陡变区：TPR 下降、TNR 上升各至少给定比例的最短区间（2015 年文章的思路）；"
        "目标准确率：选择性准确率达标的最窄区间；目标覆盖率：至少保留给定比例时最准的区间。都围绕当前阈值。",
        "Steep region: the shortest band over which TPR falls and TNR rises by at least the given share "
        "each (the 2015 post's idea); target accuracy: the narrowest band whose selective accuracy reaches "
        "it; target coverage: the most accurate band keeping at least that share. All around the threshold.",
    ),
    "rule_manual_name": ("手动（拖动滑块）", "By hand (the sliders)"),
    "rule_steep_name": ("文章的准则：TPR/TNR 陡变区", "The post's criterion: where TPR/TNR change steeply"),
    "rule_accuracy_name": ("目标：选择性准确率", "Target: selective accuracy"),
    "rule_coverage_name": ("目标：覆盖率", "Target: coverage"),
    "rule_steep_value": ("区间内每类分数的比例", "Share of each class inside the band"),
    "rule_accuracy_value": ("目标选择性准确率", "Selective accuracy to reach"),
    "rule_coverage_value": ("至少保留（不弃权）的比例", "Share of texts to keep (not abstain on)"),
    "rule_on": ("区间按带标注的分数计算。{data}", "The band is computed from labelled scores. {data}"),
    "redrawn": ("本面板服务器耗时 {ms} ms", "panel drawn in {ms} ms of server time"),
    "charts": ("阈值曲线", "Threshold curves"),
    "source_validation": ("数据：模型验证集（{n} 条）", "Data: the model's validation set ({n} texts)"),
    "source_upload": ("数据：上传文件的标注（{n} 条）", "Data: the labels of the uploaded file ({n} texts)"),
    "one_class": (
        "上传文件只有一种标签，曲线改用验证集。",
        "The upload has one class only; the curves use the validation set.",
    ),
    "rates_title": ("TPR / TNR 随阈值变化", "TPR and TNR against the threshold"),
    "roc_title": ("ROC 曲线", "ROC curve"),
    "selective_title": ("覆盖率与选择性准确率", "Coverage and selective accuracy"),
    "reliability_title": ("可靠性图（ECE {ece}）", "Reliability diagram (ECE {ece})"),
    "predicted": ("预测概率（分箱均值）", "predicted probability (bin mean)"),
    "observed": ("实际正面比例", "observed share positive"),
    "tpr": ("TPR（正面召回）", "TPR (positive recall)"),
    "tnr": ("TNR（负面召回）", "TNR (negative recall)"),
    "fpr": ("FPR", "FPR"),
    "operating_point": ("当前阈值", "current threshold"),
    "band_width": ("区间宽度（按当前区间的形状缩放）", "band width (in the shape of the current band)"),
    "coverage": ("覆盖率", "coverage"),
    "selective_accuracy": ("选择性准确率", "selective accuracy"),
    "current_band": ("当前区间", "current band"),
    "count": ("条数", "count"),
    "label_positive": ("标注正面", "labelled positive"),
    "label_negative": ("标注负面", "labelled negative"),
    "unlabelled": ("无标注", "unlabelled"),
    # uploads
    "upload": ("上传文件评分", "Score a file"),
    "upload_label": (
        "txt（每行一条）、csv、tsv、xlsx 或 xls",
        "txt (one text per line), csv, tsv, xlsx or xls",
    ),
    "upload_help": (
        "编码可为 UTF-8（含 BOM）、GBK/GB18030 或 UTF-16；最大 {mb} MB，最多 {rows} 行。",
        "UTF-8 (with or without BOM), GBK/GB18030 or UTF-16; at most {mb} MB and {rows} rows.",
    ),
    "limits": (
        "上限：每个文件 {mb} MB、{rows} 行；每条文本 {chars} 字（更长的行会被标出，不评分）。",
        "Limits: {mb} MB and {rows} rows per file; {chars} characters per text (longer rows are marked, "
        "not scored).",
    ),
    "unlabelled_rows": (
        "{n} 行的标注无法识别（{spellings}；行号：{rows}）：已评分，但不计入指标。可用的写法：{accepted}。",
        "Rows whose label this page cannot read: {n} ({spellings}; rows: {rows}). They are scored but left "
        "out of the quality figures. Accepted spellings: {accepted}.",
    ),
    "first_rows": (
        "表中只显示前 {shown} 行（共 {total} 行）；下载文件包含全部。",
        "The table shows the first {shown} of {total} rows; the download has them all.",
    ),
    "sheet": ("工作表", "Sheet"),
    "text_column": ("文本列", "Text column"),
    "label_column": ("标注列（可选）", "Label column (optional)"),
    "no_label": ("（无）", "(none)"),
    "upload_error": ("无法使用这个文件：{error}", "Cannot use this file: {error}"),
    "upload_empty": ("{name} 中没有可评分的文本。", "{name} has no text to score."),
    "scoring": ("正在评分 {done}/{total} 条……", "Scoring {done}/{total} texts..."),
    "upload_results": ("文件评分结果：{name}", "Scores for {name}"),
    "upload_summary": (
        "{n} 条已评分：{pos} 正面，{neg} 负面，{abstained} 弃权。",
        "{n} texts scored: {pos} positive, {neg} negative, {abstained} abstained.",
    ),
    "skipped_rows": (
        "未使用的行：{n}（见下表，下载文件中也有标注）。",
        "Rows not used: {n} (listed below, and marked in the download).",
    ),
    "skipped_title": ("未使用的行", "Rows not used"),
    "download": ("下载评分结果（CSV）", "Download the scored file (CSV)"),
    "histogram_title": ("概率分布（阴影为弃权区间）", "Distribution of probabilities (band shaded)"),
    "metrics_title": (
        "在标注上的表现（当前阈值与区间）",
        "Quality on the labels (current threshold and band)",
    ),
    "accuracy": ("准确率", "Accuracy"),
    "precision": ("精确率（正面）", "Precision (positive)"),
    "recall": ("召回率（正面）", "Recall (positive)"),
    "f1": ("F1（正面）", "F1 (positive)"),
    "coverage_metric": ("覆盖率", "Coverage"),
    "selective_metric": ("选择性准确率", "Selective accuracy"),
    "confusion": ("混淆矩阵（行：标注，列：预测）", "Confusion matrix (rows: label, columns: prediction)"),
    "col_row": ("行号", "row"),
    "col_text": ("文本", "text"),
    "col_label": ("标注", "label"),
    "col_probability": ("正面概率", "P(positive)"),
    "col_verdict": ("判定", "verdict"),
    "col_reason": ("原因", "reason"),
    "col_note": ("备注", "note"),
    "col_count": ("行数", "rows"),
    # neighbors
    "neighbors": ("词向量近邻", "Word-vector neighbors"),
    "pick_words": ("输入中的词", "Words of the input"),
    "type_words": ("或输入其他词（空格分隔）", "Or type other words (space separated)"),
    "k": ("近邻个数 k", "Neighbors per word (k)"),
    "pick_hint": (
        "选一个词或输入一个词，查看与它余弦相似度最高的词。",
        "Pick or type a word to see the words with the most similar vectors.",
    ),
    "unknown_word": (
        "“{word}”不在词表中：训练语料里它出现得太少（少于 {min_count} 次）或从未出现，所以没有词向量，"
        "模型把它读成“未知词”。",
        "'{word}' is not in the vocabulary: it occurs fewer than {min_count} times in the training text "
        "(or not at all), so it has no vector and the model reads it as the unknown token.",
    ),
    "unknown_split": (
        "分词后是：{words}。可以改查其中的词。",
        "Segmented, it is: {words}. Try those words instead.",
    ),
    "col_word": ("查询词", "word"),
    "col_neighbor": ("近邻", "neighbor"),
    "col_similarity": ("余弦相似度", "cosine similarity"),
    "col_score": ("单独评分", "score alone"),
    "pca_title": ("二维 PCA（颜色：该词单独的正面概率）", "2-D PCA (colour: each word's score on its own)"),
    "chosen": ("查询词", "chosen word"),
    "similar_to": ("与“{word}”相似度 {sim}", "similarity to '{word}': {sim}"),
    "nb_hidden": (
        "词向量也学自微博帖子，少数脏话因此挨着日常用词；这些脏话不会作为近邻、替换词或类比答案出现。",
        "The vectors also learnt from Weibo posts, where a few insults sit beside everyday words; those "
        "insults are never shown as a neighbor, a swap or an analogy's answer.",
    ),
}

# the package's messages about a user's input (sentiment.data.messages), in Chinese; English is theirs
MESSAGES_ZH: dict[str, str] = {
    "empty_text": "文本为空",
    "empty_label": "标签为空",
    "unknown_label": "无法识别的标签 {label!r}",
    "text_too_long": "超过 {limit} 个字符",
    "wide_row": "字段比表头的 {width} 个多；含分隔符的文本请加英文双引号",
    "undecodable": "不是这里能读的任何编码的文本（UTF-8、GB18030、Big5、Shift-JIS、UTF-16、UTF-32）",
    "not_json": "不是 JSON 对象",
    "keys_left_out": "第一行没有的键未保留：{keys}",
    "mixed_encodings": "{name}：编码混杂，已逐行按各自编码读取："
    "第 {lines} 行是 {fewer}，其余 {count} 行是 {rest}",
    "read_as_big5": "{name}：按 Big5（繁体中文）读取；模型是用简体中文训练的",
    "read_as_shift_jis": "{name}：按 Shift-JIS（日文）读取；模型是用中文训练的",
    "controls_removed": "{name}：删除了 {count} 个控制字符（如 NUL 字节），在第 {lines} 行",
    "extra_fields_joined": "{name}：第 {rows} 行的字段比表头多；多出的部分已并入最后一列的文本",
    "not_text": "{name}：不是文本文件（二进制数据，或 UTF-8、GB18030、Big5、Shift-JIS、UTF-16、UTF-32 "
    "以外的编码）；请另存为 UTF-8 文本或 CSV",
    "bad_bom": "{name}：以 {encoding} 字节顺序标记开头，内容却不是 {encoding} 文本",
    "empty_file": "{name}：文件是空的",
    "only_header": "{name}：只有表头，没有可评分的行",
    "unsupported_type": "{name}：不支持的文件类型 {extension}；请用 {types}",
    "unsupported_output": "{name}：输出只能写成 .csv 或 .parquet，不能是 {extension}",
    "no_such_file": "{name}：没有这个文件",
    "bad_parquet": "{name}：无法按 Parquet 读取（{detail}）",
    "no_json_object": "{name}：没有一行是 JSON 对象，读不出列",
    "too_large": "{name}：{size} MB，超过 {limit} MB 的上限",
    "too_many_rows": "{name}：{n} 条文本，超过本页一次可评分的 {limit} 条；请拆分文件，"
    "或在 Python 中用 sentiment.load_predictor().predict_proba 评分",
    "no_text_column": "{name}：没有文本列（{names} 之一）；现有列为 {columns}",
    "text_column_missing": "{name}：找不到文本列 {column!r}；现有列为 {columns}",
    "label_column_missing": "{name}：找不到标签列 {column!r}；现有列为 {columns}",
    "bad_label": "{where}：无法识别的标签 {label!r}；可用 {accepted}",
    "unclosed_quote": "{name}：第 {line} 行的英文双引号没有闭合，后面整个文件会成为一个单元格；"
    "请补上或删去这个引号",
    "bad_delimited": "{name}：无法按 {kind} 读取（{detail}）",
    "bad_spreadsheet": "{name}：无法按电子表格读取（{detail}）",
    "encrypted_spreadsheet": "{name}：这个电子表格有密码保护；请另存一份不带密码的",
    "html_spreadsheet": "{name}：这是以电子表格扩展名保存的网页（HTML）；"
    "请在 Excel 中打开并另存为 .xlsx 或 .csv",
    "damaged_zip": "{name}：无法按电子表格读取（zip 损坏或不完整：{detail}）",
    "damaged_zip_part": "{name}：无法按电子表格读取（zip 损坏：部分 {part} {detail}）",
    "zip_too_many_parts": "{name}：已拒绝，其 zip 含 {count} 个部分；电子表格通常只有几十个",
    "zip_too_large": "{name}：已拒绝，解压后将有 {size} MB，超过 {limit} MB 的上限",
    "zip_bomb": "{name}：已拒绝，其部分 {part} 会膨胀 {ratio} 倍（zip 炸弹？）；电子表格不超过 {limit} 倍",
    "zip_size_lie": "{name}：已拒绝，其部分 {part} 解压后的大小与 zip 声明的不符",
}
if MESSAGES_ZH.keys() != ENGLISH.keys():
    raise ValueError(f"messages without both languages: {sorted(MESSAGES_ZH.keys() ^ ENGLISH.keys())}")
STRINGS |= {f"msg_{code}": (MESSAGES_ZH[code], ENGLISH[code]) for code in ENGLISH}

if STRINGS.keys() & TEACHING.keys():  # the teaching views' text lives in its own module
    raise ValueError(f"interface text keys defined twice: {sorted(STRINGS.keys() & TEACHING.keys())}")
STRINGS |= TEACHING
if STRINGS.keys() & BEHAVIOUR.keys():
    raise ValueError(f"interface text keys defined twice: {sorted(STRINGS.keys() & BEHAVIOUR.keys())}")
STRINGS |= BEHAVIOUR
if STRINGS.keys() & EMOTION.keys():
    raise ValueError(f"interface text keys defined twice: {sorted(STRINGS.keys() & EMOTION.keys())}")
STRINGS |= EMOTION


def translator(lang: str) -> Callable[..., str]:
    """A function mapping a key (and format fields) to the interface text in ``lang`` ("zh" or "en")."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    column = list(LANGUAGES).index(lang)

    def tr(key: str, **fields: object) -> str:
        text = STRINGS[key][column]
        return text.format(**fields) if fields else text

    return tr


def class_namer(tr: Callable[..., str]) -> Callable[[str], str]:
    """A function wording a checkpoint's class name in ``tr``'s language (a class the page has no
    words for keeps its own name).

    >>> class_namer(translator("zh"))("fear"), class_namer(translator("zh"))("awe")
    ('恐惧', 'awe')
    """
    return lambda name: tr(f"emo_class_{name}") if f"emo_class_{name}" in STRINGS else name


def describer(tr: Callable[..., str]) -> Callable[[Message], str]:
    """A function wording a package ``Message`` in ``tr``'s language.

    >>> describer(translator("zh"))(Message("unknown_label", label="一般般"))
    "无法识别的标签 '一般般'"
    """
    return lambda message: tr(f"msg_{message.code}", **dict(message.fields))
