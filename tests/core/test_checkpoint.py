import ast
import json
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from sentiment import load_predictor
from sentiment.core.bagofwords import BASELINE_JSON, BASELINE_WEIGHTS
from sentiment.core.checkpoint import (
    META,
    VALIDATION,
    VECTORS,
    VECTORS_V1,
    WEIGHTS,
    load_checkpoint,
    save_checkpoint,
)

TEXTS = ["手机很好", "服务恶劣", "", "😀", "完全没见过的词语组合"]


def test_round_trip_gives_identical_predictions(tiny_checkpoint, tmp_path):
    first = load_predictor(tiny_checkpoint)
    save_checkpoint(tmp_path / "copy", first.checkpoint)
    second = load_predictor(tmp_path / "copy")
    np.testing.assert_array_equal(first.predict_proba(TEXTS), second.predict_proba(TEXTS))
    assert second.meta["command"] == first.meta["command"]
    np.testing.assert_array_equal(first.checkpoint.val_scores, second.checkpoint.val_scores)


def test_checkpoint_holds_only_safe_files(tiny_checkpoint):
    names = [META, WEIGHTS, VECTORS, VALIDATION, BASELINE_JSON, BASELINE_WEIGHTS]
    assert sorted(p.name for p in tiny_checkpoint.iterdir()) == sorted(names)
    assert (tiny_checkpoint / WEIGHTS).read_bytes()[:1] != b"\x80"


@pytest.fixture
def broken(tiny_checkpoint, tmp_path):
    target = tmp_path / "broken"
    shutil.copytree(tiny_checkpoint, target)
    return target


def test_pickled_weights_are_refused(broken):
    (broken / WEIGHTS).write_bytes(pickle.dumps({"embedding.weight": [1, 2, 3]}))
    with pytest.raises(ValueError, match="not a safetensors file"):
        load_checkpoint(broken)


def test_torch_save_weights_are_refused(broken):
    torch.save({"embedding.weight": torch.zeros(2)}, broken / WEIGHTS)
    with pytest.raises(ValueError, match="not a safetensors file"):
        load_checkpoint(broken)


def test_malformed_json_is_refused(broken):
    (broken / META).write_text("{not json")
    with pytest.raises(ValueError, match="meta.json: not valid JSON"):
        load_checkpoint(broken)


def test_wrong_format_is_refused(broken):
    meta = json.loads((broken / META).read_text())
    meta["version"] = 99
    (broken / META).write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="version 99"):
        load_checkpoint(broken)


def test_weights_that_do_not_fit_are_refused(broken):
    meta = json.loads((broken / META).read_text())
    meta["model"]["hidden"] = 9
    (broken / META).write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="weights do not fit"):
        load_checkpoint(broken)


def test_missing_files_are_named(broken):
    (broken / VECTORS).unlink()
    with pytest.raises(ValueError, match="missing vectors.safetensors"):
        load_checkpoint(broken)


def test_pickled_vectors_are_refused(broken):
    (broken / VECTORS).write_bytes(pickle.dumps(np.zeros((3, 3))))
    with pytest.raises(ValueError, match="not a vectors file"):
        load_checkpoint(broken)


def test_a_version_1_checkpoint_with_word2vec_binary_vectors_still_loads(broken):
    """Checkpoints saved before version 2 hold vectors.bin."""
    from gensim.models import KeyedVectors

    before = load_predictor(broken)
    kv = KeyedVectors(vector_size=before.vectors.vector_size)
    kv.add_vectors(before.vectors.index_to_key, before.vectors.vectors)
    kv.save_word2vec_format(str(broken / VECTORS_V1), binary=True)
    (broken / VECTORS).unlink()
    meta = json.loads((broken / META).read_text())
    (broken / META).write_text(json.dumps({**meta, "version": 1}))
    after = load_predictor(broken)
    assert after.vectors.index_to_key == before.vectors.index_to_key
    np.testing.assert_array_equal(after.predict_proba(TEXTS), before.predict_proba(TEXTS))
    save_checkpoint(broken.parent / "resaved", load_checkpoint(broken))  # written as version 2
    again = load_predictor(broken.parent / "resaved")
    assert again.meta["version"] == 2 and again.vectors.index_to_key == before.vectors.index_to_key
    np.testing.assert_array_equal(again.predict_proba(TEXTS), before.predict_proba(TEXTS))


def test_not_a_directory(tmp_path):
    with pytest.raises(ValueError, match="checkpoint directory not found"):
        load_checkpoint(tmp_path / "nowhere")


def test_missing_training_settings_are_refused(broken):
    meta = json.loads((broken / META).read_text())
    del meta["train"]
    (broken / META).write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="bad model settings.*'train'"):
        load_checkpoint(broken)


def test_validation_scores_out_of_range_are_refused(broken):
    (broken / VALIDATION).write_text(json.dumps({"scores": [0.5, 7.0], "labels": [0, 1]}))
    with pytest.raises(ValueError, match=r"scores must lie in \[0, 1\]"):
        load_checkpoint(broken)


@pytest.mark.parametrize("name", [META, VALIDATION])
def test_pickled_or_malformed_json_files_are_refused(broken, name):
    for content in (pickle.dumps({"format": "word2vec-lstm-sentiment"}), b'{"scores": [0.5,', b"\xff\xfe{}"):
        (broken / name).write_bytes(content)
        with pytest.raises(ValueError, match=f"{name}: not valid JSON"):
            load_checkpoint(broken)


def test_json_that_is_not_an_object_is_refused(broken):
    (broken / VALIDATION).write_text("[0.5, 1]")
    with pytest.raises(ValueError, match="validation.json: expected a JSON object"):
        load_checkpoint(broken)


UNSAFE_LOADERS = ("torch", "pickle", "np", "numpy", "joblib")


def test_the_package_never_unpickles():
    """No module imports pickle/joblib/dill or calls torch.load, numpy.load with pickles, or eval."""
    package = Path(__file__).resolve().parents[2] / "sentiment"
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not {"pickle", "joblib", "dill", "cloudpickle", "shelve"} & set(names), path
            if isinstance(node, ast.Attribute) and node.attr in ("load", "loads"):
                call = f"{ast.unparse(node.value)}.{node.attr}"
                assert call.split(".")[0] not in UNSAFE_LOADERS, f"{path}: {call}"
            if isinstance(node, ast.Name):
                assert node.id not in ("eval", "exec"), path
