"""How the network reads one text: the probability after each prefix, the gates, each word's part.

    p = load_predictor()
    e = p.explain("虽然价格有点贵，但是真的很好用")
    e.tokens          # ('虽然', '价格', '有点', '贵', ',', '但是', '真的', '很', '好', '用')
    e.prefix_proba    # P(positive) after 虽然, after 虽然价格, ...; the last is predict_proba's
    e.contributions   # how much each word adds: 好 +0.25, 贵 -0.03 with the shipped model

Everything is computed in numpy from the checkpoint's own weights (``forward.NumpyNet``). The
prefixes run in O(T) LSTM steps (``NumpyNet.prefix_logits``), the leave-one-out texts as one batch
of equal length, and the text itself alone, exactly as ``predict_proba`` scores it.

A checkpoint over several classes (``MulticlassPredictor``) explains every class at once: ``proba``
is then the (C,) class probabilities, and ``prefix_proba`` and ``contributions`` have a column per
class, (T, C), in the order of its ``classes``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sentiment.core.forward import GATE_NAMES, NumpyNet, proba_by_length, probabilities

DIRECTIONS = ("forward", "backward")


@dataclass(frozen=True, eq=False)
class Explanation:
    """What the network makes of one text, word by word (T: the number of words it reads).

    - ``tokens``: the words the network reads, after segmentation, stop words and truncation to the
      checkpoint's ``max_len`` (so the words of a long text that the model never sees are not here);
      with ``oov_chars`` an unknown word appears as its characters, as the network reads it.
    - ``known``: per token, whether it has a word vector (otherwise it is read as the unknown token).
    - ``proba``: P(positive) of the whole text, equal to ``predict_proba([text])[0]``; for a text with
      no words it is the empty text's probability.
    - ``prefix_proba`` (T,): P(positive) of the first i + 1 tokens, each run through the whole network
      (both directions, pooling, dense layer) as a text of its own; the last one equals ``proba``.
    - ``gates`` (D, T, G, H), values in [0, 1]: the gate activations of each direction (D = 1, or 2 for a
      bidirectional network: ``directions``) at each token, for each gate in ``gate_names`` and each
      of the H hidden units. LSTM: forget, input, output; GRU: reset, update (a GRU has no other gates).
      The backward direction is in word order: ``gates[1, t]`` is the backward pass reading token t.
    - ``contributions`` (T,): ``proba`` minus the probability of the same tokens with token i left out
      (not replaced by padding: the network never sees padding, so leaving a word out is what it can
      read). Positive means the word pushes towards positive.
    """

    tokens: tuple[str, ...]
    known: tuple[bool, ...]
    proba: float | np.ndarray
    prefix_proba: np.ndarray
    gates: np.ndarray
    gate_names: tuple[str, ...]
    directions: tuple[str, ...]
    contributions: np.ndarray


def explain_ids(
    net: NumpyNet,
    tokens: list[str],
    ids: list[int],
    known: list[bool],
    calibrated: Callable[[np.ndarray], np.ndarray],
) -> Explanation:
    """The explanation of one encoded text (``ids``: the embedding rows of ``tokens``); ``calibrated``
    maps the network's logits to the ones the Predictor reports (``Predictor.calibrated``)."""
    config = net.config
    n = len(ids)

    def logits(batch: np.ndarray) -> np.ndarray:
        return calibrated(net.logits(batch))

    left_out = [ids[:i] + ids[i + 1 :] for i in range(n)]
    # the whole text first, scored alone exactly as predict_proba scores it; then the leave-one-outs
    scores = proba_by_length(logits, [ids] + left_out, batch_size=max(1, n), outputs=config.outputs)
    proba = float(scores[0]) if config.outputs == 1 else scores[0]
    prefix_proba = np.empty((n, *scores.shape[1:]))
    if n > 1:
        prefix_logits = net.prefix_logits(np.asarray(ids[:-1], dtype=np.int64))
        prefix_proba[:-1] = probabilities(calibrated(prefix_logits))
    prefix_proba[-1:] = proba  # the last prefix is the text itself
    directions = DIRECTIONS[: 2 if config.bidirectional else 1]
    names = GATE_NAMES[config.cell]
    if n:
        gates = net.gates(np.asarray([ids], dtype=np.int64))[:, 0]
    else:
        gates = np.zeros((len(directions), 0, len(names), config.hidden), dtype=np.float32)
    return Explanation(
        tokens=tuple(tokens),
        known=tuple(known),
        proba=proba,
        prefix_proba=prefix_proba,
        gates=gates,
        gate_names=names,
        directions=directions,
        contributions=proba - scores[1:],
    )
