"""The network only: Embedding -> LSTM/GRU -> pooling -> Dropout -> Dense -> logit (or one per class).

The 2015 configuration is ``ModelConfig(vocab_size=V, embed_dim=256, hidden=128,
cell="lstm", bidirectional=False, pooling="last", dropout=0.5)``.
``forward`` returns logits; only prediction applies the sigmoid (the softmax, with several outputs).
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from sentiment.core.config import PAD, ModelConfig


class SentimentNet(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config
        self.embedding = nn.Embedding(config.vocab_size, config.embed_dim, padding_idx=PAD)
        rnn = nn.LSTM if config.cell == "lstm" else nn.GRU
        self.rnn = rnn(config.embed_dim, config.hidden, batch_first=True, bidirectional=config.bidirectional)
        self.directions = 2 if config.bidirectional else 1
        self.poolings = config.pooling.split("+")
        self.embed_dropout = nn.Dropout(config.embed_dropout)
        self.dropout = nn.Dropout(config.dropout)
        self.dense = nn.Linear(config.hidden * self.directions * len(self.poolings), config.outputs)

    def features(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Pooled RNN states, (B, hidden * directions * poolings); all zeros for empty texts."""
        # ids: (B, T) with PAD after each text's last word; lengths: (B,) on the CPU
        width = self.config.hidden * self.directions
        out = ids.new_zeros((ids.shape[0], width * len(self.poolings)), dtype=torch.float32)
        keep = lengths > 0
        if not keep.any():
            return out
        lens = lengths[keep]
        emb = self.embed_dropout(self.embedding(ids[keep][:, : int(lens.max())]))  # (b, t, E)
        padded = not bool((lens == lens[0]).all())
        if not padded:  # skip packing and masking: the fast path on CPU
            states, last = self.rnn(emb)  # (b, t, width)
        else:
            packed = pack_padded_sequence(emb, lens, batch_first=True, enforce_sorted=False)
            packed_states, last = self.rnn(packed)
            states, _ = pad_packed_sequence(packed_states, batch_first=True)  # zeros after each text
        h_n = last[0] if isinstance(last, tuple) else last  # (directions, b, H)
        pooled = []
        for pooling in self.poolings:
            if pooling == "last":
                pooled.append(torch.cat(list(h_n[-self.directions :]), dim=1))  # (b, H * directions)
            elif pooling == "max":
                if padded:
                    outside = torch.arange(states.shape[1]) >= lens.unsqueeze(1)  # (b, t)
                    states_in = states.masked_fill(outside.unsqueeze(2), float("-inf"))
                else:
                    states_in = states
                pooled.append(states_in.amax(dim=1))
            else:
                pooled.append(states.sum(dim=1) / lens.unsqueeze(1).to(states.dtype))
        out[keep] = torch.cat(pooled, dim=1)
        return out

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Logits, (B,) for one output, (B, outputs) for several."""
        logits = self.dense(self.dropout(self.features(ids, lengths)))
        return logits.squeeze(1) if self.config.outputs == 1 else logits
