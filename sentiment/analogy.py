"""``python -m sentiment.analogy``: the command lives in ``sentiment.benchmarks.analogy``."""

from sentiment.benchmarks.analogy import main

if __name__ == "__main__":
    main()
