"""`check_guide` names the right file and line for each kind of broken input."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit_page

from mentor_assistant.guide.checks import check_guide
from mentor_assistant.guide.config import load_guide_config


def problems_of(config_file: Path) -> list[str]:
    return [f"{p.path}:{p.line}: {p.message}" for p in check_guide(load_guide_config(config_file))]


def test_fixture_guide_is_clean(fixture_guide: Path) -> None:
    assert problems_of(fixture_guide) == []


def test_the_real_guide_is_clean(guide) -> None:
    problems = check_guide(guide)
    assert [str(p) for p in problems if not p.warning] == []
    # Only the contact details a programme must fill in before publishing remain.
    assert {p.path for p in problems} == {"help/when-to-escalate.md"}
    assert all("placeholder" in p.message for p in problems) and len(problems) == 5


@pytest.mark.parametrize(
    ("page", "old", "new", "expected"),
    [
        ("mentors/trust.md", "title: Trust\n", "", "mentors/trust.md:1: the page has no title"),
        ("mentors/trust.md", "description: How trust grows.\n", "",
         "mentors/trust.md:1: the page has no description"),
        ("mentors/trust.md", "audience: [mentor]", "audience: [mentor, mentors]",
         "mentors/trust.md:4: unknown audience 'mentors'"),
        ("mentors/trust.md", "audience: [mentor]", "audience:\n  - mentor\n  - coach",
         "mentors/trust.md:6: unknown audience 'coach'"),
        ("mentors/trust.md", "tags: [trust]", "tags: trust",
         "mentors/trust.md:5: 'tags' is missing or not a list"),
        ("mentors/trust.md", "description: How trust grows.", "description: How trust: grows",
         "mentors/trust.md:3: the front matter is not valid YAML: mapping values are not "
         "allowed"),
        ("mentors/trust.md", "tags: [trust]", "tags: [trust",
         "mentors/trust.md:6: the front matter is not valid YAML: "),
        ("sessions/check-in.md", "      minutes: 15\n", "",
         "sessions/check-in.md:15: agenda item 2 ('Progress on actions') has no minutes"),
        ("sessions/check-in.md", "      minutes: 5\n", "      minutes: five\n",
         "sessions/check-in.md:11: agenda item 1 ('Reconnect') has minutes 'five', not a whole "
         "number above zero"),
        ("sessions/check-in.md", "      minutes: 10\n", "      minutes: 15\n",
         "sessions/check-in.md:8: the agenda items add up to 35 minutes but the session is 30 "
         "minutes"),
        ("sessions/check-in.md", "  type: checkin", "  type: catchup",
         "sessions/check-in.md:7: unknown session type 'catchup'"),
        ("sessions/check-in.md", "      purpose: Review what moved since last time.\n", "",
         "sessions/check-in.md:15: agenda item 2 ('Progress on actions') has no purpose"),
        ("index.md", "(mentors/trust.md#", "(mentors/trusts.md#",
         "index.md:8: the link to 'mentors/trusts.md#keeping-promises' points to a page that "
         "does not exist"),
        ("index.md", "#keeping-promises)", "#keeping-promise)",
         "index.md:8: the link to 'mentors/trust.md#keeping-promise' names a section "
         "'#keeping-promise' that mentors/trust.md does not have"),
        ("mentors/trust.md", "(#keeping-promises)", "(#keep-promises)",
         "mentors/trust.md:16: the link to '#keep-promises' names a section '#keep-promises' "
         "that mentors/trust.md does not have"),
    ],
)
def test_each_broken_input_is_reported_at_its_line(
    fixture_guide: Path, page: str, old: str, new: str, expected: str
) -> None:
    edit_page(fixture_guide, page, old, new)
    found = problems_of(fixture_guide)
    assert any(problem.startswith(expected) for problem in found), found


def test_every_problem_says_what_to_do(fixture_guide: Path) -> None:
    edit_page(fixture_guide, "mentors/trust.md", "audience: [mentor]", "audience: [mentors]")
    edit_page(fixture_guide, "sessions/check-in.md", "      minutes: 10\n", "")
    problems = check_guide(load_guide_config(fixture_guide))
    assert len(problems) == 2
    assert all(problem.fix for problem in problems)


def test_page_without_front_matter(fixture_guide: Path) -> None:
    page = fixture_guide.parent / "docs" / "mentors" / "extra.md"
    page.write_text("Just text, no settings.\n", encoding="utf-8")
    found = problems_of(fixture_guide)
    assert "mentors/extra.md:1: the page does not start with front matter" in found
    assert ("mentors/extra.md:1: this page is not in the site navigation, so readers can only "
            "find it by search") in found


def test_front_matter_that_is_never_closed(fixture_guide: Path) -> None:
    edit_page(fixture_guide, "mentors/trust.md", "tags: [trust]\n---\n", "tags: [trust]\n")
    assert ("mentors/trust.md:1: the front matter starts with '---' but is never closed"
            in problems_of(fixture_guide))


def test_navigation_entry_for_a_missing_page(fixture_guide: Path) -> None:
    (fixture_guide.parent / "docs" / "mentors" / "trust.md").rename(
        fixture_guide.parent / "docs" / "mentors" / "trusting.md")
    found = problems_of(fixture_guide)
    assert ("mkdocs.yml:20: the navigation lists 'mentors/trust.md', which does not exist in "
            "the guide folder") in found
    assert ("index.md:8: the link to 'mentors/trust.md#keeping-promises' points to a page that "
            "does not exist") in found


def test_links_inside_code_are_ignored(fixture_guide: Path) -> None:
    edit_page(fixture_guide, "mentors/trust.md", "Trust takes time.",
              "Trust takes time. Write `[x](nowhere.md)` to link.\n\n```\n[y](gone.md)\n```")
    assert problems_of(fixture_guide) == []


def test_external_links_are_not_checked(fixture_guide: Path) -> None:
    edit_page(fixture_guide, "mentors/trust.md", "Trust takes time.",
              "Trust takes time, says [this](https://example.org/nowhere.md).")
    assert problems_of(fixture_guide) == []


def test_not_utf8_is_reported_with_its_line(fixture_guide: Path) -> None:
    page = fixture_guide.parent / "docs" / "mentors" / "trust.md"
    page.write_bytes(page.read_bytes().replace(b"Trust takes time.", b"Trust \xe9 time."))
    assert ("mentors/trust.md:8: this line has characters that are not UTF-8 text"
            in problems_of(fixture_guide))


VERSION = ("  versions:\n    - minutes: 15\n      items:\n        - title: Reconnect\n"
           "          minutes: 5\n        - title: Next steps\n          minutes: 10\n"
           "  preparation:\n")
MENTEE = ("      purpose: Settle in.\n      mentee:\n        purpose: Say how things have been.\n"
          "        prompts:\n          - \"Say how the last weeks have been.\"\n")


def test_template_versions_and_voices_are_clean(fixture_guide: Path) -> None:
    edit_page(fixture_guide, "sessions/check-in.md", "  preparation:\n", VERSION)
    edit_page(fixture_guide, "sessions/check-in.md", "      purpose: Settle in.\n", MENTEE)
    edit_page(fixture_guide, "sessions/check-in.md", "      purpose: Agree the next actions.\n",
              "      purpose: Agree the next actions.\n      priority: 1\n      focus: work\n")
    assert problems_of(fixture_guide) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("      purpose: Settle in.\n", "      purpose: Settle in.\n      priority: 5\n",
         "sessions/check-in.md:13: agenda item 1 ('Reconnect') has priority 5"),
        ("      purpose: Agree the next actions.\n",
         "      purpose: Agree the next actions.\n      focus: maybe\n",
         "sessions/check-in.md:24: agenda item 3 ('Next steps') has focus 'maybe'"),
        ("      purpose: Settle in.\n",
         "      purpose: Settle in.\n      mentee:\n        purpose: Say how you are.\n",
         "sessions/check-in.md:13: the mentee's version of agenda item 1 ('Reconnect') has no "
         "prompts"),
        ('"What did you try?"', '"Ask yourself three questions first:"',
         "sessions/check-in.md:19: prompt 1 of agenda item 2 ('Progress on actions') ends with "
         "':' and reads as an unfinished sentence"),
        ("      purpose: Settle in.\n", "      purpose: Settle in for the {lenght}.\n",
         "sessions/check-in.md:10: agenda item 1 ('Reconnect') uses '{lenght}', which is not a "
         "placeholder the agenda fills in"),
        ("  preparation:\n", VERSION.replace("title: Next steps", "title: Next step"),
         "sessions/check-in.md:31: item 2 of the 15-minute version ('Next step') is not an item "
         "of the full agenda"),
        ("  preparation:\n", VERSION.replace("minutes: 10\n  prep", "minutes: 12\n  prep"),
         "sessions/check-in.md:27: the items of the 15-minute version add up to 17 minutes but "
         "that version is 15 minutes"),
        ("  preparation:\n", VERSION.replace("          minutes: 5\n", ""),
         "sessions/check-in.md:29: item 1 of the 15-minute version ('Reconnect') has no minutes"),
        ("  preparation:\n", VERSION.replace("minutes: 15", "minutes: 30"),
         "sessions/check-in.md:27: there are two 30-minute versions of the session"),
    ],
)
def test_template_extras_are_reported_at_their_line(fixture_guide: Path, old: str, new: str,
                                                    expected: str) -> None:
    edit_page(fixture_guide, "sessions/check-in.md", old, new)
    found = problems_of(fixture_guide)
    assert any(problem.startswith(expected) for problem in found), found


CAST = ("or the [check-in](sessions/check-in.md).\n\n## Cast of the guide's scenarios\n\n"
        "- **Amara** — mentee, second-year apprentice\n"
        "- **Helen** — mentor, built and sold an agency\n"
        "- **Marcus** — programme owner, a start-up programme\n")


def warnings_of(config_file: Path) -> list[str]:
    return [f"{p.path}:{p.line}: {p.message}" for p in check_guide(load_guide_config(config_file))
            if p.warning]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Her mentor, Amara, asked a question.",
         "mentors/trust.md:8: Amara appears here as a mentor, but the cast list "
         "(index.md:12) has Amara as a mentee"),
        ("Helen, a retired programme owner, ran the launch.",
         "mentors/trust.md:8: Helen appears here as a programme owner, but the cast list "
         "(index.md:13) has Helen as a mentor"),
        ("The mentee Marcus arrived late.",
         "mentors/trust.md:8: Marcus appears here as a mentee, but the cast list "
         "(index.md:14) has Marcus as a programme owner"),
    ],
)
def test_a_cast_name_in_another_role_is_a_warning_at_its_line(
    fixture_guide: Path, line: str, expected: str
) -> None:
    edit_page(fixture_guide, "index.md", "or the [check-in](sessions/check-in.md).", CAST)
    edit_page(fixture_guide, "mentors/trust.md", "Trust takes time.", line)
    problems = check_guide(load_guide_config(fixture_guide))
    assert [p for p in problems if not p.warning] == []
    assert warnings_of(fixture_guide) == [expected]
    assert all(p.fix for p in problems)


@pytest.mark.parametrize("line", [
    "Amara told her mentor, Helen, about the deadline.",
    "Helen, a first-time mentor, met Amara, a mentee on the scheme.",
    "The programme owner, Marcus, volunteered to mentor Amara for a week.",
    "Amara, a mentee, was matched with Helen, who was a mentor before.",
    "Amara mentioned mentoring to Helen.",
])
def test_a_cast_name_in_its_own_role_is_clean(fixture_guide: Path, line: str) -> None:
    edit_page(fixture_guide, "index.md", "or the [check-in](sessions/check-in.md).", CAST)
    edit_page(fixture_guide, "mentors/trust.md", "Trust takes time.", line)
    assert warnings_of(fixture_guide) == []


def test_a_name_listed_twice_in_the_cast_is_a_warning(fixture_guide: Path) -> None:
    edit_page(fixture_guide, "index.md", "or the [check-in](sessions/check-in.md).",
              CAST + "- **Amara** — mentor, runs a bakery\n")
    assert warnings_of(fixture_guide) == [
        "index.md:15: the cast lists Amara twice, as mentee and as mentor"]


def test_the_real_guide_keeps_one_role_per_cast_name(guide) -> None:
    from mentor_assistant.guide.cast import parse_cast
    from mentor_assistant.guide.content import read_front_matter

    page = "program-owners/editing-this-guide.md"
    cast = parse_cast(read_front_matter(guide.docs_dir, page), page)
    assert len(cast) >= 40
    assert not [str(p) for p in check_guide(guide) if "cast" in p.message]
