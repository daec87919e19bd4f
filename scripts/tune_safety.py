"""Choose the safety threshold on the tuning half of the labelled questions.

Prints, for a range of cue bonuses, the highest threshold-free recall reachable
with at most 5% false alarms on the TUNE split only. The held-out split is never
read here: `mentor-assistant eval` reports it.

    .venv/bin/python scripts/tune_safety.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mentor_assistant import safety
from mentor_assistant.embeddings import MiniLMEmbedder
from mentor_assistant.safety_cues import normalise
from mentor_assistant.safety_eval import load_safety_cases

MAX_FALSE_ALARMS = 0.05


def main() -> None:
    embedder = MiniLMEmbedder()
    exemplars = safety.load_exemplars(Path("guide_content"))
    vectors = embedder.embed([normalise(e.text) for e in exemplars])
    detector = safety.SafetyDetector(embedder, exemplars, vectors)
    cases = [case for case in load_safety_cases() if case.split == "tune"]
    checks = detector.check_many([case.text for case in cases])
    must = np.array([case.flag for case in cases])
    has_cue = np.array([bool(check.cues) for check in checks])
    margin = np.array([check.score for check in checks]) - safety.CUE_BONUS * has_cue
    print(f"{len(exemplars)} exemplars, {len(cases)} tuning questions")
    print("| cue bonus | threshold | recall | false alarms |\n| ---: | ---: | ---: | ---: |")
    for bonus in (0.0, 0.05, 0.08, 0.1, 0.12, 0.15):
        score = margin + bonus * has_cue
        best = None
        for threshold in np.arange(-0.2, 0.4, 0.002):
            flagged = score >= threshold
            recall = (flagged & must).sum() / must.sum()
            alarms = (flagged & ~must).sum() / (~must).sum()
            if alarms <= MAX_FALSE_ALARMS and (best is None or recall > best[1]):
                best = (threshold, recall, alarms)
        print(f"| {bonus:.2f} | {best[0]:.3f} | {best[1]:.3f} | {best[2]:.3f} |")


if __name__ == "__main__":
    main()
