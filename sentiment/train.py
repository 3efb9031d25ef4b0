"""``python -m sentiment.train``: the command lives in ``sentiment.training.train``."""

from sentiment.training.train import main

if __name__ == "__main__":
    main()
