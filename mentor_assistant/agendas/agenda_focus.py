"""The pair's focus in an agenda: the guide sections about it, and where it goes.

The focus goes into the template item that takes it: it becomes the open working
slot (``focus: work``), is discussed in the item it fits (``focus: include``), or
in a first meeting is noted for goal setting (``focus: note``). Its prompts come
from guide sections that are about the focus, as whole questions or sentences in
the preparing person's voice; without such sections they are open questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..answers.retrieval import Hit
from ..index.sentences import candidate_sentences
from .agenda_words import (
    FOCUS_ADVICE,
    FOCUS_INCLUDED,
    FOCUS_NOTED,
    FOCUS_TITLE,
    FOCUS_WORK,
    NOTE_PROMPT,
)

RELATED_SHARE = 0.85  # focus sections scoring below this share of the best are left out
HEADING_FLOOR = 0.4  # a section whose heading is less similar than this is not about the focus
PROMPT_FLOOR = 0.1  # a line from a section about the focus closer than this is used
TIP_FLOOR = 0.4  # a tip for the mentee, only this close
PHRASE_FLOOR = 0.5  # a line from the lead page's phrase sections, only this close
INCLUDE_MARGIN = 0.2  # an 'include' item must fit the focus this much better than the slot
TITLE_WORD_BONUS = 0.15  # for an item whose title shares a word with the focus
SAID_LINE = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(?:[^“\"\n:]{1,40}:\s*)?[“\"]([^”\"]{12,200})[”\"]"
                       r"[.\s]*$")
SAID_INLINE = re.compile(r"\b(?:say|saying|ask|asking|try|tell them)\b[^“\"\n]{0,25}[:,]?\s*"
                         r"[“\"]([^”\"\n]{12,200})[”\"]", re.IGNORECASE)
NARRATIVE = re.compile(r"scenario|example|in practice", re.IGNORECASE)
GENERIC_HEADING = re.compile(r"things you can say|what to say|pitfalls|what to avoid|checklist|"
                             r"tips\b|what done looks like|when to use|how to use", re.IGNORECASE)
PHRASE_SECTIONS = re.compile(r"say|phrase|question|words", re.IGNORECASE)
EXAMPLE_BLOCK = re.compile(r"^(!!!|\?\?\?\+?) example.*\n((?:[ \t]+.*\n|\n)*)",
                           re.MULTILINE)
WHOLE = re.compile(r"^[A-Z“\"'‘].*[^:\s][.?!”\"’]$")
DANGLING = re.compile(r"^(And|But|Or|So|Then|Also|They|Them|It|This|That|These|Those|He|She|"
                      r"His|Her|Which|Because)\b")
FOR_MENTORS = re.compile(r"\b(the|your) mentee\b|\bsee\b", re.IGNORECASE)
# Pages in another reader's voice: their lines would put words in the wrong mouth.
WRITTEN_FOR_THE_OTHER = {"mentor": ("mentees/", "program-owners/"),
                         "mentee": ("mentors/", "program-owners/")}
OPEN_QUESTIONS = {
    "mentor": ("What would progress on this look like by our next session?",
               "What have you already tried, and what happened?",
               "What feels hardest about it right now?"),
    "mentee": ("Explain where things stand and what you have already tried.",
               "Ask your mentor how they would approach it, and what they would watch out for.",
               "Decide one step you will take on it before the next session."),
}


@dataclass(frozen=True)
class FocusPlan:
    """What the focus brings: a short label, its prompts, and the sections behind them."""

    text: str
    short: str
    prompts: tuple[str, ...]
    hits: tuple[Hit, ...]
    from_guide: tuple[str, ...] = ()


def focus_hits(focus: str, context: str | None, role: str, assistant: Any,
               in_agenda: set[str]) -> list[Hit]:
    """The sections about the focus, close to the best of them."""
    query = focus if not context else f"{focus} ({context})"
    hits = assistant.search(query, 8, audience=role)
    useful = [h for h in hits[:6] if h.anchor and h.url not in in_agenda
              and not h.heading.startswith("Timed agenda") and not NARRATIVE.search(h.heading)]
    about = [h for h in useful if is_about(focus, h, assistant)]
    return [h for h in about[:4] if h.score >= RELATED_SHARE * about[0].score]


def is_about(focus: str, hit: Hit, assistant: Any) -> bool:
    """Whether a section is about the focus, judged by its heading.

    A section can mention the focus in passing (an example, a quote) and be about
    something else; its heading says what its advice is about. A generic heading
    ("Things you can say") is read with its page's title.
    """
    names = [f"{hit.title}: {hit.heading}"]
    if not GENERIC_HEADING.search(hit.heading):
        names.append(hit.heading)
    vectors = assistant.embedder.embed([focus, *names])
    return max(float(vector @ vectors[0]) for vector in vectors[1:]) >= HEADING_FLOOR


def plan_focus(focus: str, role: str, hits: Sequence[Hit], assistant: Any) -> FocusPlan:
    """The focus label and prompts, from ``hits`` or, without them, open questions."""
    text = " ".join(focus.split())
    short = text if len(text) <= 60 else text[:57].rsplit(" ", 1)[0] + "…"
    from_guide = _guide_prompts(hits, text, role, assistant) if hits else []
    prompts = list(from_guide[:2])
    for question in OPEN_QUESTIONS[role]:
        if len(prompts) < 3 and question not in prompts:
            prompts.append(question)
    return FocusPlan(text, short, tuple(prompts), tuple(hits), tuple(from_guide[:2]))


def _guide_prompts(hits: Sequence[Hit], focus: str, role: str, assistant: Any) -> list[str]:
    """Whole questions and phrases (the mentor's) or tips (the mentee's) from the sections."""
    hits = [h for h in hits if not h.path.startswith(WRITTEN_FOR_THE_OTHER[role])]
    if not hits:
        return []
    if role == "mentee":
        tips = [tip for h in hits[:2] for tip in mentee_tips(h.text)]
        return _closest(list(dict.fromkeys(tips)), focus, assistant, TIP_FLOOR)[:1]
    pools = [[c for h in hits[:2] for c in prompt_candidates(h.text)],
             phrase_candidates(assistant.index, hits[0].path)]
    chosen: list[str] = []
    for pool, floor in zip(pools, (PROMPT_FLOOR, PHRASE_FLOOR), strict=True):
        for candidate in _closest(list(dict.fromkeys(pool)), focus, assistant, floor):
            if len(chosen) < 2 and not any(candidate in c or c in candidate for c in chosen):
                chosen.append(candidate)
    return chosen


def phrase_candidates(index: Any, path: str) -> list[str]:
    """The prompt candidates of one page's phrase sections ("Things you can say"), in order."""
    return [c for h in index.page(path) if PHRASE_SECTIONS.search(h.heading)
            for c in prompt_candidates(h.text)]


def mentee_tips(text: str) -> list[str]:
    """A section's sentences a mentee can take as advice, as "From the guide: …" lines."""
    return [f"From the guide: {s}" for s in candidate_sentences(without_examples(text))
            if is_whole(s) and s.endswith(".") and not DANGLING.match(s)
            and not FOR_MENTORS.search(s) and not any(q in s for q in "\"“”—;")]


def _closest(candidates: list[str], focus: str, assistant: Any, floor: float) -> list[str]:
    if not candidates:
        return []
    vectors = assistant.embedder.embed([focus, *candidates])
    scores = [float(vectors[i + 1] @ vectors[0]) for i in range(len(candidates))]
    order = sorted(range(len(candidates)), key=lambda i: -scores[i])
    return [candidates[i] for i in order if scores[i] >= floor]


def without_examples(text: str) -> str:
    """The section without its worked examples (their dialogue is not advice)."""
    return EXAMPLE_BLOCK.sub("", text + "\n")


def is_whole(text: str) -> bool:
    """A whole sentence or question: capitalised and finished, not a lead-in ending in ':'
    or a stem trailing off in '...'."""
    text = text.strip()
    return bool(WHOLE.match(text)) and not text.rstrip("”\"’").endswith(("..", "…"))


def prompt_candidates(text: str) -> list[str]:
    """Phrases a person can say and open questions, from one section's Markdown."""
    text = without_examples(text)
    found = [m.group(1).strip() for line in text.splitlines() if (m := SAID_LINE.match(line))]
    found += [m.strip() for m in SAID_INLINE.findall(text)]
    found += [s for s in candidate_sentences(text)
              if s.endswith("?") and not any(q in s for q in "\"“”")]
    found = [c for c in dict.fromkeys(found) if not any(c != other and c in other
                                                        for other in found)]
    return [c for c in found if 4 <= len(c.split()) <= 35 and is_whole(c)
            and not DANGLING.match(c)]


def focus_target(items: Sequence[Any], focus: str, assistant: Any) -> int | None:
    """The index of the template item the focus goes to, or None when none takes it.

    A 'note' item wins (a first meeting notes the focus). Otherwise each 'work' or
    'include' item is scored by its closest line (title, purpose or a prompt) to
    the focus, with a bonus for a word its title shares with the focus; the 'work'
    slot gets a head start, so an 'include' item must fit clearly better.
    """
    modes = [getattr(item, "focus", "") for item in items]
    if "note" in modes:
        return modes.index("note")
    open_to = [i for i, mode in enumerate(modes) if mode in ("work", "include")]
    if not open_to:
        return None
    return max(open_to, key=lambda i: (_fit(items[i], focus, assistant) +
                                       (INCLUDE_MARGIN if modes[i] == "work" else 0.0), -i))


def _fit(item: Any, focus: str, assistant: Any) -> float:
    texts = [item.title, item.purpose, *item.prompts,
             *(item.mentee.prompts if getattr(item, "mentee", None) else ())]
    vectors = assistant.embedder.embed([focus, *texts])
    closest = max(float(vector @ vectors[0]) for vector in vectors[1:])
    return closest + (TITLE_WORD_BONUS if _stems(item.title) & _stems(focus) else 0.0)


def _stems(text: str) -> set[str]:
    return {word[:5] for word in re.findall(r"[a-z]{4,}", text.lower())} - {"with", "that",
                                                                            "this", "what"}


def focus_into(item: Any, plan: FocusPlan, mode: str, role: str, refs: tuple) -> Any:
    """``item`` (an `AgendaItem`) with the focus worked in as ``mode`` says."""
    quoted = f"“{plan.short}”"
    if mode == "note":
        return replace(item, purpose=FOCUS_NOTED.format(purpose=item.purpose, quoted=quoted),
                       prompts=(*item.prompts[:2], NOTE_PROMPT[role].format(quoted=quoted)))
    if mode == "work":
        lead = plan.hits[0] if plan.hits else None
        advice = FOCUS_ADVICE.format(heading=lead.heading.lower(), title=lead.title) \
            if lead else ""
        return replace(item, title=FOCUS_TITLE.format(focus=plan.short[0].upper() + plan.short[1:]),
                       purpose=FOCUS_WORK[role].format(quoted=quoted, advice=advice),
                       prompts=plan.prompts, sources=refs + item.sources)
    return replace(item, purpose=FOCUS_INCLUDED.format(purpose=item.purpose, quoted=quoted),
                   prompts=(*plan.from_guide, *item.prompts)[:3],
                   sources=item.sources + refs)
