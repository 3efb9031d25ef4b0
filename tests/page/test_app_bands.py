"""The band criteria on the page: each moves the band sliders to the package's band, on the right data."""

from __future__ import annotations

import pytest

from sentiment import load_predictor
from sentiment.decision.bands import DEFAULTS, choose_band
from sentiment.page.i18n import translator
from tests.app_fixtures import checkpoint_env, csv_bytes, page, reviews_table
from tests.app_fixtures import upload as send

pytestmark = pytest.mark.usefixtures(checkpoint_env.__name__)
EN = translator("en")


@pytest.fixture(scope="module")
def predictor(tiny_checkpoint):
    return load_predictor(tiny_checkpoint)


def validation(predictor):
    return predictor.checkpoint.val_scores, predictor.checkpoint.val_labels


@pytest.mark.parametrize("rule", ["steep", "accuracy", "coverage"])
def test_each_criterion_moves_the_band_to_its_band_on_validation(rule: str, predictor) -> None:
    at = page()
    at.selectbox(key="band_rule").set_value(rule).run()
    assert not at.exception
    expected = choose_band(rule, *validation(predictor), predictor.threshold, DEFAULTS[rule])
    assert at.slider(key="band").value == pytest.approx(expected)
    data = EN("source_validation", n=len(predictor.checkpoint.val_scores))
    assert EN("rule_on", data=data) in [c.value for c in at.caption]
    value = 0.3 if rule == "steep" else 0.9
    at.slider(key=f"rule_{rule}").set_value(value).run()
    expected = choose_band(rule, *validation(predictor), predictor.threshold, value)
    assert at.slider(key="band").value == pytest.approx(expected)
    assert at.query_params["band"] == f"{expected[0]:.6g},{expected[1]:.6g}"


def test_the_band_follows_the_threshold_until_moved_by_hand(predictor) -> None:
    at = page()
    at.selectbox(key="band_rule").set_value("steep").run()
    at.slider(key="threshold").set_value(0.4).run()
    assert at.slider(key="band").value == pytest.approx(
        choose_band("steep", *validation(predictor), 0.4, 0.5)
    )
    at.slider(key="band").set_value((0.2, 0.6)).run()
    assert at.selectbox(key="band_rule").value == "manual"
    assert at.slider(key="band").value == pytest.approx((0.2, 0.6))


def test_criteria_use_the_labelled_upload_when_there_is_one() -> None:
    table = reviews_table(40, seed=3)
    at = send(page(), "labelled.csv", csv_bytes(table))
    at.selectbox(key="band_rule").set_value("coverage").run()
    assert not at.exception
    scored = at.session_state["scored"][1]
    expected = choose_band("coverage", scored.scores, scored.labels, at.slider(key="threshold").value, 0.8)
    assert at.slider(key="band").value == pytest.approx(expected)
    assert EN("rule_on", data=EN("source_upload", n=40)) in [c.value for c in at.caption]


def test_reset_returns_to_the_checkpoint_band_by_hand(predictor) -> None:
    at = page()
    at.selectbox(key="band_rule").set_value("accuracy").run()
    at.button(key="reset").click().run()
    assert at.selectbox(key="band_rule").value == "manual"
    assert at.slider(key="band").value == pytest.approx(predictor.band)
