"""The page state that a shared link carries (text, one-per-line, threshold, band, language).

Reading is forgiving: a value that is missing or malformed is left out, so the page falls back
to its default for it, and a band is widened to contain the threshold.

>>> defaults = {"text": "", "per_line": False, "threshold": 0.5, "band": (0.4, 0.6), "lang": "zh"}
>>> initial_state({"t": "0.7", "band": "0.4,0.5", "lang": "xx"}, defaults)
{'text': '', 'per_line': False, 'threshold': 0.7, 'band': (0.4, 0.7), 'lang': 'zh'}
>>> to_query("好", False, 0.5, (0.4, 0.6), "en")
{'text': '好', 't': '0.5', 'band': '0.4,0.6', 'lang': 'en'}
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from sentiment.data.limits import LINK_CHARS
from sentiment.decision.thresholds import Band
from sentiment.page.i18n import LANGUAGES


def fit_band(threshold: float, band: Band) -> Band:
    """The band widened just enough to contain the threshold."""
    return min(band[0], threshold), max(band[1], threshold)


def clamp(threshold: float, band: Band) -> float:
    """The threshold moved into the band (the band is the user's last choice, so it wins)."""
    return min(max(threshold, band[0]), band[1])


def _share(value: str) -> float | None:
    """A number in [0, 1], or None."""
    try:
        x = float(value)
    except ValueError:
        return None
    return x if math.isfinite(x) and 0 <= x <= 1 else None


def from_query(params: Mapping[str, str]) -> dict:
    """The valid parts of a link's query parameters as page state: text, per_line, threshold, band, lang."""
    state: dict = {}
    if "text" in params:
        state["text"] = str(params["text"])
    if params.get("lines") == "1":
        state["per_line"] = True
    if (t := _share(params.get("t", ""))) is not None:
        state["threshold"] = t
    parts = [_share(p) for p in str(params.get("band", "")).split(",")]
    if len(parts) == 2 and None not in parts and parts[0] <= parts[1]:
        state["band"] = tuple(parts)
    if params.get("lang") in LANGUAGES:
        state["lang"] = params["lang"]
    return state


def initial_state(params: Mapping[str, str], defaults: dict) -> dict:
    """``defaults`` overridden by the valid parts of the link, with the band fitted around the threshold."""
    state = defaults | from_query(params)
    return state | {"band": fit_band(state["threshold"], state["band"])}


def to_query(text: str, per_line: bool, threshold: float, band: Band, lang: str) -> dict[str, str]:
    """Query parameters for a link to this state; texts over LINK_CHARS characters are left out."""
    params = {"text": text} if 0 < len(text) <= LINK_CHARS else {}
    if per_line:
        params["lines"] = "1"
    return params | {"t": f"{threshold:.6g}", "band": f"{band[0]:.6g},{band[1]:.6g}", "lang": lang}
