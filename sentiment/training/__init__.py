"""Making a checkpoint: the training command and its flags, evaluation, the bag-of-words fit,
calibration of a trained checkpoint."""
