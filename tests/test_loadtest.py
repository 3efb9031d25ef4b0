"""A short run of the load test (tests/loadtest.py): two browser sessions on one server at once see no
error and only their own text and upload. The real run (8 sessions, 60 s) is in docs/loadtest.md."""

from __future__ import annotations

import os

import pytest

from tests.serving import CHROMEDRIVER, CHROMIUM

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER) and not os.environ.get("CI"),
    reason="chromium and chromedriver not installed",
)


def test_two_sessions_at_once_stay_apart(tiny_checkpoint, tmp_path) -> None:
    from tests.loadtest import main

    short = ["--sessions", "2", "--seconds", "2", "--warmup", "0", "--out", str(tmp_path / "load.json")]
    result = main([*short, "--checkpoint", str(tiny_checkpoint)])
    assert result["errors"] == 0, result["error_samples"]
    assert result["isolation_failures"] == 0
    assert all(n >= 3 for n in result["per_session_requests"])  # typed, moved the slider, uploaded
