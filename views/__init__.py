"""The page's teaching views (layout only, they import streamlit): how the LSTM reads a text, the
word-vector playground, counterfactuals and word order. Computation lives in ``sentiment``."""
