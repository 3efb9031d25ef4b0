"""``python -m sentiment.score``: the command lives in ``sentiment.batch.command``."""

from sentiment.batch.command import main

if __name__ == "__main__":
    main()
