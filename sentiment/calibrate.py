"""``python -m sentiment.calibrate``: the command lives in ``sentiment.training.calibrate``."""

from sentiment.training.calibrate import main

if __name__ == "__main__":
    main()
