"""Choose the safety threshold on the tuning half of the labelled questions.

Prints, for a range of cue bonuses and thresholds, recall and false alarms on the
TUNE split of data/safety_eval.yml, and how many ordinary in-scope questions of
data/golden.yml would be flagged. The threshold is the lowest one that keeps false
alarms under 5% on the look-alikes and ordinary questions to at most one in 40. The held-out
split and the final set are never read here: `mentor-assistant eval` reports them.

    .venv/bin/python scripts/tune_safety.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mentor_assistant.evals.evaluation import load_golden
from mentor_assistant.guide.exemplars import load_exemplars
from mentor_assistant.index.embeddings import MiniLMEmbedder
from mentor_assistant.safety import detector as safety
from mentor_assistant.safety.safety_cues import normalise
from mentor_assistant.safety.safety_eval import load_safety_cases

MAX_FALSE_ALARMS = 0.05
MAX_ORDINARY = 0.025  # at most one of the 49 ordinary questions


def main() -> None:
    embedder = MiniLMEmbedder()
    exemplars = load_exemplars(Path("guide_content"))
    vectors = embedder.embed([normalise(e.text) for e in exemplars])
    detector = safety.SafetyDetector(embedder, exemplars, vectors)
    cases = [case for case in load_safety_cases() if case.split == "tune"]
    ordinary = [q.question for q in load_golden() if "safety" not in q.flags]
    checks = detector.check_many([case.text for case in cases] + ordinary)
    must = np.array([case.flag for case in cases] + [False] * len(ordinary))
    is_ordinary = np.array([False] * len(cases) + [True] * len(ordinary))
    has_cue = np.array([bool(check.cues) for check in checks])
    margin = np.array([check.score for check in checks]) - safety.CUE_BONUS * has_cue
    print(f"{len(exemplars)} exemplars, {len(cases)} tuning questions, {len(ordinary)} ordinary")
    print("| cue bonus | threshold | recall | false alarms | ordinary flagged |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for bonus in (0.1, 0.15, 0.25):
        score = margin + bonus * has_cue
        for threshold in np.arange(0.04, 0.1, 0.004):
            flagged = score >= threshold
            recall = (flagged & must).sum() / must.sum()
            alarms = (flagged & ~must & ~is_ordinary).sum() / (~must & ~is_ordinary).sum()
            ordinary_rate = flagged[is_ordinary].mean()
            ok = alarms <= MAX_FALSE_ALARMS and ordinary_rate <= MAX_ORDINARY
            print(f"| {bonus:.2f} | {threshold:.3f} | {recall:.3f} | {alarms:.3f} | "
                  f"{ordinary_rate:.3f} |{' ok' if ok else ''}")


if __name__ == "__main__":
    main()
