"""``python -m sentiment.score``: a file too large for the page scored in blocks, on local processes
or on a Ray cluster (docs/scoring.md)."""
