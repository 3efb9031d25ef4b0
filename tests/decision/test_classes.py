import numpy as np
import pytest
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from sentiment.decision.classes import class_metrics, macro_f1, top_class_bins, top_class_ece

CLASSES = ["a", "b", "c", "d"]


@pytest.fixture
def predictions():
    rng = np.random.default_rng(0)
    return rng.dirichlet(np.ones(4), 300), rng.integers(0, 4, 300)


def test_metrics_agree_with_sklearn(predictions):
    proba, labels = predictions
    m = class_metrics(proba, labels, CLASSES)
    predicted = proba.argmax(axis=1)
    p, r, f, support = precision_recall_fscore_support(labels, predicted, zero_division=0)
    assert m["accuracy"] == pytest.approx(np.mean(predicted == labels))
    assert m["f1_macro"] == pytest.approx(f1_score(labels, predicted, average="macro"))
    assert m["f1_macro"] == pytest.approx(macro_f1(proba, labels))
    assert [m["per_class"][c]["precision"] for c in CLASSES] == pytest.approx(p)
    assert [m["per_class"][c]["recall"] for c in CLASSES] == pytest.approx(r)
    assert [m["per_class"][c]["f1"] for c in CLASSES] == pytest.approx(f)
    assert [m["per_class"][c]["support"] for c in CLASSES] == support.tolist()
    assert m["confusion"] == confusion_matrix(labels, predicted).tolist()


def test_a_class_never_predicted_has_zero_precision_and_f1():
    m = class_metrics([[0.9, 0.1], [0.8, 0.2]], [0, 1], ["x", "y"])
    assert m["per_class"]["y"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}


def test_ece_of_the_top_class():
    # two texts at confidence 0.8, one right: accuracy 0.5 in that bin; one at 0.6, right
    proba = [[0.8, 0.2], [0.2, 0.8], [0.6, 0.4]]
    labels = [0, 0, 0]
    bins = top_class_bins(proba, labels)
    assert (
        bins["count"][8] == 2 and bins["accuracy"][8] == 0.5 and bins["confidence"][8] == pytest.approx(0.8)
    )
    assert bins["accuracy"][0] is None
    assert top_class_ece(proba, labels) == pytest.approx((2 * 0.3 + 0.4) / 3)
    assert top_class_ece([[0.0, 1.0]], [1]) == 0.0  # probability 1 falls in the last bin


@pytest.mark.parametrize(
    ("proba", "labels"),
    [([0.2, 0.8], [1, 0]), ([[0.5, 0.5]], [2]), ([[1.2, -0.2]], [0]), ([[0.5, 0.5]], [0, 1])],
)
def test_bad_input_is_refused(proba, labels):
    with pytest.raises(ValueError):
        class_metrics(proba, labels, ["x", "y"])
