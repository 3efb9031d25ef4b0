"""The model and what it needs to score a text: segmentation, configuration, word ids, word vectors,
the network (torch) and its numpy forward pass, the bag of words, checkpoints, explanations, the Predictor."""
