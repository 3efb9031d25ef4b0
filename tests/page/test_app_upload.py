"""Uploads on the page through AppTest: formats, encodings, labels, bad files, the 10,000-point panel."""

from __future__ import annotations

import base64
import io
import json

import numpy as np
import pandas as pd
import pytest

from measure.panel_timing import slider_times
from sentiment import load_predictor
from sentiment.data import limits
from sentiment.decision.temperature import reliability
from sentiment.decision.thresholds import expected_calibration_error
from sentiment.page import results
from sentiment.page.i18n import translator
from tests.app_fixtures import checkpoint_env, csv_bytes, page, reviews_table, table_with, xlsx_bytes
from tests.app_fixtures import upload as send

pytestmark = pytest.mark.usefixtures(checkpoint_env.__name__)
EN = translator("en")
TABLE = reviews_table(12)


@pytest.fixture(scope="module")
def predictor(tiny_checkpoint):
    return load_predictor(tiny_checkpoint)


def shown_table(at) -> pd.DataFrame:
    return table_with(at, EN("col_probability"))


@pytest.mark.parametrize(
    "name, content",
    [
        ("utf8.csv", csv_bytes(TABLE)),
        ("bom.csv", csv_bytes(TABLE, "utf-8-sig")),
        ("gbk.csv", csv_bytes(TABLE, "gbk")),
        ("gb18030.csv", csv_bytes(TABLE, "gb18030")),
        ("utf16.csv", csv_bytes(TABLE, "utf-16")),
        ("tabs.tsv", csv_bytes(TABLE, sep="\t")),
        ("sheet.xlsx", xlsx_bytes(TABLE)),
        ("sheet.xls", xlsx_bytes(TABLE)),  # no xls writer is installed; calamine reads by content
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_table_uploads_are_scored_with_their_labels(name: str, content: bytes, predictor) -> None:
    at = send(page(), name, content)
    assert not at.exception and not at.error
    assert at.selectbox(key="text_col").value == "review"
    assert at.selectbox(key="label_col").value == "label"
    table = shown_table(at)
    assert list(table[EN("col_text")]) == list(TABLE["review"])
    assert np.allclose(table[EN("col_probability")], predictor.predict_proba(list(TABLE["review"])))
    assert list(table[EN("col_row")]) == list(range(2, 14))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[EN("accuracy")] == "1.000"  # the tiny model separates its synthetic reviews
    assert EN("source_upload", n=12) in [c.value for c in at.caption]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_txt_upload_is_one_text_per_line(encoding: str, predictor) -> None:
    lines = ["手机很好", "", "电脑很差"]
    at = send(page(), "lines.txt", "\n".join(lines).encode(encoding))
    assert not at.error
    assert not [s for s in at.selectbox if s.key in ("text_col", "label_col")]  # no columns in a text file
    assert list(shown_table(at)[EN("col_text")]) == ["手机很好", "电脑很差"]
    assert EN("skipped_rows", n=1) in [w.value for w in at.warning]
    assert not at.metric  # no labels, no metrics
    assert EN("source_validation", n=len(predictor.checkpoint.val_scores)) in [c.value for c in at.caption]


def test_choosing_no_label_column_drops_the_metrics_and_another_text_column_rescores() -> None:
    frame = TABLE.assign(note=["好"] * 12)
    at = send(page(), "r.csv", csv_bytes(frame))
    assert at.metric
    at.selectbox(key="label_col").set_value("").run()
    assert not at.metric
    assert EN("col_label") not in shown_table(at).columns
    at.selectbox(key="text_col").set_value("note").run()
    assert set(shown_table(at)[EN("col_text")]) == {"好"}


def test_empty_cells_and_odd_label_spellings_are_counted_and_listed() -> None:
    frame = pd.DataFrame(
        {
            "review": ["手机很好", "", "电脑很差", "衣服喜欢", "牛奶难用"],
            "label": ["好评", "1", "NEG", "", " Positive "],
        }
    )
    at = send(page(), "odd.csv", csv_bytes(frame))
    table = shown_table(at)
    assert list(table[EN("col_text")]) == ["手机很好", "电脑很差", "衣服喜欢", "牛奶难用"]
    assert list(table[EN("col_label")].fillna(-1)) == [1, 0, -1, 1]  # row 5's label is empty: no label
    assert EN("skipped_rows", n=1) in [w.value for w in at.warning]
    skipped = table_with(at, EN("col_reason"))
    assert list(skipped[EN("col_row")]) == [3]
    assert list(skipped[EN("col_reason")]) == ["empty text"]
    unreadable = "Rows whose label this page cannot read: 1 (empty label × 1; rows: 5)"
    assert any(unreadable in w.value for w in at.warning)


def test_one_class_labels_keep_validation_curves(predictor) -> None:
    at = send(page(), "pos.csv", csv_bytes(TABLE[TABLE["label"] == 1]))
    assert EN("one_class") in [i.value for i in at.info]
    assert EN("source_validation", n=len(predictor.checkpoint.val_scores)) in [c.value for c in at.caption]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.csv", b"", "file is empty"),
        ("blank.txt", b"  \n\n", "file is empty"),
        ("garbage.csv", bytes(range(256)) * 40, "not a text file"),
        ("garbage.xlsx", b"PK\x03\x04 not really a zip", "cannot read as a spreadsheet"),
        ("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("noextension", b"hello", "unsupported file type '(none)'"),
        ("numbers.csv", b"id,score\n1,2\n", "no text column"),
        ("huge.txt", b"a" * (limits.UPLOAD_MB * 2**20 + 1), f"larger than the {limits.UPLOAD_MB} MB limit"),
    ],
    ids=lambda value: value if isinstance(value, str) and "." in value else "",
)
def test_bad_uploads_show_a_clear_message(name: str, content: bytes, message: str) -> None:
    at = send(page(), name, content)
    assert not at.exception
    assert len(at.error) == 1
    assert message in at.error[0].value.replace("\\", "")
    assert at.error[0].value.startswith(EN("upload_error", error=""))


def test_too_many_rows_is_refused_with_the_limit() -> None:
    at = send(page(), "many.txt", "\n".join(["好"] * (limits.ROWS + 1)).encode())
    assert f"{limits.ROWS + 1:,} texts is more than the {limits.ROWS:,}" in at.error[0].value


def test_panel_with_ten_thousand_labelled_points(predictor) -> None:
    """The slider panel recomputes every chart on 10,000 uploaded labelled scores (the bench times it)."""
    big = reviews_table(10_000, seed=2)
    at = send(page(), "big.csv", csv_bytes(big))
    assert EN("source_upload", n=10_000) in [c.value for c in at.caption]
    times = slider_times(at, (0.3, 0.6, 0.45))["server_ms"]
    assert min(times) < 1000  # the target is 150 ms on an idle machine; this guards against regressions only
    download = results.download_csv(
        at.session_state["scored"][1].frame, at.session_state["scored"][1].scores, [], 0.45, (0.45, 0.45)
    )
    assert len(pd.read_csv(io.BytesIO(download))) == 10_000


def reliability_figure(at) -> dict:
    """The reliability diagram's plotly spec (AppTest exposes charts only as protos)."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    prefix = EN("reliability_title", ece="@").split("@")[0]
    return next(s for s in specs if s["layout"]["title"]["text"].startswith(prefix))


def values(array) -> list:
    """A plotly figure array as a list (plotly writes numpy arrays as base64 typed arrays)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def test_reliability_diagram_on_validation_then_on_the_labelled_upload(predictor) -> None:
    at = page()
    figure = reliability_figure(at)
    val_scores, val_labels = predictor.checkpoint.val_scores, predictor.checkpoint.val_labels
    ece = expected_calibration_error(val_scores, val_labels)
    assert figure["layout"]["title"]["text"] == EN("reliability_title", ece=f"{ece:.3f}")
    bars, _, points = figure["data"]
    assert sum(values(bars["y"])) == len(val_scores)
    expected = reliability(val_scores, val_labels)
    full = expected["count"] > 0
    assert values(points["y"]) == pytest.approx(expected["observed"][full].tolist())
    assert values(points["text"]) == [f"{n:,}" for n in expected["count"][full]]
    at = send(at, "r.csv", csv_bytes(TABLE))
    bars = reliability_figure(at)["data"][0]
    assert sum(values(bars["y"])) == len(TABLE)
