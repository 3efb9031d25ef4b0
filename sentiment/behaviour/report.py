"""Pass rates per capability, the LSTM beside the bag of words, as a dict (for JSON) and as Markdown."""

from __future__ import annotations

import numpy as np

from .capabilities import CAPABILITIES
from .cases import Case
from .run import TOLERANCE, Scores, Suite

MODELS = {"lstm": "LSTM", "bow": "bag of words"}
TITLES = {c.name: c.title for c in CAPABILITIES}


def expected(case: Case) -> str:
    """What a case asks for: positive/negative (MFT), same (INV), or the direction (DIR)."""
    if case.kind == "MFT":
        return "positive" if case.label == 1 else "negative"
    return "same" if case.kind == "INV" else case.expect


def failures(suite: Suite, model: str, capability: str, limit: int | None = None) -> list[dict]:
    """The failing cases of one capability for one model, worst first (furthest from passing)."""
    scores: Scores = suite.scores[model]
    out = suite.outcomes[model]
    rows = [i for i, c in enumerate(suite.cases) if c.capability == capability and not out.passed[i]]
    rows.sort(key=lambda i: -out.miss[i])
    return [
        {
            "text": suite.cases[i].text,
            "original": suite.cases[i].original,
            "kind": suite.cases[i].kind,
            "expected": expected(suite.cases[i]),
            "score": round(float(scores.text[i]), 4),
            "original_score": None if np.isnan(scores.original[i]) else round(float(scores.original[i]), 4),
            "template": suite.cases[i].template,
            "miss": round(float(out.miss[i]), 4),
        }
        for i in rows[:limit]
    ]


def summary(suite: Suite, shown: int = 3) -> dict:
    """Per model: cases, pass rate and abstention rate overall and per capability, ``shown`` failures each."""
    capability = np.array([c.capability for c in suite.cases])
    names = [c.name for c in CAPABILITIES if c.name in set(capability)]
    models = {}
    for model in suite.scores:
        out = suite.outcomes[model]
        per = {}
        for name in names:
            mine = capability == name
            per[name] = {
                "title": list(TITLES[name]),
                "kinds": sorted({c.kind for c, m in zip(suite.cases, mine) if m}),
                "templates": len({c.template for c, m in zip(suite.cases, mine) if m}),
                "n": int(mine.sum()),
                "pass_rate": round(float(out.passed[mine].mean()), 4),
                "abstained": round(float(out.abstained[mine].mean()), 4),
                "failures": failures(suite, model, name, shown),
            }
        models[model] = {
            "n": len(suite.cases),
            "pass_rate": round(float(out.passed.mean()), 4),
            "mean_capability_pass_rate": round(float(np.mean([p["pass_rate"] for p in per.values()])), 4),
            "abstained": round(float(out.abstained.mean()), 4),
            "capabilities": per,
        }
    return {
        "half": suite.half,
        "cases": len(suite.cases),
        "threshold": round(suite.threshold, 4),
        "band": [round(suite.band[0], 4), round(suite.band[1], 4)],
        "tolerance": TOLERANCE,
        "models": models,
    }


def percent(x: float) -> str:
    return f"{100 * x:.1f} %"


def table(report: dict) -> list[str]:
    """The pass-rate table of one half: a row per capability, then the overall rows."""
    models = list(report["models"])
    head = ["capability", "kinds", "templates", "cases"]
    for m in models:
        head += [f"{MODELS[m]} pass", f"{MODELS[m]} abstain"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    first = report["models"][models[0]]["capabilities"]
    for name, row in first.items():
        cells = [row["title"][1], "/".join(row["kinds"]), str(row["templates"]), str(row["n"])]
        for m in models:
            mine = report["models"][m]["capabilities"][name]
            cells += [percent(mine["pass_rate"]), percent(mine["abstained"])]
        lines.append("| " + " | ".join(cells) + " |")
    cells = ["**all cases**", "", "", str(report["cases"])]
    macro = ["**mean over capabilities**", "", "", ""]
    for m in models:
        mine = report["models"][m]
        cells += [f"**{percent(mine['pass_rate'])}**", percent(mine["abstained"])]
        macro += [f"**{percent(mine['mean_capability_pass_rate'])}**", ""]
    return lines + ["| " + " | ".join(cells) + " |", "| " + " | ".join(macro) + " |"]


def failure_line(f: dict) -> str:
    if f["kind"] == "MFT":
        return f"`{f['text']}` → {f['score']:.3f} (expected {f['expected']})"
    return (
        f"`{f['original']}` → `{f['text']}`: {f['original_score']:.3f} → {f['score']:.3f} ({f['expected']})"
    )


def markdown(reports: list[dict], command: str) -> str:
    """The whole report: how it was made, then per half the table and the worst failures per capability."""
    first = reports[0]
    lo, hi = first["band"]
    lines = [
        "# Behavioural tests",
        "",
        f"Made by `{command}`. Verdicts at the checkpoint's threshold {first['threshold']:.3f} for both "
        f"models; *abstain* is the share of cases with a score inside the band [{lo:.3f}, {hi:.3f}] "
        "(reported apart, a pass is decided at the threshold). MFT: the verdict is the expected label; "
        "INV: the verdict does not change; DIR: P(positive) moves the stated way (`up`/`down` strictly, "
        f"`not_down`/`not_up` by at most {first['tolerance']}).",
    ]
    for report in reports:
        lines += ["", f"## The {report['half']} half ({report['cases']} cases)", "", *table(report)]
        lines += ["", f"### Worst failures, {report['half']} half", ""]
        for model, mine in report["models"].items():
            lines += [f"**{MODELS[model]}**", ""]
            for row in mine["capabilities"].values():
                if row["failures"]:
                    shown = "; ".join(failure_line(f) for f in row["failures"])
                    lines.append(f"- {row['title'][1]}: {shown}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
