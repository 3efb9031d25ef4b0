"""The page's pure helpers: verdicts, link state, markdown escaping, downloads, neighbors, figures."""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest

from sentiment.core.embeddings import WordVectors
from sentiment.data.loaders import Skipped
from sentiment.data.messages import ENGLISH_GRAMMAR
from sentiment.decision.temperature import reliability as reliability_bins
from sentiment.decision.verdict import describe, verdict_text
from sentiment.page import charts
from sentiment.page.i18n import STRINGS, translator
from sentiment.page.markup import escape_markdown, segmentation_markdown
from sentiment.page.pagestate import from_query, initial_state, to_query
from sentiment.page.results import download_csv, lines_frame
from sentiment.page.teaching_charts import axis_chart, contribution_bars, gate_heatmap, reading_curve
from sentiment.teaching.neighbors import neighbor_table, pca_2d, scatter_points, typed_words

EN, ZH = translator("en"), translator("zh")


@pytest.mark.parametrize(
    "score, band, english",
    [
        (0.58, (0.4, 0.6), "abstained: 0.02 short of positive"),
        (0.43, (0.4, 0.6), "abstained: 0.03 short of negative"),
        (0.6, (0.4, 0.6), "abstained: 0.00 short of positive"),
        (0.75, (0.4, 0.6), "positive: 0.15 above the band"),
        (0.1, (0.4, 0.6), "negative: 0.30 below the band"),
        (0.5, (0.5, 0.5), "positive: 0.00 above the threshold"),
        (0.502, (0.5, 0.5), "positive: < 0.01 above the threshold"),
        (0.2, (0.5, 0.5), "negative: 0.30 below the threshold"),
    ],
)
def test_verdict_text(score: float, band: tuple[float, float], english: str) -> None:
    assert verdict_text(describe(score, 0.5, band), EN) == english


def test_verdict_text_in_chinese() -> None:
    assert verdict_text(describe(0.58, 0.5, (0.4, 0.6)), ZH) == "弃权：距正面还差 0.02"


def test_every_string_has_both_languages_and_the_same_fields() -> None:
    """Chinese names every field English does, except English's plural and verb agreement."""
    for key, (zh, en) in STRINGS.items():
        assert zh and en, key
        zh_fields, en_fields = (set(re.findall(r"\{(\w+)", text)) for text in (zh, en))
        assert zh_fields <= en_fields, key
        assert en_fields - zh_fields <= ENGLISH_GRAMMAR, key


def test_link_round_trip_and_long_text() -> None:
    params = to_query("质量很好", True, 0.42, (0.3, 0.5), "en")
    assert from_query(params) == {
        "text": "质量很好",
        "per_line": True,
        "threshold": 0.42,
        "band": (0.3, 0.5),
        "lang": "en",
    }
    assert "text" not in to_query("好" * 1001, False, 0.5, (0.5, 0.5), "zh")


def test_initial_state_fits_the_band_around_a_linked_threshold() -> None:
    defaults = {"text": "", "per_line": False, "threshold": 0.5, "band": (0.4, 0.6), "lang": "zh"}
    assert initial_state({"band": "0.7,0.8"}, defaults)["band"] == (0.5, 0.8)
    assert initial_state({"t": "-1", "band": "0.6,0.4"}, defaults) == defaults


def test_markdown_escaping_defuses_links_colours_and_html() -> None:
    escaped = escape_markdown("[点我](javascript:x) :red[x] <img> $x$")
    assert escaped == r"\[点我\]\(javascript\:x\) \:red\[x\] \<img\> \$x\$"
    assert segmentation_markdown(["好", "]坏["], [True, False]) == "好 · :orange-background[\\]坏\\[]"


def test_download_has_one_line_per_input_row_in_file_order() -> None:
    frame = lines_frame(["好", "差", "一般"]).assign(row=[2, 4, 5])
    skipped = [Skipped("f.csv", 3, "empty text"), Skipped("f.csv", 6, "empty label", "还行")]
    table = pd.read_csv(io.BytesIO(download_csv(frame, np.array([0.9, 0.1, 0.5]), skipped, 0.5, (0.4, 0.6))))
    assert list(table["row"]) == [2, 3, 4, 5, 6]
    assert list(table["verdict"]) == ["positive", "skipped", "negative", "abstained", "skipped"]
    assert list(table["note"].fillna("")) == ["", "empty text", "", "", "empty label"]
    assert list(table["text"].fillna("")) == ["好", "", "差", "一般", "还行"]  # nothing typed is lost


def test_neighbors_and_pca_points() -> None:
    vectors = WordVectors(
        ["好", "棒", "差", "坏"], np.array([[1, 0, 0], [0.9, 0.1, 0], [-1, 0, 0.1], [-0.9, 0, 0]])
    )
    table = neighbor_table(vectors, ["好", "<b>未知</b>"], 2)
    assert list(table["word"]) == ["好", "好"] and table["neighbor"].iloc[0] == "棒"  # unknown words skipped
    points = scatter_points(vectors, table, {"好": 0.9, "棒": 0.8, "差": 0.1, "坏": 0.2}, EN)
    assert list(points["chosen"]) == [True, False, False]
    assert "similarity to '好'" in points["hover"][1]
    assert pca_2d(vectors.vectors[:1]).shape == (1, 2)
    assert typed_words("好，棒 好") == ["好", "棒"]


def test_figures_mark_the_rule() -> None:
    fig = charts.histogram(np.array([0.1, 0.5, 0.9]), np.array([0, 1, 1]), 0.5, (0.4, 0.6), EN)
    assert [s.type for s in fig.layout.shapes] == ["rect", "line"]
    assert sum(sum(trace.y) for trace in fig.data) == 3
    scale = charts.probability_scale(0.55, 0.5, (0.4, 0.6), EN)
    assert scale.data[0].marker.color == charts.ABSTAIN


def test_an_axis_without_words_shows_its_poles() -> None:
    fig = axis_chart([], [], ("差", "好"), EN)
    assert list(fig.data[0].text) == ["差", "好"] and fig.layout.xaxis.range == (-0.1, 1.1)


HOSTILE = ['"', "'", "<b>粗</b>", "&", "<script>x</script>"]
SHOWN = ['"', "'", "&lt;b&gt;粗&lt;/b&gt;", "&amp;", "&lt;script&gt;x&lt;/script&gt;"]  # plotly decodes once


def test_words_in_figures_are_escaped_once_for_plotly() -> None:
    """plotly.js reads figure text as HTML tags and decodes &amp; &lt; &gt; (not &quot;): a quote
    escaped as &quot; showed as &quot; on an axis."""
    n = len(HOSTILE)
    bars = contribution_bars(HOSTILE, np.zeros(n), EN)
    assert list(bars.layout.xaxis.ticktext) == SHOWN and list(bars.data[0].customdata) == SHOWN
    assert list(reading_curve(HOSTILE, np.zeros(n), 0.5, (0.5, 0.5), EN).data[0].customdata) == SHOWN
    gates = gate_heatmap(HOSTILE, np.zeros((1, n)), ["a"], "t")
    assert np.array(gates.data[0].customdata)[0].tolist() == SHOWN
    assert list(axis_chart(HOSTILE, [0.5] * n, ('"', "'"), EN).data[0].text) == ['"', "'", *SHOWN]
    vectors = WordVectors(HOSTILE, np.eye(n)[::-1] + 0.1)
    table = neighbor_table(vectors, HOSTILE[:1], 1)
    points = scatter_points(vectors, table, dict.fromkeys(HOSTILE, 0.5), EN)
    scatter = charts.neighbor_scatter(points, EN)
    shown = dict(zip(HOSTILE, SHOWN))
    assert [list(t.text) for t in scatter.data] == [[shown[points["word"][1]]], [shown['"']]]
    assert "similarity to '\"'" in scatter.data[0].customdata[0][0]


@pytest.mark.parametrize("n", [3, 5_000])
def test_count_axes_tick_whole_numbers(n: int) -> None:
    """A handful of texts gets ticks 0, 1, 2, ... (plotly's own would step by 0.5); many keep plotly's."""
    scores = np.random.default_rng(0).random(n)
    labels = (scores > 0.5).astype(np.int64)
    histogram = charts.histogram(scores, labels, 0.5, (0.4, 0.6), EN).layout.yaxis
    reliability = charts.reliability_chart(reliability_bins(scores, labels), 0.0, EN).layout.yaxis2
    for axis in (histogram, reliability):
        assert axis.tickformat == ",d"
        assert (axis.tickmode, axis.dtick) == (("linear", 1) if n < 10 else ("auto", None))
