"""Reading what users and corpora give: bytes to text (decoding), spreadsheets and delimited files,
labels, the page's limits, an uploaded file in one call, the training data's files, deduplication and
splits; ``messages`` holds the codes of everything said about an input."""
