"""``python -m sentiment.ceiling``: the command lives in ``sentiment.benchmarks.ceiling``."""

from sentiment.benchmarks.ceiling import main

if __name__ == "__main__":
    main()
