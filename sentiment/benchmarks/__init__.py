"""``python -m sentiment.bench`` and ``ceiling``: test sets rebuilt without leakage, quality and
speed beside SnowNLP and the bag of words, the report."""
