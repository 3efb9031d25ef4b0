"""Every limit of the demo page in one place; the page shows them, and .streamlit/config.toml's
``server.maxUploadSize`` must equal ``UPLOAD_MB`` (a test checks it).

The sizes follow from one 200,000-row upload of real reviews (about 40 MB of CSV): docs/robustness.md
has its time and the server's peak memory, measured through a browser.
"""

from __future__ import annotations

UPLOAD_MB = 64  # bytes per uploaded file; the browser refuses larger ones first, the page checks again
ROWS = 200_000  # rows per upload (and lines typed in one-per-line mode)
TEXT_CHARS = 10_000  # characters per text; a longer row is marked, not scored
LINK_CHARS = 1_000  # characters of text a shared link carries; a longer text is left out of the link
UNZIPPED_MB = 512  # a spreadsheet's declared size once unzipped; more is refused before inflating
ZIP_RATIO = 200  # unzipped / zipped size of any one part of a spreadsheet; more is a zip bomb
ZIP_PARTS = 10_000  # parts in a spreadsheet's zip (real ones hold dozens)
CHUNK = 2_000  # texts scored between two updates of the progress bar
TABLE_ROWS = 10_000  # rows of an upload shown in the page's table; the download holds them all
TORCH_THREADS = 1  # the page's sessions share two cores: one scoring a big upload leaves the other free
