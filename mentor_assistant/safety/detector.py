"""Recognise questions that touch on someone's safety, however they are worded.

A question is compared, clause by clause, with the guide's labelled exemplars
(``help/safety-exemplars.yml``): disclosures that must get the escalation contacts,
and harmless look-alikes that only use risky words. Its score is how much closer it
sits to the nearest disclosures than to the nearest look-alikes, plus a bonus when a
risk phrase appears once slang and typos are spelled out (`safety_cues`). It errs
towards flagging: a false alarm costs a paragraph of contacts, a miss can cost far
more. `THRESHOLD` is the one with the fewest false alarms at a recall of 0.995 over the
tuning half of ``data/safety_eval.yml`` and the final sets already tuned on.

A question left short of a flag, but not far from one, gets a second opinion: the same
score with every labelled case of the project's safety sets beside the guide's
exemplars, except the held-out half (`SECOND_OPINION_FROM`, `labelled_exemplars`).
The sets can add a flag, never remove one. ``mentor-assistant eval`` measures each set
with its own cases left out (`SafetyDetector.without`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .safety_cues import cue_categories, normalise

__all__ = ["CATEGORIES", "Exemplar", "SafetyCheck", "SafetyDetector", "labelled_exemplars"]

CATEGORIES = ("suicide", "self_harm", "eating_disorder", "substance", "mental_health_crisis",
              "grooming", "home_abuse", "partner_abuse", "stalking_threats", "threat_to_others",
              "sexual_harassment", "bullying", "assault", "neglect", "mentor_misconduct")
NEIGHBOURS = 5
CUE_BONUS = 0.15
THRESHOLD = 0.06
MIN_CLAUSE_WORDS = 5
LONE_CLAUSE_WORDS = 10  # one clause beside small talk is judged alone from this length
# A clause this short, judged apart from the question around it ("bit hurt, to be honest"),
# needs a little more to flag. Chosen over every tuned set: it cost no disclosure there.
SHORT_CLAUSE_WORDS = 7
SHORT_CLAUSE_PENALTY = 0.02
# A flag under this score with no risk phrase rests on closeness alone, and an ordinary
# question may have tripped it: 147 of the 157 such false alarms over every tuned set sit
# under it. The answer still leads with the contacts, and quotes the question's own passage
# as well (`SafetyCheck.unsure`).
UNSURE_BELOW = 0.12
# A question the guide's exemplars leave unflagged but scored from here up is measured again
# with the labelled sets beside them, and flagged if that reaches the threshold: the sets
# can add a flag, never remove one. Every disclosure they added over the tuned sets scored
# 0.025 or more on the guide's exemplars alone; under this, the sets are not consulted.
SECOND_OPINION_FROM = 0.0
_CLAUSES = re.compile(
    r"(?<=[.!?;:])\s+|\s*[,:]?\s*\b(?:anyway|anyways|btw|but|then|also|so|although|though|plus)\b\s*"
    r"|,\s+(?=(?:and\s+)?(?:she|he|they|i|my|her|his|their|maybe|since|because|now)\b)",
    re.IGNORECASE)


GUIDE = "guide"  # the source of the guide's own exemplars
SURE, UNSURE = "sure", "unsure"  # how a flag was raised: see `SafetyCheck.unsure`


@dataclass(frozen=True)
class Exemplar:
    """One labelled example: a disclosure (with its category) or a harmless look-alike, from
    the guide's exemplars file or from one of the project's labelled sets (``source``)."""

    text: str
    category: str
    disclosure: bool
    line: int = 0
    source: str = GUIDE

    @cached_property
    def id(self) -> str:
        """A content hash, so re-indexing embeds only new or changed exemplars."""
        label = f"{int(self.disclosure)}|{self.category}|{normalise(self.text)}"
        return hashlib.sha256(label.encode()).hexdigest()[:24]


@dataclass(frozen=True)
class SafetyCheck:
    """The verdict on one text: flagged or not, why, and how strongly."""

    flagged: bool
    score: float
    category: str | None = None
    cues: tuple[str, ...] = ()

    @property
    def unsure(self) -> bool:
        """Flagged near the threshold on closeness alone, with no risk phrase: possibly an
        ordinary question, so its answer also quotes what the question itself asks about."""
        return self.flagged and not self.cues and self.score < UNSURE_BELOW


class SafetyDetector:
    """Decides whether a text touches on someone's safety: the guide's exemplars first, the
    labelled sets as a second opinion (`SECOND_OPINION_FROM`)."""

    def __init__(self, embedder: Any, exemplars: Sequence[Exemplar], vectors: Any) -> None:
        import numpy as np

        self.embedder = embedder
        matrix = np.asarray(vectors, dtype=np.float32).reshape(len(exemplars), -1) \
            if len(exemplars) else np.zeros((0, 0), dtype=np.float32)
        self._exemplars, self._matrix = tuple(exemplars), matrix
        guide = np.array([e.source == GUIDE for e in exemplars], dtype=bool)
        self.guide = _Examples.of(self._exemplars, matrix, guide)
        self.labelled = _Examples.of(self._exemplars, matrix, ~guide)

    def without(self, source: str) -> SafetyDetector:
        """The same check without the exemplars from ``source``: a labelled set is measured
        with its own cases left out, as if the check had never seen them."""
        keep = [i for i, e in enumerate(self._exemplars) if e.source != source]
        if len(keep) == len(self._exemplars):
            return self
        return SafetyDetector(self.embedder, [self._exemplars[i] for i in keep],
                              self._matrix[keep])

    def check(self, text: str, vector: Any = None) -> SafetyCheck:
        """The verdict on ``text``: its strongest clause decides. ``vector`` is the text's
        own embedding, if the caller has it."""
        return self.check_many([text], {text.lower(): vector} if vector is not None else None)[0]

    def check_many(self, texts: Sequence[str], known: Mapping[str, Any] | None = None
                   ) -> list[SafetyCheck]:
        """Verdicts for several texts, embedding all their clauses in one batch.

        ``known`` maps lower-cased texts to vectors the caller already has (the
        embedder ignores case), so they are not embedded twice.
        """
        import numpy as np

        clauses = [clauses_of(normalise(text)) for text in texts]
        flat = [clause for group in clauses for clause in group]
        known = known or {}
        missing = [clause for clause in flat if clause not in known]
        embedded = dict(zip(missing, self.embedder.embed(missing), strict=True)) if missing \
            else {}
        vectors = np.asarray([known.get(c, embedded.get(c)) for c in flat], dtype=np.float32)
        verdicts, start = [], 0
        for group in clauses:
            verdicts.append(self._verdict(group, vectors[start:start + len(group)]))
            start += len(group)
        return verdicts

    def _verdict(self, clauses: Sequence[str], vectors: Any) -> SafetyCheck:
        """The strongest clause: its closeness to disclosures over look-alikes, plus a bonus
        for a risk phrase in that clause, less a little for a short clause taken alone; then,
        short of a flag but not far from one, the same with the labelled sets as well."""
        import numpy as np

        if not len(self.guide.disclosures):
            return SafetyCheck(False, 0.0)
        cues = _cues_in_context(clauses)
        short = [i > 0 and len(clause.split()) < SHORT_CLAUSE_WORDS
                 for i, clause in enumerate(clauses)]
        adjust = CUE_BONUS * np.array([bool(c) for c in cues]) \
            - SHORT_CLAUSE_PENALTY * np.array(short)
        near, far = self.guide.similarities(vectors)
        categories = self.guide.categories
        scores = _top_mean(near) - _top_mean(far) + adjust
        if SECOND_OPINION_FROM <= scores.max() < THRESHOLD and len(self.labelled.disclosures):
            both = np.concatenate([near, _similarities(vectors, self.labelled.disclosures)],
                                  axis=1)
            more_far = _similarities(vectors, self.labelled.lookalikes)
            second = _top_mean(both) - _top_mean(np.concatenate([far, more_far], axis=1)) + adjust
            if second.max() > scores.max():  # the stronger reading stands
                scores, near = second, both
                categories = categories + self.labelled.categories
        best = int(np.argmax(scores))
        score = float(scores[best])
        category = cues[best][0] if cues[best] else categories[int(np.argmax(near[best]))]
        found = tuple(dict.fromkeys(c for clause_cues in cues for c in clause_cues))
        return SafetyCheck(score >= THRESHOLD, round(score, 4), category, found)


@dataclass(frozen=True)
class _Examples:
    """Labelled exemplars of one origin, as matrices: disclosures and look-alikes."""

    disclosures: Any
    lookalikes: Any
    categories: list[str]

    @classmethod
    def of(cls, exemplars: Sequence[Exemplar], matrix: Any, chosen: Any) -> _Examples:
        """The ``chosen`` rows (a mask over ``exemplars``) of ``matrix``, each row copied
        once."""
        import numpy as np

        disclosure = np.array([e.disclosure for e in exemplars], dtype=bool)
        return cls(matrix[chosen & disclosure], matrix[chosen & ~disclosure],
                   [e.category for e, keep in zip(exemplars, chosen.tolist(), strict=True)
                    if keep and e.disclosure])

    def similarities(self, vectors: Any) -> tuple[Any, Any]:
        """Each vector's similarity to every disclosure and to every look-alike (a single
        zero when there are no look-alikes)."""
        import numpy as np

        far = _similarities(vectors, self.lookalikes) if len(self.lookalikes) \
            else np.zeros((len(vectors), 1), dtype=np.float32)
        return _similarities(vectors, self.disclosures), far


def labelled_exemplars(guide: Sequence[Exemplar]) -> tuple[Exemplar, ...]:
    """Every labelled case of the project's safety sets except the held-out half, as
    exemplars named by their set, beside the ``guide``'s exemplars (none when the guide
    has none): the second opinion compares a question with the way thousands of people
    wrote. A case that is also one of the guide's exemplars stays the guide's alone."""
    if not guide:
        return ()
    from .safety_eval import labelled_cases

    own = {e.id for e in guide}
    labelled = [Exemplar(case.text, case.category if case.flag else "lookalike", case.flag,
                         source=case.split) for case in labelled_cases()]
    return tuple(e for e in labelled if e.id not in own)


def clauses_of(text: str) -> list[str]:
    """The whole text, then its clauses, so a disclosure inside small talk is judged alone."""
    parts = [part.strip() for part in _CLAUSES.split(text) if part and part.strip()]
    parts = [part for part in parts if len(part.split()) >= MIN_CLAUSE_WORDS and part != text]
    if len(parts) == 1 and len(parts[0].split()) < LONE_CLAUSE_WORDS:
        return [text]
    return [text, *parts]


def _cues_in_context(clauses: Sequence[str]) -> list[tuple[str, ...]]:
    """Each clause's risk categories, keeping only those the whole question (``clauses[0]``)
    also shows: a risk word that the whole question puts in an idiom ("won't leave me alone:
    twenty texts a day about his CV") is not a risk in its clause either. Most questions show
    none, and then no clause is scanned."""
    whole = cue_categories(clauses[0])
    if not whole:
        return [()] * len(clauses)
    return [whole, *(tuple(c for c in cue_categories(clause) if c in whole)
                     for clause in clauses[1:])]


def _similarities(vectors: Any, matrix: Any) -> Any:
    """Each vector against every row of ``matrix``.

    ``einsum`` runs on the calling thread; a BLAS product of this size wakes worker
    threads, which on a busy 2-core machine wait for a core and can take 50 times longer.
    """
    import numpy as np

    return np.einsum("ij,kj->ki", matrix, vectors)


def _top_mean(similarities: Any) -> Any:
    """The mean of each row's ``NEIGHBOURS`` highest similarities, selected, not sorted."""
    import numpy as np

    k = min(NEIGHBOURS, similarities.shape[1])
    return np.partition(similarities, -k, axis=1)[:, -k:].mean(axis=1)

