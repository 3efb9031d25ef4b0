"""Interface text of the Behaviour tab (views/behaviour.py), merged into ``i18n.STRINGS``:
key -> (Chinese, English). Capability titles live with the capabilities (sentiment.behaviour)."""

from __future__ import annotations

BEHAVIOUR: dict[str, tuple[str, str]] = {
    "tab_behaviour": ("行为测试", "Behaviour"),
    "beh_title": ("行为测试：准确率之外，模型会不会这些", "Behavioural tests: what accuracy does not show"),
    "beh_help": (
        "仿照 CheckList 按能力（否定、转折、领域……）用模板生成用例：MFT 有期望的标签；INV 做一处扰动，"
        "判定不应改变；DIR 做一处扰动，正面概率应朝规定方向变化。判定用模型自带的阈值 {threshold}（不随"
        "滑块变化），落在弃权区间 [{lo}, {hi}] 内的用例单独统计。开发集 {dev} 条可用来挑选模型，测试集 "
        "{test} 条的模板和词表都不与开发集重合，只用来报告。",
        "Cases generated from templates per capability (negation, contrast, domains, ...), as in CheckList: "
        "MFT has an expected label; INV makes one perturbation, and the verdict must not change; DIR makes "
        "one, and P(positive) must move the stated way. Verdicts use the checkpoint's own threshold "
        "{threshold} (not the slider's); cases scored inside the band [{lo}, {hi}] are counted apart as "
        "abstentions. The dev half ({dev} cases) may be used to choose models; the test half ({test} "
        "cases) shares no template or word-list entry with it and is only reported.",
    ),
    "beh_half": ("用例集", "Half"),
    "beh_half_test": ("测试集（只报告）", "Test half (report only)"),
    "beh_half_dev": ("开发集", "Dev half"),
    "beh_lstm": ("LSTM", "LSTM"),
    "beh_bow": ("词袋（TF-IDF）", "Bag of words (TF-IDF)"),
    "beh_no_baseline": (
        "此模型没有附带词袋基线，只显示 LSTM。",
        "This checkpoint ships no bag-of-words baseline: the LSTM alone is shown.",
    ),
    "beh_col_capability": ("能力", "Capability"),
    "beh_col_kinds": ("类型", "Kinds"),
    "beh_col_cases": ("用例数", "Cases"),
    "beh_col_pass": ("{model} 通过率", "{model} pass"),
    "beh_col_abstain": ("{model} 弃权", "{model} abstain"),
    "beh_all": ("全部用例", "All cases"),
    "beh_chart_title": ("各能力的通过率", "Pass rate per capability"),
    "beh_chart_axis": ("通过率", "pass rate"),
    "beh_capability": ("查看失败用例：能力", "Failing cases of the capability"),
    "beh_model": ("模型", "Model"),
    "beh_failures": (
        "{model} 在“{capability}”上失败 {n} / {total} 条，离通过最远的在前。",
        "{model} fails {n} of the {total} cases of “{capability}”, furthest from passing first.",
    ),
    "beh_no_failures": (
        "{model} 通过了“{capability}”的全部 {total} 条用例。",
        "{model} passes all {total} cases of “{capability}”.",
    ),
    "beh_use": (
        "点一条用例，把它放进上方的文本框，其他页会讲解模型怎么读它：",
        "Click a case to put it into the text box above; the other tabs then explain how the model reads it:",
    ),
    "beh_col_text": ("文本", "Text"),
    "beh_col_original": ("扰动前", "Before the perturbation"),
    "beh_col_expected": ("期望", "Expected"),
    "beh_col_score": ("模型给的正面概率", "Model's P(positive)"),
    "beh_col_original_score": ("扰动前的正面概率", "P(positive) before"),
    "beh_exp_positive": ("正面", "positive"),
    "beh_exp_negative": ("负面", "negative"),
    "beh_exp_same": ("判定不变", "same verdict"),
    "beh_exp_up": ("上升", "rises"),
    "beh_exp_down": ("下降", "falls"),
    "beh_exp_not_down": ("不下降（容差 {tolerance}）", "does not fall (tolerance {tolerance})"),
    "beh_exp_not_up": ("不上升（容差 {tolerance}）", "does not rise (tolerance {tolerance})"),
}
