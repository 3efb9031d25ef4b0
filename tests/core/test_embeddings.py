import numpy as np
import pytest
from gensim.models import KeyedVectors
from safetensors import safe_open

from sentiment.core.embeddings import (
    WordVectors,
    load_vectors,
    load_word2vec_binary,
    save_vectors,
    train_word2vec,
)


@pytest.fixture
def vectors():
    words = ["好", "棒", "差", "手机"]
    matrix = np.array([[1, 0, 0], [0.9, 0.1, 0], [-1, 0, 0.2], [0, 1, 0]], dtype=np.float32)
    return WordVectors(words, matrix)


def test_most_similar_by_hand(vectors):
    # cos(好, 棒) = 0.9 / sqrt(0.82); cos(好, 手机) = 0; cos(好, 差) = -1 / sqrt(1.04)
    result = vectors.most_similar("好", k=3)
    assert [w for w, _ in result] == ["棒", "手机", "差"]
    assert result[0][1] == pytest.approx(0.9 / np.sqrt(0.82), abs=1e-6)
    assert result[2][1] == pytest.approx(-1 / np.sqrt(1.04), abs=1e-6)


def test_most_similar_caps_k_and_rejects_unknown_words(vectors):
    assert len(vectors.most_similar("好", k=100)) == 3
    with pytest.raises(KeyError, match="'坏' is not in the vocabulary"):
        vectors.most_similar("坏")
    with pytest.raises(ValueError, match="k must be at least 1"):
        vectors.most_similar("好", k=0)


def test_most_similar_leaves_hidden_words_out_and_still_gives_k(vectors):
    assert [w for w, _ in vectors.most_similar("好", k=2, hide={"棒", "不在词表"})] == ["手机", "差"]
    assert len(vectors.most_similar("好", k=100, hide={"棒"})) == 2
    assert [w for w, _ in vectors.most_similar("棒", k=1, hide={"棒"})] == [
        "好"
    ]  # the key itself is no neighbor anyway


def test_vectors_round_trip_at_8_bits_keeps_words_values_and_neighbors(tmp_path):
    rng = np.random.default_rng(0)
    words = [f"词{i}" for i in range(300)]
    original = WordVectors(words, rng.normal(size=(300, 16)).astype(np.float32))
    save_vectors(original, tmp_path / "v.safetensors")
    loaded = load_vectors(tmp_path / "v.safetensors")
    assert loaded.index_to_key == words
    step = np.abs(original.vectors).max(axis=1, keepdims=True) / 127
    assert np.all(np.abs(loaded.vectors - original.vectors) <= step / 2 + 1e-6)
    same = [
        len({w for w, _ in original.most_similar(w, 10)} & {w for w, _ in loaded.most_similar(w, 10)})
        for w in words[:50]
    ]
    assert np.mean(same) >= 9.5
    with safe_open(str(tmp_path / "v.safetensors"), framework="numpy") as f:
        assert f.get_tensor("vectors").dtype == np.int8 and f.get_tensor("scale").shape == (300,)


def test_a_vectors_file_that_is_not_one_is_refused(tmp_path):
    from safetensors.numpy import save_file

    (tmp_path / "pickle.safetensors").write_bytes(b"\x80\x04\x95pickle")
    save_file(
        {"vectors": np.zeros((2, 2), np.float32), "scale": np.ones(2, np.float32)},
        str(tmp_path / "floats.safetensors"),
        metadata={"words": '["a", "b"]'},
    )
    save_file(
        {"vectors": np.zeros((2, 2), np.int8), "scale": np.ones(2, np.float32)},
        str(tmp_path / "twice.safetensors"),
        metadata={"words": '["a", "a"]'},
    )
    for name, message in [("pickle", "not a vectors file"), ("floats", "shape"), ("twice", "listed twice")]:
        with pytest.raises(ValueError, match=message):
            load_vectors(tmp_path / f"{name}.safetensors")


def test_head_is_the_first_words(vectors):
    head = vectors.head(1)
    assert head.index_to_key == vectors.index_to_key[:1] and len(head) == 1
    assert vectors.head(len(vectors) + 5) is vectors


def test_ranked_puts_the_counted_words_first_and_keeps_the_order_of_ties(vectors):
    ranked = vectors.ranked({"手机": 5, "差": 5, "棒": 1, "不在词表": 9})
    assert ranked.index_to_key == ["差", "手机", "棒", "好"]  # 差 before 手机 as before; 好 uncounted
    for word in vectors.index_to_key:
        row = vectors.vectors[vectors.key_to_index[word]]
        np.testing.assert_array_equal(ranked.vectors[ranked.key_to_index[word]], row)
    assert vectors.ranked({}).index_to_key == vectors.index_to_key


def test_reads_gensims_own_binary_files(tmp_path):
    kv = KeyedVectors(vector_size=4)
    kv.add_vectors(["一", "二", "三"], np.arange(12, dtype=np.float32).reshape(3, 4))
    kv.save_word2vec_format(str(tmp_path / "g.bin"), binary=True)
    ours = load_word2vec_binary(tmp_path / "g.bin")
    np.testing.assert_array_equal(ours.vectors, kv.vectors)
    assert ours.index_to_key == ["一", "二", "三"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x80\x04\x95pickle", "bad header"),
        (b"2 3\n\xe5\xa5\xbd " + b"\0" * 12 + b"\n", "corrupt"),  # one word where two are announced
        (b"1 3\n\xe5\xa5\xbd " + b"\0" * 20, "corrupt"),  # trailing bytes
    ],
)
def test_corrupt_files_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.bin"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        load_word2vec_binary(path)


def test_train_word2vec_is_reproducible_and_frequency_ranked():
    sentences = [["手机", "很", "好"], ["手机", "很", "差"], ["手机"]] * 20  # 60, 40, 20, 20
    a = train_word2vec(sentences, vector_size=8, min_count=1, seed=3)
    b = train_word2vec(sentences, vector_size=8, min_count=1, seed=3)
    assert a.index_to_key[0] == "手机"
    np.testing.assert_array_equal(a.vectors, b.vectors)
    assert train_word2vec(sentences, vector_size=8, min_count=1, max_vocab=2, seed=3).index_to_key == [
        "手机",
        "很",
    ]


def test_subword_vectors_share_what_words_with_the_same_characters_learn():
    """fastText's vectors: 好看 and 好看看 (never in the same context) come out closer than Word2Vec's."""
    sentences = [["这个", "好看"], ["那个", "好看看"], ["手机", "很", "差"], ["屏幕", "很", "亮"]] * 30

    def similarity(vectors):
        unit = vectors.unit_vectors
        return float(unit[vectors.key_to_index["好看"]] @ unit[vectors.key_to_index["好看看"]])

    plain = train_word2vec(sentences, vector_size=8, min_count=1, seed=3)
    sub = train_word2vec(sentences, vector_size=8, min_count=1, seed=3, subwords=True)
    again = train_word2vec(sentences, vector_size=8, min_count=1, seed=3, subwords=True)
    np.testing.assert_array_equal(sub.vectors, again.vectors)
    assert sub.index_to_key == plain.index_to_key
    assert similarity(sub) > similarity(plain) + 0.1
