"""Scripts that measure the demo and are not tests: a load test, a 200,000-row upload, the threshold
panel's redraw time, encoding detection. Each is run as ``python -m measure.<name>``."""
