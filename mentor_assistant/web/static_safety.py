"""The safety check's part of the static assistant bundle.

``static-safety.js`` repeats `safety.SafetyDetector` in the browser. Everything it
needs comes from the Python objects themselves, so the two cannot drift apart: the
exemplars' vectors as the index stores them, the detector's constants, the cue and
slang patterns of `safety_cues` translated by `js_regex`, and the escalation
contacts of the guide. The vectors are int8 (one scale per row), and the browser embeds
with its own copy of the model, so its scores differ from Python's by a few ten-thousandths.
The copy errs towards flagging: it flags from ``FLAG_MARGIN`` under the threshold, so a
question Python flags is never missed there, and only questions that close to the threshold
can be flagged there alone (`tests/test_static_safety.py` checks both on the labelled questions).

Typo fixing asks two word lists whether a word is real: the tokenizer's vocabulary
and pyspellchecker's English dictionary. Only a word within the typo distance of a
risk word can ever be changed, so only those words of the two lists are written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .js_regex import python_whitespace, to_js

if TYPE_CHECKING:
    from ..guide.contacts import Contact
    from ..safety.detector import SafetyDetector
    from .static_bundle import BundleContext

__all__ = ["FLAG_MARGIN", "SAFETY_FILE", "VECTORS_FILE", "current_detector", "lexical_tables",
           "quantise", "safety_bundle", "words_near_risk", "write_part"]

SAFETY_FILE = "safety.json"
VECTORS_FILE = "safety-vectors.bin"
FORMAT_VERSION = 2


def write_part(bundle_dir: Path, context: BundleContext) -> list[str]:
    """Write ``safety.json`` and the exemplars' vectors into ``bundle_dir``; return their
    names."""
    from ..guide.content import load_contacts

    detector = current_detector(context)
    data, vectors = safety_bundle(detector, load_contacts(Path(context.docs_dir)))
    bundle_dir.mkdir(parents=True, exist_ok=True)
    (bundle_dir / VECTORS_FILE).write_bytes(vectors)
    (bundle_dir / SAFETY_FILE).write_text(json.dumps(data, ensure_ascii=False,
                                                     separators=(",", ":")), encoding="utf-8")
    return [SAFETY_FILE, VECTORS_FILE]


def current_detector(context: BundleContext) -> SafetyDetector:
    """The detector the assistant uses: the exemplars' vectors stored in the index (or
    embedded now, for an index without them)."""
    from ..answers.assistant import _safety_detector

    return _safety_detector(context.embedder, context.safety_exemplars, context.guide)


def safety_bundle(detector: SafetyDetector, contacts: Sequence[Contact]
                  ) -> tuple[dict[str, Any], bytes]:
    """The JSON data and the vector bytes for ``detector`` and the guide's ``contacts``."""
    import numpy as np

    guide, labelled = detector.guide, detector.labelled
    parts = [guide.disclosures, guide.lookalikes, labelled.disclosures, labelled.lookalikes]
    matrix = np.concatenate([part.reshape(len(part), -1) for part in parts]) \
        if len(guide.disclosures) else guide.disclosures
    codes, scales = quantise(matrix)
    data = {"version": FORMAT_VERSION, **lexical_tables(), **detector_constants(),
            "contacts": contacts_data(contacts),
            "exemplars": {"file": VECTORS_FILE, "encoding": "int8",
                          "dimension": int(matrix.shape[1]) if matrix.size else 0,
                          "disclosures": len(guide.disclosures),
                          "lookalikes": len(guide.lookalikes),
                          "labelled_disclosures": len(labelled.disclosures),
                          "labelled_lookalikes": len(labelled.lookalikes),
                          "categories": list(guide.categories),
                          "labelled_categories": list(labelled.categories),
                          "scales": [float(s) for s in scales]}}
    return data, codes.tobytes()


def quantise(matrix: Any) -> tuple[Any, Any]:
    """Each row as int8 codes and one float32 scale: ``row ≈ codes * scale``."""
    import numpy as np

    matrix = np.asarray(matrix, dtype=np.float32)
    if not matrix.size:
        return np.zeros(matrix.shape, dtype=np.int8), np.zeros(len(matrix), dtype=np.float32)
    peak = np.abs(matrix).max(axis=1)
    scales = np.where(peak > 0, peak / 127, 1).astype(np.float32)
    codes = np.clip(np.rint(matrix / scales[:, None]), -127, 127).astype(np.int8)
    return codes, scales


def dequantise(codes: Any, scales: Any) -> Any:
    """The vectors the browser computes with (as float64, as JavaScript does)."""
    import numpy as np

    return codes.astype(np.float64) * np.asarray(scales, dtype=np.float64)[:, None]


FLAG_MARGIN = 0.0015  # how far under the threshold the browser's copy flags


def detector_constants() -> dict[str, Any]:
    """The numbers that decide a flag, and how far back a conversation keeps it."""
    from ..answers import assistant
    from ..safety import detector as safety

    return {"neighbours": safety.NEIGHBOURS, "cue_bonus": safety.CUE_BONUS,
            "threshold": safety.THRESHOLD, "flag_margin": FLAG_MARGIN,
            "second_opinion_from": safety.SECOND_OPINION_FROM,
            "unsure_below": safety.UNSURE_BELOW,
            "min_clause_words": safety.MIN_CLAUSE_WORDS,
            "lone_clause_words": safety.LONE_CLAUSE_WORDS,
            "short_clause_words": safety.SHORT_CLAUSE_WORDS,
            "short_clause_penalty": safety.SHORT_CLAUSE_PENALTY,
            "safety_turns": assistant.SAFETY_TURNS}


def lexical_tables() -> dict[str, Any]:
    """Normalisation and cue tables of `safety_cues`, with its patterns in JavaScript form."""
    from ..safety import detector as safety
    from ..safety import safety_cues

    known, english = words_near_risk()
    return {
        "whitespace": python_whitespace(),
        "clauses": to_js(safety._CLAUSES).to_json(),
        "contraction": to_js(safety_cues._CONTRACTION).to_json(),
        "apostrophe_free": safety_cues._APOSTROPHE_FREE,
        "slang": [[to_js(pattern).to_json(), _plain_replacement(text)]
                  for pattern, text in safety_cues._SLANG],
        "word": to_js(safety_cues._WORD).to_json(),
        "risk_words": list(safety_cues.RISK_WORDS),
        "short_risk_typos": safety_cues.SHORT_RISK_TYPOS,
        "known_words": known,
        "english_words": english,
        "dropped_g": dropped_g_words(),
        "cues": [[category, to_js(pattern).to_json()]
                 for category, pattern in safety_cues._COMPILED.items()],
        "own_story": to_js(safety_cues.OWN_STORY).to_json(),
        "topic_before": to_js(safety_cues.TOPIC_BEFORE).to_json(),
        "topic_after": to_js(safety_cues.TOPIC_AFTER).to_json(),
        "idiom": to_js(safety_cues.IDIOM).to_json(),
    }


def _plain_replacement(text: str) -> str:
    """A slang replacement, which ``re.sub`` reads as a template: it must be plain text."""
    if "\\" in text:
        raise ValueError(f"slang replacement {text!r} uses a template escape, which the "
                         "browser's copy does not expand")
    return text


def words_near_risk() -> tuple[list[str], list[str]]:
    """The words of the tokenizer's vocabulary and of the English dictionary that typo
    fixing can ever ask about: a short slang key, or a word within typo distance of a
    risk word. A word outside both lists is treated as unknown, as in Python."""
    from ..safety.safety_cues import _WORD, SHORT_RISK_TYPOS, _dictionary, known_words

    vocabulary = {w for w in known_words() if _WORD.fullmatch(w)}
    english = {w for w in _dictionary()._word_frequency.dictionary if _WORD.fullmatch(w)}
    near = _near_risk_words(vocabulary | english)
    short = {w for w in vocabulary if len(w) < 5 and w in SHORT_RISK_TYPOS}
    return sorted((vocabulary & near) | short), sorted(english & near)


def dropped_g_words() -> dict[str, str]:
    """Each word typed without its final g that `safety_cues.normalise` spells out, with
    its spelling ("rockin": "rocking")."""
    from ..safety.safety_cues import _WORD, is_dropped_g, known_words

    words = known_words()
    return {w[:-1]: w for w in sorted(words)
            if w.endswith("ing") and _WORD.fullmatch(w) and w[:-1] not in words
            and is_dropped_g(w[:-1], words)}


def _near_risk_words(words: set[str]) -> set[str]:
    """The words of 5 letters or more that `_closest_risk_word` matches to a risk word.

    A cheap bound skips most pairs first: an edit changes a word's letter counts by at
    most 2 in total, so a word whose counts differ from a risk word's by more than
    twice the allowed distance cannot be a typo of it.
    """
    import numpy as np

    from ..safety.safety_cues import RISK_WORDS, _closest_risk_word, _distance

    candidates = sorted(w for w in words if len(w) >= 5)
    alphabet = {c: i for i, c in enumerate("abcdefghijklmnopqrstuvwxyz-")}
    counts = _letter_counts(candidates, alphabet)
    risk = _letter_counts(list(RISK_WORDS), alphabet)
    lengths = np.array([len(w) for w in candidates])
    risk_lengths = np.array([len(w) for w in RISK_WORDS])
    allowed = np.where(lengths < 8, 1, 2)
    near: set[str] = set()
    for start in range(0, len(candidates), 4096):
        part = slice(start, start + 4096)
        spread = np.abs(counts[part, None, :] - risk[None, :, :]).sum(axis=2)
        close = (spread <= 2 * allowed[part, None]) & \
            (np.abs(lengths[part, None] - risk_lengths[None, :]) <= allowed[part, None])
        for row, column in zip(*np.nonzero(close), strict=True):
            word = candidates[start + row]
            if word not in near and _distance(word, RISK_WORDS[column]) <= allowed[start + row]:
                near.add(word)
    return {word for word in near if _closest_risk_word(word)}


def _letter_counts(words: list[str], alphabet: dict[str, int]) -> Any:
    import numpy as np

    counts = np.zeros((len(words), len(alphabet)), dtype=np.int16)
    for row, word in enumerate(words):
        for char in word:
            counts[row, alphabet[char]] += 1
    return counts


def contacts_data(contacts: Sequence[Contact]) -> dict[str, Any]:
    """The lead of a safety answer and the contacts under it, rendered by the same
    functions as the CLI's answers."""
    from ..answers.assistant import SAFETY_LEAD
    from ..guide.contacts import render_contacts_list

    if SAFETY_LEAD.format(n="{n}") != SAFETY_LEAD:
        raise ValueError("SAFETY_LEAD must have one placeholder, {n}, and no other braces")
    return {"lead": SAFETY_LEAD, "list": render_contacts_list(tuple(contacts)),
            "rows": [{"situation": c.situation, "who": c.who, "how": c.how} for c in contacts]}
