"""Blocks know what they are, and passages quote the actionable one whole."""

from __future__ import annotations

import pytest

from mentor_assistant.answers.passages import best_passage, trim_list
from mentor_assistant.guide.blocks import block_kinds, split_blocks

SECTION = """\
Most mentees test this quietly. They share something low-risk first, then watch how you \
respond, and that takes time.

What helps in the early weeks:

- Keep the structure light and predictable.
- Ask about the person as well as the goal.
- Don't push for depth.

Things you can say:

> "What we talk about stays between us."

> "I'd tell you first wherever I could."

| The mentor commits to | The mentee commits to |
| --- | --- |
| Turning up on time | Giving notice |

- [ ] I start sessions on time.
- [ ] I send what I promised.

1. **Notice it.** Ask what changed.
2. **Own it.** No excuses.

!!! example "Scenario: two cancellations"
    Priya cancelled twice and then fixed a recurring slot.

See [Boundaries](boundaries.md) for more.
"""


def test_blocks_are_read_from_the_markdown() -> None:
    assert block_kinds(SECTION, ("Patience",), "mentors/trust.md") == (
        "prose", "advice", "phrases", "table", "checklist", "steps", "scenario", "pointer")
    blocks = split_blocks(SECTION, ("Patience",), "mentors/trust.md")
    assert blocks[1].markdown.startswith("What helps in the early weeks:\n\n- Keep")
    assert blocks[2].markdown.count("> ") == 2  # both phrases in one block


@pytest.mark.parametrize(("markdown", "heading_path", "path", "kinds"), [
    ("This page covers how trust grows.", (), "mentors/trust.md", ("intro",)),
    ("- **Forcing openness**: probing.", ("What to avoid",), "m.md", ("pitfalls",)),
    ("Mostly ask. Offer advice when asked.", ("For mentors", "Advice?"), "reference/faq.md",
     ("faq",)),
    ("Active listening\n:   Listening to understand.", ("A",), "reference/glossary.md",
     ("definitions",)),
    ("| Time | Item |\n| --- | --- |\n| 0:00 | Arrive |", ("Timed agenda (60 minutes)",),
     "sessions/first-meeting.md", ("agenda",)),
])
def test_kinds_of_blocks(markdown: str, heading_path: tuple[str, ...], path: str,
                         kinds: tuple[str, ...]) -> None:
    assert block_kinds(markdown, heading_path, path) == kinds


def first_word_scorer(word: str):
    return lambda text: 1.0 if word in text else 0.0


def test_a_short_section_is_quoted_whole_without_filler() -> None:
    short = ("Trust grows slowly.\n\nWhat helps:\n\n- Keep it light.\n- Ask about them.\n\n"
             "!!! example \"Scenario\"\n    A long story.\n\nSee [Boundaries](b.md).")
    found = best_passage(short, ("Patience",), "m.md", "how do I build trust?", lambda _: 0.0)
    assert found is not None and found.whole
    assert found.markdown == "Trust grows slowly.\n\nWhat helps:\n\n- Keep it light.\n" \
        "- Ask about them."


def test_a_long_section_gives_its_best_block_whole_and_in_order() -> None:
    long = SECTION + "\n" + "\n\n".join(f"Paragraph {n} " + "word " * 40 for n in range(3))
    found = best_passage(long, ("Repairing",), "m.md", "how do I repair it?",
                         first_word_scorer("Notice it"))
    assert found is not None and not found.whole
    assert "1. **Notice it.** Ask what changed.\n2. **Own it.** No excuses." in found.markdown
    assert "Priya" not in found.markdown and "See Boundaries" not in found.markdown
    table = best_passage(long, ("Commitments",), "m.md", "who commits to what?",
                         first_word_scorer("Turning up"))
    assert table is not None
    assert "| The mentor commits to | The mentee commits to |\n| --- | --- |\n" \
        "| Turning up on time | Giving notice |" in table.markdown


def test_a_sections_advice_is_quoted_whole_when_it_fits() -> None:
    """Every list of a section when together they fit; else the closest list with its
    partner (what to say beside what to do); else the closest list alone."""
    opening = "One cancellation is life. A pattern is information. " + " ".join(["word"] * 150)
    todo = "What to do:\n\n" + "\n".join(f"- Step {n}: " + " ".join(["act"] * 12)
                                         for n in range(5))
    say = "Things you can say:\n\n- \"Does this time still work for you?\"\n" \
          "- \"Would it help to meet less often?\""
    record = "- [ ] Dates noted\n- [ ] Owner told"
    table = "| When | What |\n| --- | --- |\n" + "\n".join(
        f"| Week {n} | " + " ".join(["note"] * 20) + " |" for n in range(8))
    closest_todo = first_word_scorer("What to do")

    def passage(*parts: str):
        return best_passage("\n\n".join([opening, *parts]), ("Cancellations",), "m.md",
                            "mentee keeps cancelling", closest_todo)

    every = passage(todo, say, record)
    assert every is not None and every.kinds == ("advice", "phrases", "checklist")
    assert every.markdown == f"{todo}\n\n{say}\n\n{record}"  # whole, in the page's order
    paired = passage(todo, table, say)
    assert paired is not None and paired.kinds == ("advice", "phrases")
    assert paired.markdown == f"{todo}\n\n{say}"
    long_say = say + "\n" + "\n".join(f'- "Line {n} ' + " ".join(["talk"] * 30) + '"'
                                       for n in range(5))
    alone = passage(todo, table, long_say)
    assert alone is not None and alone.kinds == ("advice",)


def test_pitfalls_and_scenarios_only_when_asked() -> None:
    pitfalls = "- **Talking too much.** Let them speak.\n- **Rushing.** Slow down."
    assert best_passage(pitfalls, ("Pitfalls",), "m.md", "how do I start?", lambda _: 0) is None
    asked = best_passage(pitfalls, ("Pitfalls",), "m.md", "what goes wrong in a first meeting?",
                         lambda _: 0)
    assert asked is not None and "Talking too much" in asked.markdown


def test_links_lose_their_targets_and_admonitions_read_as_notes() -> None:
    text = ('Fill in the [agreement](../toolkit/agreement.md) first.\n\n'
            '!!! tip "Give it six sessions"\n    Raise it gently.')
    found = best_passage(text, ("Tips",), "m.md", "q", lambda _: 0)
    assert found is not None
    assert found.markdown == ("Fill in the agreement first.\n\n"
                              "> **Give it six sessions.** Raise it gently.")


def test_trimming_cuts_between_items_only() -> None:
    items = "\n".join(f"- item {n}" + " word" * 20 for n in range(10))
    trimmed = trim_list(items, 100)
    assert trimmed.splitlines() == items.splitlines()[:len(trimmed.splitlines())]
    assert len(trimmed.split()) <= 100 + 22


def _section_passage(assistant, path: str, anchor: str, question: str):
    from mentor_assistant.answers.section_passages import section_passages

    hit = assistant.index.sections(path, anchor)[0]
    vector = assistant.embedder.embed([question])[0]
    return section_passages(assistant.index, [hit], question, vector)[0]


def test_a_section_of_a_line_or_two_reads_on_into_its_subsections(guide_assistant) -> None:
    # "Strong emotions" only sets the scene; its advice is under "### When a mentee cries".
    found = _section_passage(guide_assistant, "mentors/difficult-moments.md", "strong-emotions",
                             "my mentee cried and i froze")
    text = found.markdown
    assert found.whole and "When a mentee cries:\n\n- Pause." in text
    assert text.index("Tears, anger and panic") < text.index("Pause.") \
        < text.index("Do not rush to reassure")
    assert "phrases" in found.kinds or "advice" in found.kinds


def test_a_section_with_its_own_advice_does_not_read_on(guide_assistant) -> None:
    # "Turning vague wishes into SMART goals" is long enough to stand alone.
    found = _section_passage(guide_assistant, "mentees/smart-goals.md",
                             "turning-vague-wishes-into-smart-goals", "how do i make my goal smart")
    assert "Things you can say:" not in found.markdown


NAMED_SECTION = """\
Silence after a few sessions is common. Sometimes no reply means overload.

What to do:

- Send one short, warm message with no blame.
- Raise the pattern in a session rather than by message.
- Look at whether the time and format still fit.
- """ + "Keep a simple record of dates. " * 20 + """

If messages get no reply at all, set a clear and kind end point, then follow through.
"""


def test_the_block_that_names_the_askers_situation_joins_the_passage() -> None:
    def passage(named: tuple[str, ...], markdown: str = NAMED_SECTION) -> str:
        found = best_passage(markdown, ("Cancellations",), "m.md", "left me on read, now what",
                             first_word_scorer("Send one short"), named)
        assert found is not None and "Send one short" in found.markdown
        return found.markdown

    assert "kind end point" in passage(("no reply",))
    assert "kind end point" not in passage(())
    assert "Silence after" not in passage(("no reply",))  # the opening only describes it
    twice = NAMED_SECTION + "\nA second paragraph about no reply, " + "word " * 20 + "\n"
    assert "kind end point" not in passage(("no reply",), twice)  # which one: unclear


def test_named_terms_are_the_guides_words_for_the_question(tmp_path) -> None:
    from mentor_assistant.guide.aliases import load_aliases

    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "aliases.yml").write_text(
        "aliases:\n  no reply: [ghosting, left on read]\n  manager: [boss]\n", encoding="utf-8")
    aliases = load_aliases(tmp_path)
    assert aliases.named("she left me on read again") == ("no reply",)
    assert aliases.named("how long should sessions be") == ()
