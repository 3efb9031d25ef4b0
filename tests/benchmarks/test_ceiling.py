import json

import numpy as np
from scipy import sparse

from sentiment.benchmarks.ceiling import NbLogistic, main, nb_ratio
from tests.synthetic import synthetic_reviews


def test_nb_ratio_signs_columns_by_the_class_that_uses_them():
    features = sparse.csr_matrix(np.array([[1, 0, 1], [2, 0, 1], [0, 3, 1], [0, 1, 1]], dtype=float))
    ratio = nb_ratio(features, np.array([1, 1, 0, 0]))
    assert ratio[0] > 0 > ratio[1]
    assert abs(ratio[2]) < 1e-12  # in every text of both classes: no evidence either way
    assert ratio[0] == -ratio[1]  # counts are binarised: three uses of a word in one text count once


def test_nb_model_learns_from_characters_alone():
    rows = synthetic_reviews(400)
    texts, labels = [t for t, _ in rows], np.array([y for _, y in rows])
    tokens = [list(t) for t in texts]
    model = NbLogistic().fit(texts[:300], tokens[:300], labels[:300])
    assert np.mean((model.predict_proba(texts[300:], tokens[300:]) >= 0.5) == labels[300:]) > 0.95
    no_words = model.predict_proba(texts[300:], [[] for _ in texts[300:]])
    assert np.mean((no_words >= 0.5) == labels[300:]) > 0.9


def test_report_matches_the_checkpoints_own_figures(tiny_checkpoint, tmp_path):
    out = tmp_path / "ceiling.md"
    report = main([str(tiny_checkpoint), "--out", str(out)])
    metrics = json.loads((tiny_checkpoint / "meta.json").read_text())["metrics"]
    assert set(report["sets"]) == set(metrics)
    for name, row in report["sets"].items():
        assert row["n"] == metrics[name]["n"]
        assert row["lstm"] == metrics[name]["lstm"]["accuracy"]
        assert row["tfidf_baseline"] == metrics[name]["tfidf_lr"]["accuracy"]
        assert 0.5 < row["nb_words_chars"] <= 1
    assert json.loads(out.with_suffix(".json").read_text()) == report
    table = out.read_text(encoding="utf-8").splitlines()
    assert len(table) == 4 + len(report["sets"])
    test = report["sets"]["test"]
    assert f"| test | {test['n']:,} | {100 * test['lstm']:.2f} %" in table[4]
