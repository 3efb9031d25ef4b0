"""The "Behaviour" tab: the behavioural suite's pass rates per capability, the LSTM beside the bag of
words, for the half picked; the failing cases of one capability, each one click from the text box."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sentiment import Predictor
from sentiment.behaviour.cases import generate
from sentiment.behaviour.report import failures, summary
from sentiment.behaviour.run import TOLERANCE, Suite, run_suite
from sentiment.page.behaviour_results import pass_rate_chart, rate_table
from sentiment.page.i18n import LANGUAGES
from sentiment.page.markup import escape_markdown
from views.common import PLAIN, Tr, probability_column

CLICKABLE = 8  # failing cases offered as buttons; the table lists them all


@st.cache_resource(show_spinner=False)
def suite_of(_predictor: Predictor, path: str | None, half: str, baseline: bool) -> Suite:
    """The half scored once per checkpoint and kept for every session (read-only)."""
    return run_suite(_predictor, half, baseline=baseline)


@st.cache_resource(show_spinner=False)
def summary_of(_predictor: Predictor, path: str | None, half: str, baseline: bool) -> dict:
    return summary(suite_of(_predictor, path, half, baseline), shown=0)


@st.cache_resource(show_spinner=False)
def half_sizes() -> dict[str, int]:
    return {half: len(generate(half)) for half in ("dev", "test")}


def use_case(text: str) -> None:
    st.session_state.update(text=text, per_line=False)


def behaviour_view(predictor: Predictor, path: str | None, tr: Tr) -> None:
    st.subheader(tr("beh_title"))
    lo, hi = predictor.band
    sizes = half_sizes()
    st.caption(
        tr("beh_help", threshold=f"{predictor.threshold:.3f}", lo=f"{lo:.3f}", hi=f"{hi:.3f}", **sizes)
    )
    half = st.radio(
        tr("beh_half"),
        ("test", "dev"),
        format_func=lambda h: tr(f"beh_half_{h}"),
        horizontal=True,
        key="beh_half",
    )
    try:
        baseline = predictor.baseline is not None
    except ValueError as err:  # a damaged baseline file: the LSTM is still tested
        st.error(escape_markdown(str(err)))
        baseline = False
    suite, report = suite_of(predictor, path, half, baseline), summary_of(predictor, path, half, baseline)
    models = {m: tr(f"beh_{m}") for m in report["models"]}
    if "bow" not in models:
        st.info(tr("beh_no_baseline"))
    lang = list(LANGUAGES).index(st.session_state.lang)  # capability titles are (Chinese, English)
    names = list(report["models"]["lstm"]["capabilities"])
    titles = {n: report["models"]["lstm"]["capabilities"][n]["title"][lang] for n in names}
    table = rate_table(report, titles, models, tr)
    st.dataframe(
        table,
        hide_index=True,
        height=35 * (len(table) + 1) + 3,  # every row, no scrolling
        key="beh_table",
        column_config={
            c: st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent")
            for m in models.values()
            for c in (tr("beh_col_pass", model=m), tr("beh_col_abstain", model=m))
        },
    )
    rates = {
        label: [report["models"][m]["capabilities"][n]["pass_rate"] for n in names]
        for m, label in models.items()
    }
    chart = pass_rate_chart([titles[n] for n in names], rates, tr("beh_chart_title"), tr("beh_chart_axis"))
    st.plotly_chart(chart, key="beh_chart", config=PLAIN)
    failing_cases(suite, report, titles, models, tr)


def failing_cases(suite: Suite, report: dict, titles: dict[str, str], models: dict[str, str], tr: Tr) -> None:
    """The chosen capability's failing cases for the chosen model, the worst offered as buttons."""
    left, right = st.columns([2, 1])
    names = list(titles)
    rate = {n: report["models"]["lstm"]["capabilities"][n]["pass_rate"] for n in names}
    worst = names.index(min(names, key=rate.get))  # the capability the LSTM fails most, at first
    name = left.selectbox(
        tr("beh_capability"), names, index=worst, format_func=titles.get, key="beh_capability"
    )
    model = right.radio(
        tr("beh_model"), list(models), format_func=models.get, horizontal=True, key="beh_model"
    )
    failed = failures(suite, model, name)
    total = sum(c.capability == name for c in suite.cases)
    fields = {"model": models[model], "capability": titles[name], "total": total}
    if not failed:
        st.success(tr("beh_no_failures", **fields))
        return
    st.markdown(tr("beh_failures", n=len(failed), **fields))
    table = pd.DataFrame(
        {
            tr("beh_col_text"): [f["text"] for f in failed],
            tr("beh_col_expected"): [tr(f"beh_exp_{f['expected']}", tolerance=TOLERANCE) for f in failed],
            tr("beh_col_score"): [f["score"] for f in failed],
            tr("beh_col_original"): [f["original"] for f in failed],
            tr("beh_col_original_score"): [f["original_score"] for f in failed],
        }
    )
    if all(f["kind"] == "MFT" for f in failed):
        table = table.drop(columns=[tr("beh_col_original"), tr("beh_col_original_score")])
    columns = {tr(c): probability_column() for c in ("beh_col_score", "beh_col_original_score")}
    st.dataframe(table, hide_index=True, key="beh_failures", column_config=columns)
    st.caption(tr("beh_use"))
    for i, f in enumerate(failed[:CLICKABLE]):
        st.button(escape_markdown(f["text"]), key=f"beh_use_{i}", on_click=use_case, args=(f["text"],))
