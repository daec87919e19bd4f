"""The browser's safety check decides as the Python one does, on every labelled case.

The page is the real built site with its bundle, served by ``python -m http.server``;
the references are what `SafetyDetector` (the assistant's own, over the test index)
returns for the same texts, computed here and never written down.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, make_settings
from static_support import bundle_site, load_static_core, serve_directory  # noqa: F401

from mentor_assistant.guide.exemplars import load_exemplars
from mentor_assistant.safety.detector import (
    GUIDE,
    THRESHOLD,
    UNSURE_BELOW,
    SafetyDetector,
    clauses_of,
)
from mentor_assistant.safety.safety_cues import cue_categories, normalise
from mentor_assistant.safety.safety_eval import SAFETY_FINALS, load_safety_cases, load_whole
from mentor_assistant.web.static_bundle import BUNDLE_DIR, BundleContext
from mentor_assistant.web.static_safety import (
    FLAG_MARGIN,
    SAFETY_FILE,
    VECTORS_FILE,
    current_detector,
    words_near_risk,
    write_part,
)

DISCLOSURE = "my mentee told me her stepdad hits her when he has been drinking"
FOLLOW_UP = "what should I say to her next time?"
EXTRA_TEXTS = [
    "im being abussed at home and i feel sucidal", "kms fr", "unaliving myself tonight",
    "She’s been self harming again", "a thesis on self-harm in teenagers",
    "this deadline is killing me", "Dye my hair?", "amused, stinking, sparring",
    "naïve café — résumé; Zürich!", "  spaces\u00a0and\ttabs  ", "", "?!",
    "quick q about the rota, btw my mentee said he wants to end it all",
]


def case_texts() -> list[str]:
    cases = load_safety_cases()
    for split, path in SAFETY_FINALS.items():
        cases += load_whole(path, split)
    return [case.text for case in cases]


def copy_differences(texts: list[str], python: list, scores: list[float], flags: list[bool]
                     ) -> tuple[list, list]:
    """Where a copy of the detector (int8 vectors, the browser) disagrees in a way it must
    not: a question Python flags that the copy misses, or one the copy alone flags although
    Python's score is further under the threshold than the copy's margin could explain."""
    rows = list(zip(texts, python, scores, flags, strict=True))
    missed = [(t, p.score, s) for t, p, s, f in rows if p.flagged and not f]
    far = [(t, p.score, s) for t, p, s, f in rows
           if f and not p.flagged and p.score < THRESHOLD - 2 * FLAG_MARGIN]
    return missed, far


def exemplar_texts() -> list[str]:
    return [e.text for e in load_exemplars(ROOT / "guide_content")]


@pytest.fixture(scope="module")
def safety_site(bundle_site: Path, guide_index: Path, guide, tmp_path_factory) -> Path:  # noqa: F811
    """A copy of the site with its bundle, the safety part written again by itself so that
    its writer's return value is checked on its own."""
    site = tmp_path_factory.mktemp("safety") / "site"
    shutil.copytree(bundle_site, site)
    context = BundleContext(make_settings(ROOT / "mkdocs.yml", guide_index), guide, Path("."))
    assert write_part(site / BUNDLE_DIR, context) == [SAFETY_FILE, VECTORS_FILE]
    return site


@pytest.fixture(scope="module")
def safety_url(safety_site: Path):
    process, url = serve_directory(safety_site)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def case_vectors(guide_assistant) -> dict[str, np.ndarray]:
    """Every clause of every case, embedded once by the Python embedder."""
    clauses = sorted({c for text in case_texts() for c in clauses_of(normalise(text))})
    return dict(zip(clauses, guide_assistant.embedder.embed(clauses), strict=True))


def open_safety(page, url: str) -> None:
    """Open the site's home page and load the safety check into it."""
    page.goto(url)
    add_safety(page, url)


def add_safety(page, url: str) -> None:
    page.add_script_tag(url=url + "javascripts/static-safety.js")
    page.evaluate("url => MentorStaticSafety.load(url)", url + BUNDLE_DIR + "/")


def test_the_part_exports_the_python_objects(safety_site: Path) -> None:
    from mentor_assistant.safety import detector as safety
    from mentor_assistant.safety import safety_cues

    data = json.loads((safety_site / BUNDLE_DIR / SAFETY_FILE).read_text(encoding="utf-8"))
    assert (data["threshold"], data["neighbours"], data["cue_bonus"],
            data["min_clause_words"]) == (safety.THRESHOLD, safety.NEIGHBOURS,
                                          safety.CUE_BONUS, safety.MIN_CLAUSE_WORDS)
    assert data["risk_words"] == list(safety_cues.RISK_WORDS)
    assert [category for category, _ in data["cues"]] == list(safety_cues.CUES)
    assert data["short_risk_typos"] == safety_cues.SHORT_RISK_TYPOS
    exemplars = data["exemplars"]
    size = (safety_site / BUNDLE_DIR / VECTORS_FILE).stat().st_size
    rows = ("disclosures", "lookalikes", "labelled_disclosures", "labelled_lookalikes")
    assert size == sum(exemplars[part] for part in rows) * exemplars["dimension"]
    assert data["second_opinion_from"] == safety.SECOND_OPINION_FROM
    assert len(exemplars["labelled_categories"]) == exemplars["labelled_disclosures"] > 1000


def test_int8_vectors_change_no_flag(safety_site: Path, guide_assistant, case_vectors,
                                     monkeypatch) -> None:
    """The bundle's int8 vectors, read back and judged with the browser's margin, flag
    every question the float32 ones flag."""
    from mentor_assistant.safety import detector as safety

    detector = guide_assistant.safety
    data = json.loads((safety_site / BUNDLE_DIR / SAFETY_FILE).read_text(encoding="utf-8"))
    exemplars = data["exemplars"]
    codes = np.frombuffer((safety_site / BUNDLE_DIR / VECTORS_FILE).read_bytes(), dtype=np.int8)
    vectors = codes.reshape(-1, exemplars["dimension"]).astype(np.float64) \
        * np.asarray(exemplars["scales"])[:, None]
    labels = [_Label(True) for _ in range(exemplars["disclosures"])] \
        + [_Label(False) for _ in range(exemplars["lookalikes"])] \
        + [_Label(True, "tune") for _ in range(exemplars["labelled_disclosures"])] \
        + [_Label(False, "tune") for _ in range(exemplars["labelled_lookalikes"])]
    int8 = SafetyDetector(guide_assistant.embedder, labels, vectors)
    texts = case_texts()
    full = detector.check_many(texts, case_vectors)
    monkeypatch.setattr(safety, "THRESHOLD", THRESHOLD - FLAG_MARGIN)  # as the browser flags
    monkeypatch.setattr(safety, "SECOND_OPINION_FROM", safety.SECOND_OPINION_FROM - FLAG_MARGIN)
    small = int8.check_many(texts, case_vectors)
    flags = [check.flagged for check in small]
    assert copy_differences(texts, full, [check.score for check in small], flags) == ([], [])


def test_words_near_risk_are_those_typo_fixing_asks_about() -> None:
    """A sample of the dictionary and vocabulary, checked the slow way."""
    from mentor_assistant.safety.safety_cues import (
        _WORD,
        _closest_risk_word,
        _dictionary,
        known_words,
    )

    known, english = words_near_risk()
    everything = sorted({w for w in _dictionary()._word_frequency.dictionary
                         if _WORD.fullmatch(w) and len(w) >= 5})
    sample = random.Random(8).sample(everything, 3000) + english
    assert [w for w in sample if (w in english) != bool(_closest_risk_word(w))] == []
    vocabulary = sorted(w for w in known_words() if _WORD.fullmatch(w) and len(w) >= 5)
    sample = random.Random(8).sample(vocabulary, 1000) + [w for w in known if len(w) >= 5]
    assert [w for w in sample if (w in known) != bool(_closest_risk_word(w))] == []


@pytest.mark.browser
def test_normalising_clauses_and_cues_match_python(page, safety_url: str) -> None:
    """Every labelled case and every exemplar: the same normalised text, the same clauses
    and the same risk-phrase categories for each clause."""
    texts = case_texts() + exemplar_texts() + EXTRA_TEXTS
    open_safety(page, safety_url)
    got = page.evaluate("""texts => texts.map(text => {
        const normalised = MentorStaticSafety.normalise(text);
        const clauses = MentorStaticSafety.clausesOf(normalised);
        return [normalised, clauses, clauses.map(c => MentorStaticSafety.cueCategories(c))]; })""",
                        texts)
    wrong = []
    for text, found in zip(texts, got, strict=True):
        normalised = normalise(text)
        clauses = clauses_of(normalised)
        expected = [normalised, clauses, [list(cue_categories(c)) for c in clauses]]
        if found != expected:
            wrong.append((text, expected, found))
    assert not wrong, f"{len(wrong)} of {len(texts)} differ, e.g. {wrong[:3]}"
    print(f"\nsafety wording: {len(texts)} texts, all equal")
    assert page.errors == [] and page.outside_requests == []


@pytest.mark.browser
def test_flags_match_python_with_the_browsers_own_embedding(page, safety_url: str,
                                                           guide_assistant, case_vectors) -> None:
    """Every labelled case, embedded in Chromium by static-core.js: the same flag as the
    Python detector's."""
    texts = case_texts()
    expected = guide_assistant.safety.check_many(texts, case_vectors)
    load_static_core(page, safety_url)
    add_safety(page, safety_url)
    got = page.evaluate("""async texts => { const out = [];
        for (const text of texts) {
          out.push(await MentorStaticSafety.assess(text, MentorStatic.embed));
        }
        return out; }""", texts)
    flagged = sum(check.flagged for check in expected)
    missed, far_extras = copy_differences(texts, expected, [g["score"] for g in got],
                                          [g["flagged"] for g in got])
    assert not missed, f"{len(missed)} of {flagged} flagged questions missed: {missed}"
    assert not far_extras, f"flagged only in the browser, far from the threshold: {far_extras}"
    gap = max(abs(e.score - g["score"]) for e, g in zip(expected, got, strict=True))
    closest = min(abs(e.score - THRESHOLD) for e in expected)
    print(f"\nsafety flags: {len(texts)} cases, {flagged} flagged, none missed; largest score "
          f"gap {gap:.4f}, closest to the threshold {closest:.4f}")
    assert all(list(e.cues) == (g["categories"] if e.cues else [])
               for e, g in zip(expected, got, strict=True))
    unsure_differs = [text for text, e, g in zip(texts, expected, got, strict=True)
                      if e.unsure != g["unsure"] and abs(e.score - UNSURE_BELOW) > 0.01
                      and abs(e.score - THRESHOLD) > 2 * FLAG_MARGIN]
    assert not unsure_differs, unsure_differs  # the same answer shape, away from the lines
    assert page.errors == [] and page.outside_requests == []


@pytest.mark.browser
def test_a_flagged_conversation_keeps_its_flag_and_leads_with_the_contacts(
        page, safety_url: str, guide_assistant) -> None:
    from mentor_assistant.answers.assistant import Turn

    load_static_core(page, safety_url)
    add_safety(page, safety_url)
    result = page.evaluate("""async ([question, disclosure]) => {
        const s = MentorStaticSafety;
        return { alone: await s.assess(question, MentorStatic.embed),
                 after: await s.assess(question, MentorStatic.embed,
                                       {history: [{question: disclosure}]}),
                 lexical: s.assessLexical(question, {history: [disclosure]}),
                 disclosure: s.assessLexical(disclosure),
                 block: s.contactsBlock(2) }; }""", [FOLLOW_UP, DISCLOSURE])
    assistant = guide_assistant
    assert result["alone"]["flagged"] is assistant.is_safety_question(FOLLOW_UP) is False
    assert result["after"]["flagged"] is True
    assert assistant.is_safety_question(FOLLOW_UP, [Turn(DISCLOSURE, "...")]) is True
    assert result["lexical"]["flagged"] and result["disclosure"]["flagged"]
    assert result["block"] == assistant.contacts_block(2)
    assert page.errors == [] and page.outside_requests == []


@pytest.mark.browser
def test_a_missing_bundle_says_what_to_do(page, safety_url: str) -> None:
    page.goto(safety_url)
    page.add_script_tag(url=safety_url + "javascripts/static-safety.js")
    message = page.evaluate("""() => MentorStaticSafety.load("nowhere/").then(() => "loaded",
        (error) => error.message)""")
    assert "could not load" in message and "mentor-assistant build" in message
    assert "call MentorStaticSafety.load" in page.evaluate(
        "() => { try { MentorStaticSafety.assessLexical('x'); } catch (e) { return e.message; } }")


class _Label:
    """Just enough of an exemplar for `SafetyDetector`: its side, a category and where it
    comes from."""

    def __init__(self, disclosure: bool, source: str = GUIDE) -> None:
        self.disclosure = disclosure
        self.category = "suicide" if disclosure else "lookalike"
        self.source = source


def test_the_detector_in_the_bundle_is_the_assistants(guide_index: Path, guide,
                                                      guide_assistant) -> None:
    context = BundleContext(make_settings(ROOT / "mkdocs.yml", guide_index), guide, Path("."))
    detector = current_detector(context)
    for part in ("guide", "labelled"):
        mine, theirs = getattr(detector, part), getattr(guide_assistant.safety, part)
        assert np.array_equal(mine.disclosures, theirs.disclosures)
        assert np.array_equal(mine.lookalikes, theirs.lookalikes)
        assert mine.categories == theirs.categories
    assert len(detector.labelled.disclosures) > 1000
