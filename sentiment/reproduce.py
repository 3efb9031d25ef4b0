"""``python -m sentiment.reproduce``: the command lives in ``sentiment.su2015.reproduce``."""

from sentiment.su2015.reproduce import main

if __name__ == "__main__":
    main()
