"""python -m sentiment.score on small files: every row kept in order with its columns and a note
where it was not scored, each input and output format, the label metrics, the rule's overrides,
workers, an interrupted run, and the Ray engine against the local one."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from sentiment.batch import command
from sentiment.batch.blocks import plan
from sentiment.batch.output import metrics_path, partial_path
from sentiment.data.limits import TEXT_CHARS
from tests.synthetic import synthetic_reviews

TEXTS = [t for t, _ in synthetic_reviews(60, seed=11)]
LABELS = [y for _, y in synthetic_reviews(60, seed=11)]


def score(tmp_path, tiny_checkpoint, source, name="out.csv", *extra):
    out = tmp_path / name
    command.main([str(source), str(out), "--checkpoint", str(tiny_checkpoint), "--workers", "1", *extra])
    return out


def read(path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def hostile_csv(path):
    """A CSV with an empty text, one over the limit, an unknown label, a quoted multi-line text, a
    formula, a row with more fields than the header and one undecodable line."""
    lines = ["id,review,label"] + [f"{i},{t},{y}" for i, (t, y) in enumerate(zip(TEXTS[:20], LABELS), 1)]
    lines[3] = "3,,1"
    lines[5] = f"5,{'好' * (TEXT_CHARS + 1)},1"
    lines[7] = "7,还行,maybe"
    lines[9] = '9,"第一行\n第二行",0'
    lines[11] = "11,=SUM(A1),0"
    lines[13] = "13,x,1,extra"
    data = "\n".join(lines).encode() + b"\n"
    data = data.replace(b"\n15,", b"\n15,\xff\xfe\xfa\x81\x01\x02,", 1)
    path.write_bytes(data)
    return path


def test_every_row_is_kept_in_order_with_its_columns_and_notes(tmp_path, tiny_checkpoint, capsys):
    source = hostile_csv(tmp_path / "in.csv")
    out = read(score(tmp_path, tiny_checkpoint, source))
    assert list(out.columns) == ["id", "review", "label", "probability", "verdict", "note"]
    assert len(out) == 20 and out.loc[14, "id"] == ""  # the undecodable row: kept, its cells unreadable
    assert list(out["id"].drop(14)) == [str(i) for i in range(1, 21) if i != 15]
    notes = dict(zip(out.index + 1, out["note"]))
    assert notes[3] == "empty text" and notes[5] == f"longer than {TEXT_CHARS:,} characters"
    assert notes[7] == "unknown label 'maybe'" and notes[13].startswith("more fields than the header's")
    assert notes[15].startswith("not text in any encoding")
    skipped = {i for i, v in zip(out.index + 1, out["verdict"]) if v == "skipped"}
    assert skipped == {3, 5, 13, 15} and (out.loc[[2, 4, 12, 14], "probability"] == "").all()
    assert out.loc[8, "review"] == "第一行\n第二行" and out.loc[12, "label"] == "1,extra"
    assert out.loc[10, "review"] == "'=SUM(A1)"  # defused, as in the page's download
    assert "20 rows" in capsys.readouterr().out


def test_blocks_are_cut_between_whole_rows(tmp_path):
    source = hostile_csv(tmp_path / "in.csv")
    blocks = list(plan(source, rows=4).blocks)
    assert [b.first_row for b in blocks] == [2, 6, 10, 14, 18]
    assert blocks[2].line == 10 and blocks[3].line == 15  # row 9's text spans two lines


def test_parquet_out_and_text_json_parquet_and_xlsx_in(tmp_path, tiny_checkpoint):
    frame = pd.DataFrame({"id": range(1, 21), "review": TEXTS[:20], "label": LABELS[:20]})
    frame.loc[4, "review"] = ""
    expected = read(score(tmp_path, tiny_checkpoint, _write(frame, tmp_path / "in.csv"), "ref.csv"))
    for name in ("in.jsonl", "in.parquet", "in.xlsx"):
        out = read(score(tmp_path, tiny_checkpoint, _write(frame, tmp_path / name), f"{name}.parquet"))
        assert list(out.columns) == list(expected.columns)
        assert list(out["verdict"]) == list(expected["verdict"]), name
        assert np.allclose(
            pd.to_numeric(out["probability"]), pd.to_numeric(expected["probability"]), equal_nan=True
        )
    (tmp_path / "in.txt").write_text("\n".join([TEXTS[0], "", TEXTS[1]]) + "\n", encoding="gbk")
    out = read(score(tmp_path, tiny_checkpoint, tmp_path / "in.txt", "txt.csv"))
    assert list(out["text"]) == [TEXTS[0], "", TEXTS[1]] and list(out["note"]) == ["", "empty text", ""]


def _write(frame: pd.DataFrame, path):
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    elif path.suffix == ".parquet":
        frame.to_parquet(path, row_group_size=7)
    else:
        frame.to_excel(path, index=False)
    return path


def test_a_json_line_that_is_not_an_object_or_has_other_keys_is_noted(tmp_path, tiny_checkpoint):
    lines = [
        '{"review": "很好", "label": 1}',
        "[1, 2]",
        '{"review": "很差", "label": 0, "extra": 3}',
        "{oops",
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = read(score(tmp_path, tiny_checkpoint, tmp_path / "in.jsonl"))
    assert list(out["note"]) == [
        "",
        "not a JSON object",
        "keys not in the first line's left out: 'extra'",
        "not a JSON object",
    ]
    assert list(out["verdict"])[1::2] == ["skipped", "skipped"]


def test_labels_give_the_pages_metrics_beside_the_output(tmp_path, tiny_checkpoint, tiny_predictor, capsys):
    frame = pd.DataFrame({"review": TEXTS, "label": LABELS})
    out = score(tmp_path, tiny_checkpoint, _write(frame, tmp_path / "in.csv"))
    metrics = json.loads(metrics_path(out).read_text(encoding="utf-8"))
    scores = tiny_predictor.predict_proba(TEXTS)
    predicted = scores >= tiny_predictor.threshold
    assert metrics["labelled"] == 60
    assert metrics["metrics"]["shown"]["accuracy"] == pytest.approx(np.mean(predicted == np.array(LABELS)))
    assert "on 60 labelled rows: accuracy" in capsys.readouterr().out


def test_threshold_and_band_override_the_checkpoints(tmp_path, tiny_checkpoint):
    frame = pd.DataFrame({"review": TEXTS[:20]})
    source = _write(frame, tmp_path / "in.csv")
    everything = read(score(tmp_path, tiny_checkpoint, source, "a.csv", "--threshold", "0"))
    assert set(everything["verdict"]) == {"positive"}
    abstained = read(
        score(tmp_path, tiny_checkpoint, source, "b.csv", "--threshold", "0.5", "--band", "0", "1")
    )
    assert set(abstained["verdict"]) == {"abstained"}
    with pytest.raises(SystemExit, match="threshold 0.5 must lie inside the band"):
        score(tmp_path, tiny_checkpoint, source, "c.csv", "--threshold", "0.5", "--band", "0.6", "0.7")


def test_bad_input_is_a_message_not_a_traceback(tmp_path, tiny_checkpoint):
    (tmp_path / "in.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="no text column"):
        score(tmp_path, tiny_checkpoint, tmp_path / "in.csv")
    with pytest.raises(SystemExit, match="unsupported file type"):
        score(tmp_path, tiny_checkpoint, tmp_path / "in.pdf")
    with pytest.raises(SystemExit, match=r"written as \.csv or \.parquet"):
        score(tmp_path, tiny_checkpoint, tmp_path / "in.csv", "out.xlsx")
    assert not (tmp_path / "out.csv").exists() and not partial_path(tmp_path / "out.csv").exists()


def test_two_workers_equal_one(tmp_path, tiny_checkpoint, monkeypatch):
    monkeypatch.setattr("sentiment.batch.blocks.BLOCK_ROWS", 7)
    source = hostile_csv(tmp_path / "in.csv")
    one = score(tmp_path, tiny_checkpoint, source, "one.csv")
    command.main(
        [str(source), str(tmp_path / "two.csv"), "--checkpoint", str(tiny_checkpoint), "--workers", "2"]
    )
    assert (tmp_path / "two.csv").read_bytes() == one.read_bytes()


def test_an_interrupted_run_leaves_no_output(tmp_path, tiny_checkpoint, monkeypatch):
    source = _write(pd.DataFrame({"review": TEXTS}), tmp_path / "in.csv")

    def interrupted(*args, **kwargs):
        yield from []
        raise KeyboardInterrupt

    monkeypatch.setattr("sentiment.batch.local.run_local", interrupted)
    with pytest.raises(SystemExit, match="interrupted"):
        score(tmp_path, tiny_checkpoint, source)
    assert list(tmp_path.iterdir()) == [source]


def test_ray_equals_local_row_for_row(tmp_path, tiny_checkpoint, monkeypatch):
    ray = pytest.importorskip("ray")
    monkeypatch.setattr("sentiment.batch.blocks.BLOCK_ROWS", 7)
    source = hostile_csv(tmp_path / "in.csv")
    local = score(tmp_path, tiny_checkpoint, source, "local.csv")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        far = score(tmp_path, tiny_checkpoint, source, "ray.csv", "--engine", "ray", "--workers", "2")
    finally:
        ray.shutdown()
    assert far.read_bytes() == local.read_bytes()


def test_a_checkpoint_over_classes_is_refused_with_a_message(
    tmp_path, tiny_checkpoint, tiny_emotion_checkpoint
):
    source = hostile_csv(tmp_path / "in.csv")
    with pytest.raises(SystemExit, match="checkpoint over classes"):
        score(tmp_path, tiny_checkpoint, source, "out.csv", "--checkpoint", str(tiny_emotion_checkpoint))
    assert not (tmp_path / "out.csv").exists()
