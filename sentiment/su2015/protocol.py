"""The reproduction's protocol, shared by the experiment and its report: its three columns and the
threshold the post used."""

COLUMNS = {
    "post": "the post's split: even rows train, odd rows test",
    "dedup": "deduplicated, split by hash",
    "dedup_w2v": "deduplicated, embedding initialised from Word2Vec",
}
THRESHOLD = 0.5
