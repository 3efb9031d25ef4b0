"""Word-vector sentiment analysis for Chinese text: jieba + Word2Vec + an LSTM.

>>> from sentiment import load_predictor
>>> p = load_predictor()
>>> p.predict_proba(["这个手机很好用"])  # doctest: +SKIP
"""

from sentiment.core.predict import Predictor, load_predictor

__all__ = ["Predictor", "load_predictor"]
