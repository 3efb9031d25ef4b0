"""Measure a 200,000-row upload end to end: a real `streamlit run` server on the shipped checkpoint,
the file uploaded and the scored CSV downloaded through headless Chromium, the server's resident
memory sampled throughout. Not a test (it takes minutes); run it on a quiet machine:

    flock /tmp/heavy.lock python -m measure.big_upload \\
        --source ../shared/data/chinese_nlp_corpus/online_shopping_10_cats.csv

The texts are the source's reviews over and over (synthetic ones without --source), with three
hostile rows planted: an empty text, one over the character limit and an unknown label. Writes
results/upload200k.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from sentiment.data import limits
from tests.serving import ROOT, chromium, memory_mb, streamlit_server
from tests.synthetic import synthetic_reviews

PLANTED = {10: ("", "1"), 20: ("好" * (limits.TEXT_CHARS + 1), "1"), 30: ("还行", "maybe")}


def big_table(rows: int, source: Path | None) -> pd.DataFrame:
    """``rows`` reviews (label, review) cycled from ``source``, with the PLANTED rows in place."""
    if source is None:
        base = pd.DataFrame(synthetic_reviews(5000), columns=["review", "label"]).astype(str)
    else:
        base = pd.read_csv(source, dtype=str, keep_default_na=False)[["review", "label"]]
    table = base.iloc[[i % len(base) for i in range(rows)]].reset_index(drop=True)
    for i, (text, label) in PLANTED.items():
        table.loc[i, ["review", "label"]] = [text, label]
    return table


class Sampler(threading.Thread):
    """The server's resident memory every 0.2 s, with the time of each sample."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.samples, self.running = pid, [], True

    def run(self) -> None:
        start = time.perf_counter()
        while self.running:
            self.samples.append((time.perf_counter() - start, memory_mb(self.pid)[0]))
            time.sleep(0.2)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="CSV with review and label columns (default: synthetic)")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "upload200k.json")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bigupload-"))
    path = work / "big.csv"
    big_table(args.rows, args.source).to_csv(path, index=False)
    downloads = work / "downloads"
    downloads.mkdir()
    with streamlit_server(None) as (url, server):
        browser = chromium(work / "profile", downloads)
        allow = {"behavior": "allow", "downloadPath": str(downloads)}
        browser.execute_cdp_cmd("Page.setDownloadBehavior", allow)
        try:
            browser.get(f"{url}/?lang=en")
            WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "input[type='file']"))
            idle = memory_mb(server.pid)[0]
            sampler = Sampler(server.pid)
            sampler.start()
            start = time.perf_counter()
            browser.find_element(By.CSS_SELECTOR, "input[type='file']").send_keys(str(path))
            progress_seen = False
            while "Scores for" not in browser.find_element(By.TAG_NAME, "body").text:
                progress_seen |= bool(browser.find_elements(By.CSS_SELECTOR, "[data-testid='stProgress']"))
                assert time.perf_counter() - start < 900, "not scored in 15 minutes"
                time.sleep(0.5)
            scored_s = time.perf_counter() - start
            button = WebDriverWait(browser, 120).until(
                lambda d: d.find_elements(By.XPATH, "//button[contains(., 'Download the scored file')]")
            )[0]
            browser.execute_script("arguments[0].scrollIntoView(); arguments[0].click();", button)
            WebDriverWait(browser, 300).until(
                lambda d: (
                    [p for p in downloads.iterdir() if p.suffix == ".csv"]
                    and not list(downloads.glob("*.crdownload"))
                )
            )
            done_s = time.perf_counter() - start
            sampler.running = False
            sampler.join()
            peak = memory_mb(server.pid)[1]
        finally:
            browser.quit()
    download = pd.read_csv(next(downloads.glob("*.csv")), dtype=str, keep_default_na=False)
    notes = {int(download["row"][i]): download["note"][i] for i in PLANTED}
    result = {
        "rows": args.rows,
        "source": str(args.source) if args.source else "tests/synthetic.py",
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "machine": {"cpus": len(os.sched_getaffinity(0)), "python": platform.python_version()},
        "progress_bar_seen": progress_seen,
        "upload_to_results_s": round(scored_s, 1),
        "upload_to_download_s": round(done_s, 1),
        "server_rss_idle_mb": round(idle, 0),
        "server_rss_peak_mb": round(peak, 0),
        "rss_samples": len(sampler.samples),
        "download_rows": len(download),
        "download_rows_in_order": download["row"].astype(int).tolist() == list(range(2, args.rows + 2)),
        "download_planted_notes": notes,
        "download_skipped": int((download["verdict"] == "skipped").sum()),
    }
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    main()
