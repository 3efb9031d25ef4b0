"""The behavioural suite: its cases and halves, the pass rules on known scores, the report, the CLI."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections import Counter

import numpy as np
import pytest

from sentiment.behaviour.__main__ import main
from sentiment.behaviour.capabilities import CAPABILITIES
from sentiment.behaviour.cases import Case, generate, slots
from sentiment.behaviour.lexicons import LEXICONS
from sentiment.behaviour.report import failures, markdown, summary
from sentiment.behaviour.run import TOLERANCE, Scores, judge, run_suite, score
from sentiment.core.predict import DEFAULT_CHECKPOINT
from sentiment.page.behaviour_results import rate_table

DIGEST = "import hashlib; from sentiment.behaviour.cases import generate; " + (
    "print(hashlib.sha256(repr(generate()).encode()).hexdigest())"
)


def test_generation_is_deterministic_across_processes() -> None:
    assert generate() == generate()
    env = os.environ | {"PYTHONHASHSEED": "123"}
    other = subprocess.run(
        [sys.executable, "-c", DIGEST], env=env, capture_output=True, text=True, check=True
    )
    assert other.stdout.strip() == hashlib.sha256(repr(generate()).encode()).hexdigest()


def test_size_capabilities_and_kinds() -> None:
    cases = generate()
    assert len(cases) >= 1500
    assert len(CAPABILITIES) >= 12
    assert set(Counter(c.kind for c in cases)) == {"MFT", "INV", "DIR"}
    for capability in CAPABILITIES:  # several templates in each half
        halves = Counter(t.half for t in capability.templates)
        assert halves["dev"] >= 2 and halves["test"] >= 2, capability.name
    ids = [t.id for c in CAPABILITIES for t in c.templates]
    assert len(ids) == len(set(ids))
    assert {c.template for c in cases} == set(ids)  # every template gives cases


def test_every_case_says_what_it_expects() -> None:
    for c in generate():
        assert c.text and c.fills
        if c.kind == "MFT":
            assert c.label in (0, 1) and not c.original and c.expect is None
        else:
            assert c.original and c.original != c.text and c.label is None
            assert (c.expect is not None) == (c.kind == "DIR")


def test_halves_share_no_template_text_or_lexicon_entry() -> None:
    dev, test = generate("dev"), generate("test")
    assert {c.half for c in dev} == {"dev"} and {c.half for c in test} == {"test"}
    assert not {c.template for c in dev} & {c.template for c in test}
    dev_texts = {t for c in dev for t in (c.text, c.original) if t}
    assert not dev_texts & {t for c in test for t in (c.text, c.original) if t}
    dev_entries = {e for lexicon in LEXICONS.values() for e in lexicon.dev}
    test_entries = {e for lexicon in LEXICONS.values() for e in lexicon.test}
    assert not dev_entries & test_entries
    assert {e for c in dev for e in c.fills} <= dev_entries
    assert {e for c in test for e in c.fills} <= test_entries
    every_dev_text = "\n".join(dev_texts)
    assert [e for e in test_entries if e in every_dev_text] == []  # not even inside a longer dev word


def test_a_slot2_is_a_second_different_entry() -> None:
    template = next(t for c in CAPABILITIES for t in c.templates if "{name2}" in str(t.variant))
    assert slots(template)[:2] == ["name", "review"] and "name2" in slots(template)
    pairs = [c for c in generate(template.half) if c.template == template.id]
    assert pairs and all(c.original != c.text for c in pairs)


def case(kind: str, text: str, original: str = "", label=None, expect=None) -> Case:
    return Case("cap", "cap/1", "dev", kind, text, original, label, expect, ("x",))


def outcomes(cases: list[Case], scores: dict[str, float], threshold=0.5, band=(0.4, 0.6)):
    found = score(cases, lambda texts: np.array([scores[t] for t in texts]))
    return found, judge(cases, found, threshold, band)


def test_mft_passes_on_the_expected_side_of_the_threshold_and_abstains_inside_the_band() -> None:
    cases = [case("MFT", t, label=1) for t in "abcd"] + [case("MFT", "e", label=0)]
    _, out = outcomes(cases, {"a": 0.9, "b": 0.55, "c": 0.5, "d": 0.3, "e": 0.3})
    assert out.passed.tolist() == [True, True, True, False, True]  # positive from the threshold on
    assert out.abstained.tolist() == [False, True, True, False, False]
    assert out.miss.tolist() == pytest.approx([0, 0, 0, 0.2, 0])
    _, none = outcomes(cases[:3], {"a": 0.9, "b": 0.55, "c": 0.5}, band=(0.5, 0.5))
    assert not none.abstained.any()  # a zero-width band is the threshold rule


def test_inv_passes_when_the_verdict_stays() -> None:
    cases = [case("INV", "a2", "a"), case("INV", "b2", "b"), case("INV", "c2", "c")]
    scores = {"a": 0.9, "a2": 0.52, "b": 0.9, "b2": 0.05, "c": 0.7, "c2": 0.3}
    _, out = outcomes(cases, scores, band=(0.1, 0.8))
    assert out.passed.tolist() == [True, False, False]
    assert out.abstained.tolist() == [True, False, True]  # either text inside the band
    assert out.miss[1] == pytest.approx(0.85)


@pytest.mark.parametrize(
    ("expect", "before", "after", "passes"),
    [
        ("up", 0.5, 0.51, True),
        ("up", 0.5, 0.5, False),  # strictly
        ("down", 0.5, 0.2, True),
        ("down", 0.5, 0.5, False),
        ("not_down", 0.5, 0.5 - TOLERANCE + 0.01, True),
        ("not_down", 0.5, 0.5 - TOLERANCE - 0.01, False),
        ("not_up", 0.5, 0.5 + TOLERANCE + 0.01, False),
        ("not_up", 0.5, 0.1, True),
    ],
)
def test_dir_rules(expect: str, before: float, after: float, passes: bool) -> None:
    _, out = outcomes([case("DIR", "b", "a", expect=expect)], {"a": before, "b": after})
    assert out.passed.tolist() == [passes]
    assert (out.miss[0] > 0) == (not passes and before != after)


def test_every_distinct_text_is_scored_once() -> None:
    calls = []

    def model(texts):
        calls.extend(texts)
        return np.full(len(texts), 0.5)

    cases = [case("INV", "b", "a"), case("INV", "c", "a"), case("MFT", "b", label=1)]
    found = score(cases, model)
    assert sorted(calls) == ["a", "b", "c"]
    assert np.isnan(found.original[2]) and found.original[:2].tolist() == [0.5, 0.5]


class KeywordPredictor:
    """A stand-in Predictor: positive when the text says 好 and not 不, the baseline the other way round."""

    threshold, band, baseline = 0.5, (0.3, 0.7), object()

    def predict_proba(self, texts):
        return np.array([0.9 if "好" in t and "不" not in t else 0.1 for t in texts])

    def baseline_proba(self, texts):
        return 1 - self.predict_proba(texts)


def test_suite_summary_and_failures_on_a_keyword_model() -> None:
    suite = run_suite(KeywordPredictor(), "test")
    report = summary(suite, shown=2)
    assert set(report["models"]) == {"lstm", "bow"} and report["cases"] == len(generate("test"))
    lstm = report["models"]["lstm"]
    assert sum(c["n"] for c in lstm["capabilities"].values()) == report["cases"]
    assert lstm["pass_rate"] == pytest.approx(suite.outcomes["lstm"].passed.mean(), abs=1e-4)
    assert lstm["abstained"] == 0  # every score is 0.1 or 0.9, outside [0.3, 0.7]
    assert lstm["capabilities"]["negated_positive"]["pass_rate"] > 0.5  # it does read 不
    assert lstm["capabilities"]["inv_entities"]["pass_rate"] == 1  # names never carry 好 or 不
    worst = failures(suite, "lstm", "negated_negative")
    assert worst and all(f["expected"] in ("positive", "up") for f in worst)
    assert [f["text"] for f in worst[:2]] == [
        f["text"] for f in lstm["capabilities"]["negated_negative"]["failures"]
    ]
    assert [f["miss"] for f in worst] == sorted((f["miss"] for f in worst), reverse=True)
    assert all(f["miss"] > 0 for f in worst if f["kind"] == "MFT")  # a DIR case that did not move misses by 0
    text = markdown([report], "python -m sentiment.behaviour")
    for capability in CAPABILITIES:
        assert f"| {capability.title[1]} |" in text


def test_cli_writes_markdown_and_json_for_both_halves(tiny_checkpoint, tmp_path, capsys) -> None:
    md, js = tmp_path / "b.md", tmp_path / "b.json"
    main([str(tiny_checkpoint), "--half", "both", "--md", str(md), "--json", str(js), "--failures", "1"])
    record = json.loads(js.read_text(encoding="utf-8"))
    assert set(record["halves"]) == {"dev", "test"}
    from sentiment import load_predictor

    fresh = summary(run_suite(load_predictor(tiny_checkpoint), "dev"), shown=1)
    assert record["halves"]["dev"] == json.loads(json.dumps(fresh))
    text = md.read_text(encoding="utf-8")
    assert "## The test half" in text and "## The dev half" in text and text in capsys.readouterr().out
    assert record["command"].endswith("--failures 1")


def test_the_committed_report_is_what_the_shipped_checkpoint_gives() -> None:
    """results/behaviour.json was written by the command on assets/default; a fresh run agrees with it."""
    path = DEFAULT_CHECKPOINT.parent.parent / "results" / "behaviour.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    from sentiment import load_predictor

    fresh = summary(run_suite(load_predictor(), "test"), shown=3)
    assert record["halves"]["test"] == json.loads(json.dumps(fresh))


def test_scores_stay_aligned_with_their_cases() -> None:
    cases = [case("MFT", "a", label=1), case("DIR", "c", "b", expect="up")]
    found = score(cases, lambda texts: np.array([{"a": 0.2, "b": 0.3, "c": 0.4}[t] for t in texts]))
    assert isinstance(found, Scores)
    assert found.text.tolist() == [0.2, 0.4] and found.original[1] == 0.3


def test_the_pages_rate_table_has_a_row_per_capability_then_all_cases() -> None:
    report = summary(run_suite(KeywordPredictor(), "test"), shown=0)
    titles = {c.name: c.title[1] for c in CAPABILITIES}
    table = rate_table(report, titles, {"lstm": "LSTM", "bow": "BoW"}, lambda key, **f: f"{key}{f}")
    assert table.iloc[:, 0].tolist() == [*titles.values(), "beh_all{}"]
    assert table.iloc[-1]["beh_col_cases{}"] == report["cases"]
    lstm, bow = report["models"]["lstm"], report["models"]["bow"]
    assert table.iloc[-1]["beh_col_pass{'model': 'LSTM'}"] == lstm["pass_rate"]
    first = bow["capabilities"]["negated_positive"]["pass_rate"]
    assert table.iloc[0]["beh_col_pass{'model': 'BoW'}"] == first
