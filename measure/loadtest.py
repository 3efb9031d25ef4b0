"""Load test: several headless Chromium sessions on one `streamlit run` server at once, each typing
its own texts, uploading its own files and moving the threshold, for a while. Every action waits for
the page's answer; each session checks that it sees no error and only its own text and upload. Not
a test (it takes minutes and a quiet machine):

    flock /tmp/heavy.lock python -m measure.loadtest --sessions 8 --seconds 60

Writes results/loadtest.json: sessions, requests (actions answered), errors, isolation failures, time
to verdict (p50/p95), and the server's resident memory before, after warm-up and at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from measure.big_upload import Sampler
from tests.serving import ROOT, chromium, cpu_seconds, memory_mb, streamlit_server
from tests.synthetic import synthetic_reviews

ERRORS = "[data-testid='stException'], [data-testid='stAlertContentError']"
MARKER = re.compile(r"zq(\d+)x\d+")  # a session's marker word: zq<session>x<step>
FILE = re.compile(r"load-s(\d+)-\d+\.csv")
VERDICT = "//h3[contains(., 'above') or contains(., 'below') or contains(., 'short of')]"
STALE = "[data-stale='true']"  # elements of the previous run, not yet redrawn
WAIT = 120  # seconds an action may take before it counts as an error
POLL = 0.2  # seconds between two looks at a page: every look costs the browser a layout
PANEL_MS = re.compile(r"panel drawn in (\d+) ms of server time")
WINDOW = "--window-size=1200,900"


@dataclass
class Session:
    """One browser session's record."""

    number: int
    requests: dict[str, int] = field(default_factory=lambda: {"type": 0, "upload": 0, "slider": 0})
    verdict_s: list[float] = field(default_factory=list)
    panel_ms: list[int] = field(default_factory=list)  # the page's own figure: server time of the panel
    action_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # other sessions' markers or files seen


def body(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def check(driver, session: Session, text: str) -> None:
    """Record error elements, and any marker or file name that is not this session's."""
    if found := driver.find_elements(By.CSS_SELECTOR, ERRORS):
        session.errors += [e.text[:200] for e in found]
    others = {int(n) for n in MARKER.findall(text) + FILE.findall(text)} - {session.number}
    session.foreign += [f"session {n}" for n in sorted(others)]


def type_text(driver, session: Session, step: int) -> None:
    """A new review with this session's marker; waits for its verdict and its words on the page."""
    marker = f"zq{session.number}x{step}"
    review = f"{synthetic_reviews(1, seed=session.number * 1000 + step)[0][0]} {marker}"
    box = driver.find_element(By.CSS_SELECTOR, "textarea")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE, review, Keys.CONTROL, Keys.ENTER)
    start = time.perf_counter()
    WebDriverWait(driver, WAIT, poll_frequency=POLL).until(
        lambda d: (
            parse_qs(urlsplit(d.current_url).query).get("text") == [review]
            and marker in body(d)
            and d.find_elements(By.XPATH, VERDICT)
            and not d.find_elements(By.CSS_SELECTOR, STALE)
        )
    )
    session.verdict_s.append(time.perf_counter() - start)
    session.panel_ms += [int(ms) for ms in PANEL_MS.findall(body(driver))]
    session.requests["type"] += 1


def upload_file(driver, session: Session, step: int, folder: Path) -> None:
    """A small CSV of 3 + session-number rows named after the session; waits for its scores."""
    path = folder / f"load-s{session.number}-{step}.csv"
    rows = synthetic_reviews(3 + session.number, seed=session.number)
    path.write_text("label,review\n" + "".join(f"{y},{t}\n" for t, y in rows), encoding="utf-8")
    driver.find_element(By.CSS_SELECTOR, "input[type='file']").send_keys(str(path))
    WebDriverWait(driver, WAIT, poll_frequency=POLL).until(
        lambda d: f"Scores for {path.name}" in (text := body(d)) and f"{len(rows)} texts scored" in text
    )
    session.requests["upload"] += 1


def move_slider(driver, session: Session, step: int) -> None:
    """The threshold one page up or down; waits until the link carries the new value."""
    before = parse_qs(urlsplit(driver.current_url).query)["t"]
    thumb = driver.find_element(By.CSS_SELECTOR, "input[type='range'][aria-label='Threshold']")
    thumb.send_keys(Keys.PAGE_UP if step % 2 else Keys.PAGE_DOWN)
    WebDriverWait(driver, WAIT, poll_frequency=POLL).until(
        lambda d: parse_qs(urlsplit(d.current_url).query).get("t") != before
    )
    session.requests["slider"] += 1


def run_session(url: str, session: Session, seconds: float, folder: Path, ready: threading.Barrier) -> None:
    """Open the page, wait for every other session to have it open too, then act for ``seconds``."""
    driver = chromium(folder / f"profile-{session.number}", flags=[WINDOW])
    try:
        driver.get(f"{url}/?lang=en")
        WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "textarea"))
        ready.wait()
        until, step = time.perf_counter() + seconds, 0
        while time.perf_counter() < until:
            for action in (type_text, move_slider) + ((upload_file,) if step % 3 == 0 else ()):
                start = time.perf_counter()
                try:
                    if action is upload_file:
                        action(driver, session, step, folder)
                    else:
                        action(driver, session, step)
                except Exception as error:  # a timeout or a lost page: counted, and the session goes on
                    session.errors.append(f"{action.__name__}: {type(error).__name__}")
                session.action_s.append(time.perf_counter() - start)
                check(driver, session, body(driver))
            step += 1
    finally:
        driver.quit()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=20, help="seconds of the run counted as warm-up")
    parser.add_argument("--checkpoint", help="checkpoint directory (default: the shipped one)")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "loadtest.json")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="loadtest-"))
    sessions = [Session(n) for n in range(args.sessions)]
    with streamlit_server(args.checkpoint) as (url, server):
        before = memory_mb(server.pid)[0]
        cpu_before = cpu_seconds(server.pid)
        ready = threading.Barrier(args.sessions + 1)
        threads = [
            threading.Thread(target=run_session, args=(url, s, args.seconds, folder, ready)) for s in sessions
        ]
        for thread in threads:
            thread.start()
        ready.wait()  # every browser has the page open
        start = time.perf_counter()
        sampler = Sampler(server.pid)
        sampler.start()
        for thread in threads:
            thread.join()
        sampler.running = False
        sampler.join()
        elapsed = time.perf_counter() - start
        end = memory_mb(server.pid)[0]
        server_cpu = cpu_seconds(server.pid) - cpu_before
    samples = np.array(sampler.samples)
    warm = samples[samples[:, 0] >= args.warmup]
    verdicts = np.array([t for s in sessions for t in s.verdict_s])
    panel = np.array([ms for s in sessions for ms in s.panel_ms])
    result = {
        "sessions": args.sessions,
        "seconds": round(elapsed, 1),
        "checkpoint": args.checkpoint or "assets/default",
        "cpus": len(os.sched_getaffinity(0)),
        "requests": sum(sum(s.requests.values()) for s in sessions),
        "requests_by_kind": {k: sum(s.requests[k] for s in sessions) for k in sessions[0].requests},
        "errors": sum(len(s.errors) for s in sessions),
        "error_samples": [e for s in sessions for e in s.errors][:10],
        "isolation_failures": sum(len(s.foreign) for s in sessions),
        "verdicts": len(verdicts),
        "verdict_p50_s": round(float(np.percentile(verdicts, 50)), 2) if len(verdicts) else None,
        "verdict_p95_s": round(float(np.percentile(verdicts, 95)), 2) if len(verdicts) else None,
        "panel_server_ms_p50": round(float(np.percentile(panel, 50))) if len(panel) else None,
        "panel_server_ms_p95": round(float(np.percentile(panel, 95))) if len(panel) else None,
        "server_cpu_s": round(server_cpu, 1),
        "action_p95_s": round(float(np.percentile([t for s in sessions for t in s.action_s], 95)), 2),
        "rss_before_mb": round(before),
        "rss_after_warmup_mb": round(float(warm[0, 1])) if len(warm) else None,
        "rss_end_mb": round(end),
        "rss_max_after_warmup_mb": round(float(warm[:, 1].max())) if len(warm) else None,
        "rss_peak_mb": round(float(samples[:, 1].max())),
        "per_session_requests": [sum(s.requests.values()) for s in sessions],
    }
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
