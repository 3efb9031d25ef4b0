"""Time the page's threshold panel through Streamlit's AppTest: upload a labelled table, move the
threshold slider, and read the server time the panel reports for each redraw.

    python -m measure.panel_timing --checkpoint assets/default --table labelled.csv   # prints JSON

A script, not part of the package, because the package never imports streamlit; the page tests
reuse ``slider_times``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path

APP = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
MOVES = (0.3, 0.6, 0.45, 0.5, 0.55)  # threshold positions, each one redraw of the panel
_SERVER_MS = re.compile(r"panel drawn in (\d+) ms of server time")


def slider_times(at, thresholds=MOVES) -> dict[str, list[float]]:
    """Per threshold move on an English page: the panel's own server time (ms, from its caption) and
    the wall time of the whole AppTest rerun (ms)."""
    server, wall = [], []
    for threshold in thresholds:
        start = time.perf_counter()
        at.slider(key="threshold").set_value(threshold).run()
        wall.append(1000 * (time.perf_counter() - start))
        found = [int(m.group(1)) for c in at.caption if (m := _SERVER_MS.search(c.value))]
        if at.exception or len(found) != 1:
            raise RuntimeError(f"the panel did not redraw at threshold {threshold}: {at.exception}")
        server.append(float(found[0]))
    return {"server_ms": server, "rerun_ms": wall}


def time_panel(checkpoint: str, table: Path) -> dict:
    """The page on ``checkpoint`` with ``table`` (csv with review and label columns) uploaded."""
    from streamlit.testing.v1 import AppTest

    os.environ["SENTIMENT_CHECKPOINT"] = str(checkpoint)
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params = {"lang": "en"}
    at.run()
    at.file_uploader(key="upload").set_value((table.name, table.read_bytes(), "text/csv")).run()
    if at.exception or at.error:
        raise RuntimeError(f"the upload failed: {at.exception or at.error[0].value}")
    return slider_times(at)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--table", type=Path, required=True, help="csv with review and label columns")
    args = parser.parse_args(argv)
    result = time_panel(args.checkpoint, args.table)
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
