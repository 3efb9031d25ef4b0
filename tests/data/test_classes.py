"""A multi-class table's labels, and Word2Vec texts kept apart from the labelled ones."""

import pandas as pd
import pytest

from sentiment.data.inputs import unseen_texts
from sentiment.data.labels import parse_class
from sentiment.data.loaders import read_table
from sentiment.data.messages import InputError

CLASSES = ["fear", "joy", "anger"]


@pytest.mark.parametrize(("cell", "label"), [("0", 0), ("2", 2), ("2.0", 2), ("joy", 1), ("ＡＮＧＥＲ", 2)])
def test_a_class_is_its_number_or_its_name(cell, label):
    assert parse_class(cell, CLASSES, "") == label


@pytest.mark.parametrize("cell", ["3", "-1", "1.5", "pos", ""])
def test_anything_else_is_refused_saying_what_is_accepted(cell):
    with pytest.raises(InputError, match="0-2 or fear/joy/anger"):
        parse_class(cell, CLASSES, "t.csv row 2")


def test_a_table_reads_class_labels_with_classes():
    table = "review,label\n好害怕,0\n气死了,anger\n"
    loaded = read_table(table.encode(), "t.csv", classes=CLASSES)
    assert loaded.frame["label"].tolist() == [0, 2]
    with pytest.raises(InputError):
        read_table(table.encode(), "t.csv")  # without classes, labels are polarities


def test_word2vec_texts_lose_the_labelled_ones_and_their_cut_copies():
    labelled = pd.Series(["今天真的好害怕啊，怎么办才好呢，谁能来救救我们", "气死了"])
    texts = [
        "今天真的好害怕啊！怎么办才好呢，谁能来救救我们！",  # the same letters
        "今天真的好害怕啊，怎么办才好呢，谁能来救救我们吧吧吧",  # the same first 20 letters
        "气死了",
        "完全无关的一条微博",
    ]
    assert unseen_texts(texts, labelled) == ["完全无关的一条微博"]
