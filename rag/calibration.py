"""When to abstain: a logistic model over retrieval signals, fit on labelled questions.

``rag calibrate QUESTIONS.jsonl`` runs answerable and unanswerable questions
through retrieval, fits weights for the signals in ``Answerer.features`` and
picks the threshold that keeps false refusals low while catching most
unanswerable questions. The result is stored per embedder in
``rag/calibration.json`` (shipped) or ``<index>/calibration.json`` (local).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

PACKAGED = Path(__file__).with_name("calibration.json")
# Refusals allowed on the fitting questions. They rise out of sample, where paraphrases are more
# common than in the fitting sets: at 3% the ten held-out sets and pages refused 2.6% of their
# answerable questions and caught 83% of the others (4%: 3.8% and 86%).
MAX_FALSE_REFUSAL = 0.03
# unknown_share (the share of the question's words the documents never use) is still reported
# but not weighed: it moves with coverage, and fits that weighed it swung from +0.3 to -1.8 with
# small changes to the signals, refusing up to 14% of a held-out page's answerable questions.
FEATURES = ("sentence_dense", "chunk_dense", "han_share", "coverage", "unknown_nouns", "number_missing",
            "crosslingual_dense")


@dataclass
class Calibration:
    weights: dict[str, float]
    bias: float
    threshold: float
    embedder: str = ""
    fitted_on: dict = field(default_factory=dict)

    def confidence(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * features.get(k, 0.0) for k in FEATURES)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    @classmethod
    def uncalibrated(cls, embedder: str) -> Calibration:
        # Never abstain rather than refuse at random: an uncalibrated embedder
        # gets answers plus a warning to run `rag calibrate`.
        return cls({k: 0.0 for k in FEATURES}, 0.0, 0.0, embedder, {"uncalibrated": True})


def load_calibration(embedder: str, index_dir: Path | None = None) -> Calibration:
    for path in ([Path(index_dir) / "calibration.json"] if index_dir else []) + [PACKAGED]:
        if path.exists():
            table = json.loads(path.read_text(encoding="utf-8"))
            if embedder in table:
                return Calibration(**table[embedder])
    return Calibration.uncalibrated(embedder)


def save_calibration(calibration: Calibration, path: Path) -> None:
    table = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    table[calibration.embedder] = asdict(calibration)
    path.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def fit(rows: list[dict[str, float]], answerable: list[bool], embedder: str,
        max_false_refusal: float = MAX_FALSE_REFUSAL) -> Calibration:
    """Logistic regression (standardised, L2) then a threshold on its output.

    The threshold is the highest that refuses at most ``max_false_refusal``
    of answerable questions, so wrong refusals stay rare even if some
    unanswerable questions get through.
    """
    x = np.array([[r[k] for k in FEATURES] for r in rows], dtype=float)
    y = np.array(answerable, dtype=float)
    mean, std = x.mean(0), x.std(0) + 1e-6
    z = (x - mean) / std
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(4000):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        grad_w = z.T @ (p - y) / len(y) + 0.01 * w
        grad_b = float(np.mean(p - y))
        w -= 0.5 * grad_w
        b -= 0.5 * grad_b
    weights = {k: float(w[i] / std[i]) for i, k in enumerate(FEATURES)}
    bias = float(b - sum(w[i] * mean[i] / std[i] for i in range(len(FEATURES))))
    cal = Calibration(weights, bias, 0.5, embedder)
    conf = np.array([cal.confidence(r) for r in rows])
    pos = np.sort(conf[y == 1])
    allowed = int(math.floor(max_false_refusal * len(pos)))
    # Largest threshold refusing at most `allowed` answerable questions.
    threshold = float(pos[allowed] - 1e-6) if len(pos) else 0.5
    neg = conf[y == 0]
    cal.threshold = threshold
    cal.fitted_on = {
        "questions": len(rows), "answerable": int(y.sum()), "unanswerable": int((1 - y).sum()),
        "false_refusal": float(np.mean(pos < threshold)) if len(pos) else 0.0,
        "unanswerable_caught": float(np.mean(neg < threshold)) if len(neg) else 0.0,
    }
    return cal
