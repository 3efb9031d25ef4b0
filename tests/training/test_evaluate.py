import gzip
import json
import shlex
import shutil
from hashlib import sha256
from pathlib import Path

import pandas as pd
import pytest

from sentiment.core.predict import DEFAULT_CHECKPOINT
from sentiment.data import loaders
from sentiment.data.inputs import load_inputs, packaged, spelled
from sentiment.data.splits import dedup
from sentiment.training.arguments import build_parser
from sentiment.training.evaluate import (
    DATA_FLAGS,
    evaluation_sets,
    locate,
    metrics_table,
    rebuild,
    reevaluate,
    unseen,
)
from tests.synthetic import TINY_ARGS, synthetic_reviews


def loaded(rows):
    frame = pd.DataFrame(
        {
            "text": [t for t, _ in rows],
            "label": pd.array([y for _, y in rows], dtype="Int64"),
            "source": "x",
            "row": range(len(rows)),
        }
    )
    return loaders.Loaded(frame, [])


def test_unseen_drops_copies_punctuation_variants_and_truncations():
    seen = loaded([("房间很好，服务一般。", 1), ("早餐种类很多味道也不错就是价格有点贵了下次还会再来", 1)])
    seen_keys, _ = dedup(seen.frame)
    extra = loaded(
        [
            ("房间很好,服务一般.", 1),  # the same text, other punctuation
            ("早餐种类很多味道也不错就是价格有点贵了下次", 1),  # cut short: same first 20 letters
            ("前台很热情房间干净早餐种类很多味道也不错就是价格有点贵了下次还会再来", 0),  # same last 20
            ("位置偏僻，出租车都找不到", 0),  # new
            ("位置偏僻，出租车都找不到！", 0),  # a copy of the new one
        ]
    )
    out = unseen(extra, seen_keys["key"])
    assert out["text"].tolist() == ["位置偏僻，出租车都找不到"]


def test_evaluation_sets_per_corpus_and_ood():
    frame = pd.DataFrame(
        {
            "text": ["a1", "b1", "c1", "d1"],
            "label": [1, 0, 1, 0],
            "source": ["s", "t", "s", "s"],
            "key": ["a1", "b1", "c1", "d1"],
            "split": ["test", "test", "val", "train"],
        }
    )
    sets = evaluation_sets(frame, {"hotel": loaded([("d1", 0), ("e1", 1)])})
    assert set(sets) == {"test", "val", "test:s", "test:t", "ood:hotel"}
    assert sets["test:s"]["text"].tolist() == ["a1"]
    assert sets["ood:hotel"]["text"].tolist() == ["e1"]


def test_metrics_table_has_a_row_per_set(tiny_predictor):
    table = metrics_table(tiny_predictor.meta["metrics"]).splitlines()
    assert table[0].startswith("| test set | n |")
    test_row = next(line for line in table if line.startswith("| test |"))
    test = tiny_predictor.meta["metrics"]["test"]
    assert f"| {test['lstm']['accuracy']:.2%} |" in test_row
    assert f"| {test['tfidf_lr']['accuracy']:.2%} |" in test_row  # the baseline shipped with it
    assert len(table) == 2 + len(tiny_predictor.meta["metrics"])
    without = {
        name: {k: v for k, v in m.items() if k != "tfidf_lr"}
        for name, m in tiny_predictor.meta["metrics"].items()
    }
    assert "| - | - | - |" in metrics_table(without).splitlines()[2]  # an older checkpoint: no baseline


def test_recompute_gives_the_same_metrics_and_checks_the_data(tiny_checkpoint, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_checkpoint, copy)
    before = json.loads((copy / "meta.json").read_text())["metrics"]
    assert reevaluate(copy) == before
    data = Path(json.loads((copy / "meta.json").read_text())["data"][0]["path"])
    changed = tmp_path / "changed"
    shutil.copytree(copy, changed)
    meta = json.loads((changed / "meta.json").read_text())
    meta["data"][0]["sha256"] = "0" * 64
    (changed / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ValueError, match=f"data differ.*{data.name}"):
        reevaluate(changed)


def test_out_of_domain_sets_drop_texts_seen_by_word2vec():
    frame = pd.DataFrame({"text": ["a1"], "label": [1], "source": ["s"], "key": ["a1"], "split": ["train"]})
    sets = evaluation_sets(frame, {"hotel": loaded([("b1", 0), ("c1", 1)])}, w2v_texts=["B1!"])
    assert sets["ood:hotel"]["text"].tolist() == ["c1"]


def test_rebuild_finds_moved_data_under_the_data_root(tiny_checkpoint, corpus_csv, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_checkpoint, copy)
    meta = json.loads((copy / "meta.json").read_text())
    meta["command"] = meta["command"].replace(str(corpus_csv), "../gone/data0/reviews.csv")
    (copy / "meta.json").write_text(json.dumps(meta))
    assert locate("../gone/data0/reviews.csv", corpus_csv.parent.parent) == "data0/reviews.csv"  # by folder
    rebuilt = rebuild(copy, corpus_csv.parent)  # by name alone
    assert rebuilt.args.table == ["reviews.csv"]
    assert rebuilt.frame["split"].value_counts().to_dict() == meta["split_sizes"]
    with pytest.raises(FileNotFoundError):
        rebuild(copy)


def test_rebuild_from_a_checkpoint_whose_recorded_paths_do_not_exist(
    portable_checkpoint, corpus_csv, tmp_path
):
    """The recorded --data folder is gone; the data sit under another one, the package anywhere."""
    moved = tmp_path / "elsewhere"
    shutil.copytree(corpus_csv.parent, moved / corpus_csv.parent.name)
    copy = tmp_path / "copy"
    shutil.copytree(portable_checkpoint, copy)
    meta = json.loads((copy / "meta.json").read_text())
    meta["command"] = meta["command"].replace(str(corpus_csv.parent.parent), "/gone/shared/data")
    (copy / "meta.json").write_text(json.dumps(meta))
    rebuilt = rebuild(copy, moved)
    assert rebuilt.frame["split"].value_counts().to_dict() == meta["split_sizes"]
    assert len(rebuilt.inputs.w2v_texts) == 50
    with pytest.raises(FileNotFoundError):
        rebuild(copy)  # without --data: the recorded folder


def test_a_gzipped_word2vec_file_is_recorded_as_stored_and_rebuilt(tiny_checkpoint, corpus_csv, tmp_path):
    posts = [t for t, _ in synthetic_reviews(30, seed=7)]
    packed = gzip.compress(("\n".join(posts) + "\n").encode())
    (tmp_path / "weibo").mkdir()
    (tmp_path / "weibo" / "posts.txt.gz").write_bytes(packed)
    flags = ["--table", str(corpus_csv), "--w2v-texts", "weibo/posts.txt.gz"]
    inputs = load_inputs(build_parser().parse_args(["--data", str(tmp_path), *flags, "--out", "x"]))
    entry = {"path": "weibo/posts.txt.gz", "kind": "w2v_texts", "sha256": sha256(packed).hexdigest()}
    assert inputs.files[1] == entry and inputs.w2v_texts == posts
    copy = tmp_path / "copy"  # the tiny checkpoint as if trained with those flags
    shutil.copytree(tiny_checkpoint, copy)
    meta = json.loads((copy / "meta.json").read_text())
    meta["command"] += " --w2v-texts weibo/posts.txt.gz"
    meta["data"].append(entry)
    (copy / "meta.json").write_text(json.dumps(meta))
    assert rebuild(copy, tmp_path).inputs.w2v_texts == posts


def test_an_old_checkpoint_naming_another_machines_site_packages_rebuilds(
    portable_checkpoint, corpus_csv, tmp_path
):
    """Checkpoints trained before packaged files had their own spelling recorded absolute paths."""
    copy = tmp_path / "copy"
    shutil.copytree(portable_checkpoint, copy)
    meta = json.loads((copy / "meta.json").read_text())
    table = "../shared/data/data0/reviews.csv"
    lines = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/tinytexts/texts/lines.txt"
    argv = ["--table", table, "--unlabeled", lines, "--out", "runs/x", *TINY_ARGS]  # the flag's old name
    meta["command"] = "python -m sentiment.train " + shlex.join(argv)
    meta["data"][0]["path"] = table
    meta["data"][1] = {"path": lines, "kind": "unlabeled", "sha256": meta["data"][1]["sha256"]}
    (copy / "meta.json").write_text(json.dumps(meta))
    rebuilt = rebuild(copy, corpus_csv.parent.parent)
    assert rebuilt.frame["split"].value_counts().to_dict() == meta["split_sizes"]
    assert len(rebuilt.inputs.w2v_texts) == 50


def test_the_shipped_checkpoint_records_no_folder_of_the_training_machine():
    from sentiment.training.train import build_parser

    meta = json.loads((DEFAULT_CHECKPOINT / "meta.json").read_text(encoding="utf-8"))
    args = build_parser().parse_args(shlex.split(meta["command"].removeprefix("python -m sentiment.train")))
    names = [name for flag in DATA_FLAGS for name in getattr(args, flag)]
    assert all(packaged(name) or ".." not in Path(name).parts for name in names)
    assert not any(Path(name).is_absolute() for name in names)
    assert {spelled(entry) for entry in meta["data"]} == set(names)
    assert args.data == "../shared/data"  # the data README's folder, relative to the project root
