"""From a score to a decision: thresholds and their curves, abstain bands, temperature scaling,
verdicts."""
