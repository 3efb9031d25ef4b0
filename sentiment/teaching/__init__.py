"""What the teaching views compute: word-vector arithmetic, counterfactual edits, nearest
neighbors and their map."""
