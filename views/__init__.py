"""The page's sections (layout only, they import streamlit): the text box and decision panel, uploads,
neighbors, and the teaching views (how the LSTM reads a text, the word-vector playground, counterfactuals
and word order). Computation lives in ``sentiment``; caches live in ``views.common``."""
