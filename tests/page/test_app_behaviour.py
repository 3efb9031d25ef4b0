"""The Behaviour tab through AppTest on the tiny checkpoint: the table and chart, the halves, the failing
cases, a case put into the text box, and the suite computed once per checkpoint."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sentiment import load_predictor
from sentiment.behaviour.cases import generate
from sentiment.behaviour.report import failures, summary
from sentiment.behaviour.run import run_suite
from sentiment.page.i18n import translator
from tests.app_fixtures import checkpoint_env, headline, page
from views import behaviour

pytestmark = pytest.mark.usefixtures(checkpoint_env.__name__)
EN = translator("en")


@pytest.fixture(scope="module")
def suites(tiny_checkpoint):
    p = load_predictor(tiny_checkpoint)
    return {half: run_suite(p, half) for half in ("dev", "test")}


def rates(at):
    return next(d.value for d in at.dataframe if EN("beh_col_capability") in d.value.columns)


def test_table_and_chart_show_both_models_per_capability(suites) -> None:
    at = page()
    assert not at.exception
    assert EN("tab_behaviour") in [t.label for t in at.tabs]
    report = summary(suites["test"], shown=0)
    table = rates(at)
    lstm, bow = report["models"]["lstm"], report["models"]["bow"]
    names = list(lstm["capabilities"])
    assert table[EN("beh_col_capability")].tolist()[:-1] == [
        lstm["capabilities"][n]["title"][1] for n in names
    ]
    assert table[EN("beh_col_cases")].iloc[-1] == len(generate("test"))
    column = EN("beh_col_pass", model=EN("beh_bow"))
    np.testing.assert_allclose(
        table[column], [bow["capabilities"][n]["pass_rate"] for n in names] + [bow["pass_rate"]]
    )
    chart = json.loads(
        next(c.proto.spec for c in at.get("plotly_chart") if c.proto.id.endswith("-beh_chart"))
    )
    assert [trace["name"] for trace in chart["data"]] == [EN("beh_lstm"), EN("beh_bow")]
    assert len(chart["data"][0]["y"]) == len(names)


def test_the_dev_half_and_chinese(suites) -> None:
    at = page(lang="zh")
    at.radio(key="beh_half").set_value("dev").run()
    assert not at.exception
    zh = translator("zh")
    table = next(d.value for d in at.dataframe if zh("beh_col_capability") in d.value.columns)
    assert table[zh("beh_col_cases")].iloc[-1] == len(generate("dev"))
    assert "否定负面词" in table[zh("beh_col_capability")].tolist()


def test_failing_cases_and_one_click_into_the_text_box(suites) -> None:
    suite = suites["test"]
    name = next(c.capability for c in suite.cases if failures(suite, "bow", c.capability))
    failed = failures(suite, "bow", name)
    at = page()
    at.selectbox(key="beh_capability").set_value(name).run()
    at.radio(key="beh_model").set_value("bow").run()
    assert not at.exception
    shown = next(d.value for d in at.dataframe if EN("beh_col_expected") in d.value.columns)
    assert shown[EN("beh_col_text")].tolist() == [f["text"] for f in failed]
    assert len([b for b in at.button if b.key.startswith("beh_use_")]) == min(
        len(failed), behaviour.CLICKABLE
    )
    at.button(key="beh_use_0").click().run()
    assert not at.exception
    assert at.session_state.text == failed[0]["text"]
    assert headline(at)  # the Score tab now gives its verdict on it


def test_a_capability_without_failures_says_so(suites) -> None:
    suite = suites["test"]
    passed = [n for n in dict.fromkeys(c.capability for c in suite.cases) if not failures(suite, "lstm", n)]
    if not passed:
        pytest.skip("the tiny model fails some case of every capability")
    at = page()
    at.selectbox(key="beh_capability").set_value(passed[0]).run()
    assert any(EN("beh_lstm") in s.value and "passes all" in s.value for s in at.success)


def test_the_suite_is_computed_once_per_checkpoint(checkpoint_env, monkeypatch) -> None:
    page()  # computed here, or already by an earlier test
    monkeypatch.setattr(behaviour, "run_suite", lambda *a, **k: pytest.fail("the suite ran again"))
    at = page()
    assert not at.exception
    assert rates(at) is not None
