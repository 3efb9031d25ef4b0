"""``python -m sentiment.evaluate``: the command lives in ``sentiment.training.evaluate``."""

from sentiment.training.evaluate import main

if __name__ == "__main__":
    main()
