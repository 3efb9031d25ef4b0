"""A real `streamlit run` server and headless Chromium, for the browser test and the measurement
scripts (measure/big_upload.py, measure/loadtest.py), plus the server's resident memory from /proc."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from selenium import webdriver

from tests.app_fixtures import APP

ROOT = Path(APP).parent
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,2200",
    "--lang=en-US",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(
    checkpoint: str | Path | None, timeout: float = 60
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`streamlit run` on ``checkpoint`` (None: the shipped one); yields its URL once it is healthy,
    and the process."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SENTIMENT_CHECKPOINT"}
    if checkpoint is not None:
        env["SENTIMENT_CHECKPOINT"] = str(checkpoint)
    command = [sys.executable, "-m", "streamlit", "run", APP, "--server.headless", "true"]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                assert time.perf_counter() - start < timeout, "server did not start"
                time.sleep(0.05)
        yield url, process
    finally:
        process.terminate()
        process.wait(10)


def chromium(
    profile: str | Path, downloads: str | Path | None = None, flags: list[str] = ()
) -> webdriver.Chrome:
    """Headless Chromium with its own profile directory (and download directory, if given); later
    ``flags`` override FLAGS."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, *flags]:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    if downloads is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads)})
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (user + system), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident memory of a process now and at its peak (VmRSS, VmHWM), in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return tuple(int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM"))
