"""One behaviour, two places: the static Ask page answers as the Python assistant does.

The site with its bundle is served by ``python -m http.server`` on 127.0.0.1 and
driven in Chromium; the Python assistant answers in process over the same index.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from static_support import bundle_site, load_static_core, static_url  # noqa: F401

from mentor_assistant.answers.assistant import Turn
from mentor_assistant.evals.answer_eval import load_passage_questions
from mentor_assistant.evals.evaluation import load_golden
from mentor_assistant.safety.detector import THRESHOLD
from mentor_assistant.safety.safety_cues import cue_categories, normalise
from mentor_assistant.web.static_safety import FLAG_MARGIN

pytestmark = pytest.mark.browser

ASK_ALL = """async questions => {
  const out = [];
  for (const q of questions) out.push(await MentorStatic.ask(q));
  return out;
}"""


def golden_questions() -> list[str]:
    return [q.question for q in load_golden()] + [q.question for q in load_passage_questions()]


QUOTED_HEADING = re.compile(r"^\*\*(.+?)\*\* \[\d+\]$", re.MULTILINE)


def quoted_sections(answer_text: str) -> list[str]:
    """The "Title › Heading" of each passage an answer quotes, in order."""
    return QUOTED_HEADING.findall(answer_text)


def python_top(assistant, question: str, browser_checks_safety: bool) -> tuple[str, list[str]]:
    """The Python answer's first source; for a safety answer when the page has no safety
    module, the first retrieved section behind it (the contacts lead only with the flag)."""
    answer = assistant.ask(question)
    if "safety" in answer.flags and not browser_checks_safety:
        asked = assistant.asking(question)
        vector = assistant.embedder.embed([assistant.aliases.expand(asked.query)])[0]
        return assistant.ranked(asked, vector)[0].url, ["safety"]
    return answer.sources[0].url, list(answer.flags)


def test_golden_questions_get_the_same_top_section(page, static_url: str,  # noqa: F811
                                                   guide_assistant) -> None:
    questions = golden_questions()
    load_static_core(page, static_url)
    answers = page.evaluate(ASK_ALL, questions)
    safety_module = page.evaluate("Boolean(window.MentorStaticSafety)")
    expected = [python_top(guide_assistant, q, safety_module) for q in questions]
    pairs = list(zip(questions, expected, answers, strict=True))
    top = {q: got["sources"][0]["url"] if got["sources"] else None for q, _, got in pairs}
    same = [q for q, (url, _), _ in pairs if top[q] == url]
    differing = [f"{q} -> python {url}, browser {top[q]}" for q, (url, _), _ in pairs
                 if top[q] != url]
    share = len(same) / len(questions)
    assert share >= 0.95, (f"same top section for {len(same)}/{len(questions)} = {share:.1%} of "
                           "the golden questions; differing:\n" + "\n".join(differing))
    for got in answers:
        assert got["mode"] == "browser"
        assert [s["n"] for s in got["sources"]] == list(range(1, len(got["sources"]) + 1))
        assert set(got["sources"][0]) == {"n", "title", "heading", "url", "path", "score", "text"}
        assert all(f"[{s['n']}]" in got["answer"] for s in got["sources"])
    # the passages, where the page can answer as Python does: a safety answer leads with the
    # escalation page only when the page has the safety module (test_static_safety checks it)
    comparable = [q for q, (_, flags), _ in pairs
                  if q in same and (safety_module or "safety" not in flags)]
    python_quotes = {q: quoted_sections(guide_assistant.ask(q).answer) for q in comparable}
    same_quotes = [q for q, _, got in pairs
                   if q in python_quotes and quoted_sections(got["answer"]) == python_quotes[q]]
    assert len(same_quotes) >= 0.95 * len(comparable), [  # the same passages, the same second
        (q, python_quotes[q], quoted_sections(got["answer"])) for q, _, got in pairs
        if q in python_quotes and q not in same_quotes]
    print(f"static parity: same quoted passages for {len(same_quotes)}/{len(comparable)}")
    tears = next(got for q, _, got in pairs if q.startswith("My mentee burst into tears"))
    assert "When a mentee cries:\n\n- Pause." in tears["answer"]  # reads on, as in Python
    assert "- Difficult moments › When a mentee cries" not in tears["answer"]  # not listed again
    on_read = next(got for q, _, got in pairs if q.startswith("my mentee left me on read"))
    assert "no reply at all, set a clear and kind end point" in on_read["answer"]  # named
    if safety_module:
        safety = {q for q, (_, flags), _ in pairs if "safety" in flags}
        flagged_here = {q for q, _, got in pairs if "safety" in got["flags"]}
        assert not safety - flagged_here, safety - flagged_here  # no flag missed
        far = [q for q in flagged_here - safety  # the copy errs towards flagging, near the line
               if guide_assistant.safety.check(q).score < THRESHOLD - 2 * FLAG_MARGIN]
        assert not far, far
    out_of_scope = {q for q, (_, flags), _ in pairs if "out_of_scope" in flags}
    flagged = {q for q, _, got in pairs if "out_of_scope" in got["flags"]}
    assert len(out_of_scope ^ flagged) <= 0.05 * len(questions), out_of_scope ^ flagged
    print(f"static parity: same top section for {len(same)}/{len(questions)} ({share:.1%})")
    assert page.errors == [] and page.outside_requests == []


def ask_on_page(page, question: str, turn: int) -> dict:
    page.fill("#ma-question", question)
    page.get_by_role("button", name="Ask", exact=True).click()
    page.locator(".ma-turn").nth(turn).locator(".ma-sources a").first.wait_for(timeout=120_000)
    return page.evaluate("JSON.parse(sessionStorage.getItem('ma-conversation')).turns.at(-1)")


def test_three_turns_carry_the_topic_and_the_role(page, static_url: str,  # noqa: F811
                                                  guide_assistant) -> None:
    page.goto(static_url + "assistant/ask/")
    page.wait_for_function("window.MentorStatic && MentorStatic.modelReady", timeout=120_000)
    questions = ["My mentee keeps cancelling our sessions at the last minute. What should I do?",
                 "what should I say to him?", "and what if I run the programme?"]
    history: list[Turn] = []
    for n, question in enumerate(questions):
        saved = ask_on_page(page, question, n)
        expected = guide_assistant.ask(question, history=history)
        assert saved["result"]["mode"] == "browser"
        assert [s["url"] for s in saved["result"]["sources"]][:1] == \
            [s.url for s in expected.sources][:1], question
        history.append(Turn(question, expected.answer))
    owner_pages = {meta["url"].split("#")[0] for meta in guide_assistant.index.metadatas
                   if meta["aud_program_owner"]}
    lead = page.locator(".ma-turn").nth(2).locator(".ma-sources a").first.get_attribute("href")
    assert any(lead.split("#")[0].endswith(url) for url in owner_pages if url), lead
    assert "cancel" in page.locator(".ma-turn").nth(1).inner_text().lower()
    page.reload()
    assert page.locator(".ma-turn").count() == 3  # the conversation survives a reload
    assert page.locator(".ma-turn-actions button", has_text="Copy answer").count() == 3
    assert page.errors == []


def test_no_request_leaves_the_site(page, static_url: str) -> None:  # noqa: F811
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(static_url)
    page.wait_for_load_state("networkidle")
    assert not [r for r in requests if "assistant-bundle" in r or "static-core" in r], \
        "a page other than Ask or Plan fetched the assistant's bundle"
    page.goto(static_url + "assistant/ask/")
    page.wait_for_function("window.MentorStatic && MentorStatic.modelReady", timeout=120_000)
    ask_on_page(page, "How do I give feedback that helps?", 0)
    origin = urlsplit(static_url).netloc
    leaving = [r for r in requests if r.startswith(("http:", "https:", "ws:", "wss:"))
               and urlsplit(r).netloc != origin]
    assert any(r.endswith("assistant-bundle/model.onnx") for r in requests)
    assert leaving == [], leaving
    assert page.outside_requests == []


def test_without_the_model_a_lexical_answer_serves_and_says_so(page, static_url: str  # noqa: F811
                                                                ) -> None:
    page.route("**/assistant-bundle/model.onnx", lambda route: route.abort())
    page.goto(static_url + "assistant/ask/")
    saved = ask_on_page(page, "How do I build trust with a new mentee?", 0)
    assert saved["result"]["mode"] == "browser-lexical"
    assert saved["result"]["sources"]
    assert "matching words only" in page.locator(".ma-status").last.inner_text()
    page.wait_for_function("document.querySelector('.ma-bundle-status').textContent"
                           ".includes('could not load')")


def test_a_disclosure_asked_before_the_model_loads_leads_with_contacts_once_it_has(
        page, static_url: str, guide_assistant) -> None:  # noqa: F811
    """Matching words alone misses disclosures in ordinary words: the answer changes to lead
    with the contacts as soon as the full check can run."""
    question = ("he has been sorting out who gets his things and wrote a letter to each of us "
                "this week")
    assert not cue_categories(normalise(question))
    assert "safety" in guide_assistant.ask(question).flags
    held: list = []
    page.route("**/assistant-bundle/model.onnx", lambda route: held.append(route))
    page.goto(static_url + "assistant/ask/")
    saved = ask_on_page(page, question, 0)
    assert saved["result"]["mode"] == "browser-lexical"
    assert "safety" not in saved["result"]["flags"]
    answer = page.locator(".ma-turn").nth(0)
    assert "Safety first" not in answer.inner_text()
    held[0].continue_()
    page.wait_for_function("document.querySelector('.ma-turn').innerText.includes('Safety first')",
                           timeout=120_000)
    assert "found that someone may be at risk" in page.locator(".ma-status").last.inner_text()
    assert page.errors == []
