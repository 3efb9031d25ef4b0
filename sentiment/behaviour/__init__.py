"""A behavioural test suite in the spirit of CheckList: what the model gets right beyond accuracy.

    python -m sentiment.behaviour [CHECKPOINT] [--half dev|test|both]

Capabilities (negation, contrast, domains, invariances, ...) are tested with templates filled from
small lexicons; cases are split into a dev half and a test half by template and lexicon entry, so the
test half can be reported without having been tuned on. The layer sits above the model: it reads a
``Predictor`` only through ``predict_proba``, ``baseline_proba``, ``threshold`` and ``band``.
"""
