"""The Score tab's decision panel (a fragment): threshold and band sliders, how the band is chosen,
the verdicts they give, and the curves and reliability diagram they are read on."""

from __future__ import annotations

import time

import numpy as np
import streamlit as st

from sentiment import Predictor
from sentiment.data import limits
from sentiment.decision.bands import CRITERIA, DEFAULTS, choose_band
from sentiment.decision.temperature import reliability
from sentiment.decision.thresholds import (
    expected_calibration_error,
    rates_by_threshold,
    roc_points,
    selective_curve,
    selective_metrics,
)
from sentiment.page import charts, results
from sentiment.page.pagestate import clamp, fit_band, to_query
from views.common import PLAIN, Tr
from views.score import typed_result
from views.upload_results import upload_results

RULE_RANGES = {"steep": (0.01, 1.0, 0.01), "accuracy": (0.5, 1.0, 0.005), "coverage": (0.05, 1.0, 0.01)}


def apply_band_rule(scores: np.ndarray, labels: np.ndarray) -> None:
    """Move the band to the chosen criterion's band around the threshold; by hand: keep it around it."""
    state = st.session_state
    rule = state.get("band_rule", "manual")
    if rule == "manual":
        state.band = fit_band(state.threshold, state.band)
    else:
        state.band = choose_band(
            rule, scores, labels, state.threshold, state.get(f"rule_{rule}", DEFAULTS[rule])
        )


def keep_threshold() -> None:
    """A band moved by hand: the threshold follows into it, and the band is no longer a criterion's."""
    st.session_state.threshold = clamp(st.session_state.threshold, st.session_state.band)
    st.session_state.band_rule = "manual"


def reset_rule(threshold: float, band: tuple[float, float]) -> None:
    st.session_state.update(threshold=threshold, band=band, band_rule="manual")


def labelled_scores(
    predictor: Predictor, scored: results.Scored | None
) -> tuple[np.ndarray, np.ndarray, str]:
    """The labelled upload's scores when it has both classes, else the checkpoint's validation scores."""
    if scored is not None and scored.labels is not None and len(set(scored.labels.tolist())) == 2:
        return scored.labelled_scores, scored.labels, "source_upload"
    return predictor.checkpoint.val_scores, predictor.checkpoint.val_labels, "source_validation"


def band_rule(scores: np.ndarray, labels: np.ndarray, source: str, tr: Tr) -> None:
    """Pick how the band is chosen: by hand, the post's steep region, or a target accuracy or coverage."""
    rule = st.selectbox(
        tr("band_rule"),
        ("manual", *CRITERIA),
        format_func=lambda c: tr(f"rule_{c}_name"),
        key="band_rule",
        on_change=apply_band_rule,
        args=(scores, labels),
        help=tr("band_rule_help"),
    )
    if rule != "manual":
        low, high, step = RULE_RANGES[rule]
        st.slider(
            tr(f"rule_{rule}_value"),
            low,
            high,
            DEFAULTS[rule],
            step,
            key=f"rule_{rule}",
            on_change=apply_band_rule,
            args=(scores, labels),
        )
        st.caption(tr("rule_on", data=tr(source, n=len(scores))))


def curves(
    scored: results.Scored | None,
    labelled: tuple[np.ndarray, np.ndarray, str],
    threshold: float,
    band: tuple[float, float],
    tr: Tr,
) -> None:
    """TPR/TNR, ROC, selective curves and the reliability diagram on ``labelled`` (``labelled_scores``:
    the labelled upload if there is one, else validation)."""
    st.subheader(tr("charts"))
    scores, labels, source = labelled
    if scored is not None and scored.labels is not None and source == "source_validation":
        st.info(tr("one_class"))
    st.caption(tr(source, n=len(scores)))
    if len(set(labels.tolist())) < 2:
        return
    here = rates_by_threshold(scores, labels, [threshold])
    point = (1 - float(here["tnr"][0]), float(here["tpr"][0]))  # (FPR, TPR) of the current threshold
    current = selective_metrics(scores, labels, threshold, band)
    figures = {
        "rates": charts.rates_chart(rates_by_threshold(scores, labels), threshold, band, tr),
        "roc": charts.roc_chart(roc_points(scores, labels), point, tr),
        "selective": charts.selective_chart(
            selective_curve(scores, labels, threshold, band=band), band, current, tr
        ),
        "reliability": charts.reliability_chart(
            reliability(scores, labels), expected_calibration_error(scores, labels), tr
        ),
    }
    for column, (name, figure) in zip(st.columns(2) + st.columns(2), figures.items(), strict=True):
        column.plotly_chart(figure, key=f"chart_{name}", config=PLAIN)


@st.fragment
def decision_panel(
    predictor: Predictor, texts: list[str], scores: np.ndarray, scored: results.Scored | None, tr: Tr
) -> None:
    """Sliders and everything that depends on them; a slider move reruns only this function."""
    start = time.perf_counter()
    st.subheader(tr("decision"))
    left, right = st.columns([3, 2])
    labelled = labelled_scores(predictor, scored)
    rule_scores, rule_labels, source = labelled
    with right:
        st.slider(
            tr("threshold"),
            0.0,
            1.0,
            step=0.001,
            format="%.3f",
            key="threshold",
            on_change=apply_band_rule,
            args=(rule_scores, rule_labels),
            help=tr("threshold_help"),
        )
        st.slider(
            tr("band"),
            0.0,
            1.0,
            step=0.001,
            format="%.3f",
            key="band",
            on_change=keep_threshold,
            help=tr("band_help"),
        )
        band_rule(rule_scores, rule_labels, source, tr)
        st.button(tr("reset"), key="reset", on_click=reset_rule, args=(predictor.threshold, predictor.band))
    threshold, band = st.session_state.threshold, tuple(st.session_state.band)
    with left:
        typed_result(texts, scores, threshold, band, tr)
    if scored is not None:
        upload_results(scored, threshold, band, tr)
    curves(scored, labelled, threshold, band, tr)
    state = st.session_state
    st.query_params.from_dict(to_query(state.text, state.per_line, threshold, band, state.lang))
    if len(state.text) > limits.LINK_CHARS:  # to_query left the text out of the link
        st.caption(tr("url_text_too_long"))
    st.caption(tr("redrawn", ms=f"{1000 * (time.perf_counter() - start):.0f}"))
