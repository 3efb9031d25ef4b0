"""``python -m sentiment.bench``: the command lives in ``sentiment.benchmarks.bench``."""

from sentiment.benchmarks.bench import main

if __name__ == "__main__":
    main()
