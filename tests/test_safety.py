"""The safety check: disclosures in people's own words are flagged, look-alikes are not.

The figures come from labelled questions written for evaluation only
(`data/safety_eval.yml`, `data/safety_holdout.yml`), never from the exemplars the
check compares against.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from mentor_assistant.answers.assistant import ANSWER_SOURCES, SURE, UNSURE
from mentor_assistant.evals.answer_eval import load_passage_questions
from mentor_assistant.evals.evaluation import load_golden
from mentor_assistant.guide.contacts import ESCALATION_PAGE
from mentor_assistant.guide.exemplars import exemplar_problems, load_exemplars
from mentor_assistant.safety.detector import (
    GUIDE,
    THRESHOLD,
    UNSURE_BELOW,
    SafetyCheck,
    SafetyDetector,
)
from mentor_assistant.safety.safety_cues import cue_categories, normalise
from mentor_assistant.safety.safety_eval import (
    SAFETY_FINALS,
    SPLITS,
    load_safety_cases,
    load_whole,
    measure_split,
    score_safety,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("im feeling really sucidal tonight", "i'm feeling really suicidal tonight"),
    ("kms fr", "kill myself fr"),
    ("lowkey wanna unalive myself", "lowkey want to kill myself"),
    ("she was abussed as a kid", "she was abused as a kid"),
    ("I’m so amused by that", "i'm so amused by that"),  # a real word is never "corrected"
    # English words the tokenizer's vocabulary lacks are real words too, not typos
    ("got a stinking cold", "got a stinking cold"),
    ("bruised in sparring", "bruised in sparring"),
    ("he harrased me", "he harassed me"),
])
def test_normalise_spells_out_slang_and_fixes_risk_typos(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "category"), [
    ("he has been hurting himself again", "self_harm"),
    ("she hurt herself last year", "self_harm"),
    ("my stepdad hits her when he's drunk", "home_abuse"),
    ("they keep following her home after practice", "stalking_threats"),
    ("nobody would miss me", "suicide"),
    ("a customer keeps coming back to grope her", "sexual_harassment"),
    ("he stroked my hair", "sexual_harassment"),
    ("the supervisor keeps rubbing my shoulders", "sexual_harassment"),
    ("my shifts depend on me saying yes to drinks", "sexual_harassment"),
    ("her internship rests on whether she dates him", "sexual_harassment"),
    ("she'll pass the placement if she stayed the night", "sexual_harassment"),
    ("he asked me out and said it would help my grade", "mentor_misconduct"),
    ("how do i report being attacked by a teammate", "assault"),
    ("she punishes herself when she fails", "self_harm"),
    # the frames that excuse a risk word stop where someone is said to do or tell something
    ("she's a student nurse and she has been cutting herself", "self_harm"),
    ("he's a paramedic who told me he is stockpiling pills", "suicide"),
    ("my coach wants us to keep our plans to meet a secret", "grooming"),
    ("the lead sends her sexual messages and calls it banter", "sexual_harassment"),
    ("gave his boots to his cousin, tell the lads take care", "suicide"),
    ("texted that she won't be at band practice this week or ever again", "suicide"),
    ("the coach buys him energy drinks and vapes", "grooming"),
    ("he wants her to stay alone on saturday when the hall is locked", "grooming"),
    ("he's been inhaling laughing gas every night before college", "substance"),
    ("she keeps passing out more than once a week after parties", "substance"),
    ("the kettle whispers to him when he is alone", "mental_health_crisis"),
    ("no sleep for 50 hours and counting", "mental_health_crisis"),
    ("the year 11s locked him in a store room at lunch", "bullying"),
    ("they filmed her crying and sent it round the group chat", "bullying"),
    ("my tutor says he'll post my secrets online if i report him", "mentor_misconduct"),
    ("he won't sign off her portfolio unless she comes for drinks with him", "sexual_harassment"),
    ("she said to keep our late phone calls on weekdays a secret from my parents",
     "mentor_misconduct"),
    ("keeps joking about a swan dive off the car park roof", "suicide"),
    ("drove the kids home after half a bottle of vodka", "substance"),
    ("not slept for over a week and he is totally falling apart", "mental_health_crisis"),
    ("he says he'll bring something to college and make sure everyone will remember him",
     "threat_to_others"),
    ("the instructor keeps putting his hands on parts that aren't part of the stretch",
     "sexual_harassment"),
    ("does it count as harassment if my boss keeps touching my waist?", "sexual_harassment"),
    ("she texted that she is sorry for everything and left letters for her parents", "suicide"),
    ("been sitting on the railway bridge for ages, can't do this anymore", "suicide"),
    ("he always has bandages round his wrists now", "self_harm"),
    ("my mate is oding at a party", "substance"),
    ("i have broken down at work twice and can't function", "mental_health_crisis"),
    ("a guy she's chatting to on roblox wants her address", "grooming"),
    ("he told her to catch the bus on her own on saturday to meet him", "grooming"),
    ("the tutor offered marks for a date", "sexual_harassment"),
    ("my supervisor asks me what i'm wearing at night", "sexual_harassment"),
    ("they keep leaving her out of meetings and shouting at her in front of the team", "bullying"),
    ("one of the mentors is dating a year 11 pupil", "mentor_misconduct"),
    ("i think i've fallen for one of my mentees", "mentor_misconduct"),
    ("she has figured out how many of her gran's tablets she would need", "suicide"),
    ("he's been scratching words into his arm", "self_harm"),
    ("i only allow myself to eat after a 10k run", "eating_disorder"),
    ("he says spiders are crawling out of the ceiling at him", "mental_health_crisis"),
    ("the assistant coach keeps messaging the girls after 10 at night", "grooming"),
    ("he says he's going to 'sort' the lad who jumped his brother", "threat_to_others"),
    ("my contract renewal hinges on a private dinner with the boss", "sexual_harassment"),
    ("the foreman makes remarks and comments on our bodies", "sexual_harassment"),
    ("my mentor wants me to stay the night at his flat after sessions", "mentor_misconduct"),
    ("my little brother keeps drawing nooses on his homework", "suicide"),
    ("she says she's sick of being a burden on all of us", "suicide"),
    ("he said nobody will have to worry about him after half term", "suicide"),
    ("honestly i won't be alive by christmas", "suicide"),
    ("she's been stockpiling her nan's sleeping pills", "suicide"),
    ("he's been covering up new burns with long sleeves", "self_harm"),
    ("my mentee burns herself most evenings, she told me quietly", "self_harm"),
    ("he hasn't had a proper meal in weeks and keeps saying he's fine", "eating_disorder"),
    ("she barricaded her bedroom door because of the neighbours", "mental_health_crisis"),
    ("he's certain his landlord has bugged the smoke alarm and the lights", "mental_health_crisis"),
    ("he thinks the number plates are sending messages to him", "mental_health_crisis"),
    ("a parcel turns up wherever she happens to be staying", "stalking_threats"),
    ("the note on her windscreen said 'i'm always watching'", "stalking_threats"),
    ("he wants to burn the depot down with the managers still in it", "threat_to_others"),
    ("her supervisor invents excuses to keep her behind alone", "sexual_harassment"),
    ("he makes jokes about how she would look without her uniform", "sexual_harassment"),
    ("she takes a longer way home every night to avoid the girls from her class",
     "bullying"),
    ("she's a trainee paramedic and her boyfriend punched her last night", "assault"),
    ("she's doing her degree and her dad beats her at weekends", "assault"),
    ("my mentee is writing her thesis and says she wants to kill herself", "suicide"),
    ("she smashed her presentation but her boyfriend hits her when she gets home",
     "partner_abuse"),
    ("she died of embarrassment in class and now she says she wants to kill herself", "suicide"),
    ("he's doing a film studies degree and his stepdad locks him out overnight", "neglect"),
    ("she says she's suicidal, any services we can call?", "suicide"),
    ("i think my student is being groomed, what training should i do", "grooming"),
    ("i sat on the roof ledge wondering how easy it would be to step off", "suicide"),
    ("his last snap said 'tonight's the night, sorry for all of it'", "suicide"),
    ("after the wedding i can finally sleep forever", "suicide"),
    ("she's got herself down to one apple a day and hides it", "eating_disorder"),
    ("he got behind the wheel of his car after he'd downed six beers", "substance"),
    ("her stepdad chucks mugs at her when he's angry", "home_abuse"),
    ("the class group chat runs a poll on which girl is the ugliest", "bullying"),
    ("she's doing a project on social media and some boys in her year keep punching her",
     "assault"),
    ("his essay is on knife crime and someone at the bus stop said they'd stab him",
     "threat_to_others"),
    # A story or lesson that turns out to be their own takes away the topic's excuse.
    ("after the assembly about bullying she told me it's happening to her as well", "bullying"),
    ("her seminar on domestic violence upset her, it's going on at home too", "home_abuse"),
    ("the series about an abusive coach hit him hard, his own coach does the same to him",
     "home_abuse"),
    ("she's knotted the cord of her dressing gown and keeps looking at the loft hatch", "suicide"),
    ("mentee says she's tired of holding on and wants the noise to stop", "suicide"),
    ("he's just letting go now, he says, and he's stopped replying to anyone", "suicide"),
    ("he's made a plan and a date and asked me to keep an eye on his dog", "suicide"),
    ("in lectures she feels like she's not real, like a ghost in a film", "mental_health_crisis"),
    ("he described watching himself from outside his body during the fire drill",
     "mental_health_crisis"),
    ("he said he might step in front of the bus on his way back from college", "suicide"),
    ("she scores a tiny line on her hip for each bad day, where nobody sees", "self_harm"),
    ("she's doing a 700 calorie a day plan she found online", "eating_disorder"),
    ("his target is to get down to 8 stone and he's already really bony", "eating_disorder"),
    ("her tracker goes green every day she stays under her 'limit'", "eating_disorder"),
    ("i'm scared she'll od if she carries on like this", "substance"),
    ("he had pinpoint pupils and kept nodding off mid conversation", "substance"),
    ("a man from his game chat says he'll get in trouble if he stops the video calls",
     "grooming"),
    ("the caretaker keeps taking her out for chips on her own after club", "grooming"),
    ("she only goes home once she knows he's passed out", "home_abuse"),
    ("her ex texts 'i know what time you finish' every evening", "stalking_threats"),
    ("she says he always seems to know where she is, whatever route she takes", "stalking_threats"),
    ("her mentor calls her his special little secret and wants sessions at his flat",
     "mentor_misconduct"),
    ("my mentor said our parents wouldn't understand and we should meet outside the programme",
     "mentor_misconduct"),
    ("he bought a one-way ticket to the seaside and says he won't need a return", "suicide"),
    ("her diary story has a girl planning her own funeral, same name and same school as her",
     "suicide"),
    ("she takes the blade out of a pencil sharpener when exams get bad", "self_harm"),
    ("how can i hide the scars from my mentor now it's summer", "self_harm"),
    ("he's been taking his flatmate's adhd pills to stay up, with heart racing", "substance"),
    ("she's convinced demons are living in her laptop and she unplugged everything",
     "mental_health_crisis"),
    ("whenever we talk her boyfriend sits in and answers for her", "partner_abuse"),
    ("she had a black eye and told me it was from walking into a door", "partner_abuse"),
    ("a man from the gym keeps following her home after her shift", "stalking_threats"),
    ("he keeps posting about a day of reckoning for the college", "threat_to_others"),
    ("she avoids the break room when he's on shift since he got 'friendly'", "sexual_harassment"),
    ("my team lead has been yelling at me in meetings and calling me useless", "bullying"),
    ("the older boys hold his head under the water in the changing rooms", "bullying"),
    ("she eats lunch in the toilets and flinches every time her phone pings", "bullying"),
    ("we've been seeing each other romantically for a month, he's my mentee", "mentor_misconduct"),
    ("she doesn't expect to still be alive by the summer holidays", "suicide"),
    ("honestly cant see myself making it to christmas", "suicide"),
    ("he reckons his family would be happier without him", "suicide"),
    ("she's had only black coffee and gum for four days", "eating_disorder"),
    ("he woke up in a stranger's flat and couldn't remember getting there", "substance"),
    ("her boyfriend demands to know who she's texting every night", "partner_abuse"),
    ("she has to check with her husband first before she can say yes to a lunch", "partner_abuse"),
    ("he wrote 'watch the news tonight' under a photo of the depot", "threat_to_others"),
    ("he's paranoid the neighbours are listening through the wall", "mental_health_crisis"),
    ("her tutor keeps inviting her round to his flat late to go over marks", "sexual_harassment"),
    ("they leave him out of all the team invites on purpose", "bullying"),
    ("the whole class laughs every time she opens her mouth", "bullying"),
    ("she says he forcibly did it while she said no", "assault"),
    ("his mentor asked him for cash twice this month", "mentor_misconduct"),
    ("she asked which of the pills in the cupboard would be the quickest", "suicide"),
    ("he wants the letter sent home in case he's not around to open it", "suicide"),
    ("he keeps burning his self on the cooker rings", "self_harm"),
    ("the girls in her form all have matching scars now", "self_harm"),
    ("she hasn't eaten a thing since tuesday", "eating_disorder"),
    ("her uncle gives her lessons with the cane when she answers back", "home_abuse"),
    ("her dad left them on their own for three weeks with twenty quid", "neglect"),
    ("she asked how long you could stay in a women's refuge", "partner_abuse"),
    ("the texts say his brother will pay for what he did", "stalking_threats"),
    ("he asked whether the back exits can be locked from the outside", "threat_to_others"),
    ("she was told that refusing him would count against her placement", "sexual_harassment"),
    ("they spat at him on the bus home again", "bullying"),
    ("her youth leader wanted her to stay the night at his", "mentor_misconduct"),
    ("my cousin tried to hang himself last spring", "suicide"),
    ("he got glassed outside the club on saturday", "assault"),
    ("they shoved him into the bins behind the canteen", "bullying"),
    ("the supervisor cornered her in the storeroom twice", "sexual_harassment"),
    ("she has to show her boyfriend every bank statement", "partner_abuse"),
    ("he's written a list of the names of everyone who wronged him at school", "threat_to_others"),
])
def test_cues_match_any_tense_and_person(text: str, category: str) -> None:
    assert category in cue_categories(normalise(text))


@pytest.mark.parametrize("text", [
    "how do I give feedback that won't hurt her confidence?",
    "my mentee hit her sales targets, how do we celebrate?",
    "he keeps hitting me with questions after hours",
    "i'd kill for a long weekend",
    "killed my laptop battery on the train",
    "broke my wrist skateboarding, can i still do work experience",
    "her short film is about knife crime awareness",
    "the annual report on harassment complaints is due",
    "she is a trainee nurse who sees overdoses on most night shifts",
    "my mentee wants to read up on stalking law for her criminology module",
    "a knife crime story was on the news last night and the kids want to discuss it",
    "we all said our goodbyes to nan before she went, it was calm",
    "he is saving for a chef's knife set for his catering course",
    "i'm always starving because our calls run over lunch",
    "asked my mentor to keep my job search secret from the team",
    "he sulked after i beat him at table tennis",
    "how do we purge stale contacts from the mailing list",
    "my boss is grooming me for the head of sales job",
    "should i tell my mentee about the house move or just keep it private?",
    "she's a medical student on a ward where we see overdoses every week",
    "he did bomb disposal in the army and wants to retrain",
    "my apprentice keeps turning up at my desk with ideas",
    "she asked for a paring knife set for her catering course",
    "we're planning a surprise party, how do we keep it secret from him",
    "how often can I chase a client before it counts as harassment?",
    "my terminal froze so I used kill -9 on the job",
    "our reading group picked a novel about abuse and recovery",
    "she'll be on codeine for a few days after her knee surgery",
    "our toddler screams blue murder at bedtime",
    "he wants to kill the competition on price",
    "she trains apprentices to lay rat bait safely",
    "missing one deadline is not the end of the world",
    "she'll be on painkillers for a few days after the operation",
    "she'd sooner walk into the sea than sit through another budget meeting",
    "he wants to kill his habit of checking email at midnight",
    "she studies mental health nursing and writes about a patient who self-harmed",
    "he's going deer stalking with his uncle in october",
    "he needs his shotgun certificate renewed before the season",
    "her cheek is still bruised after the wisdom teeth came out",
    "how do I back his diet without commenting on his body?",
    "I could throttle my lab partner, he never shows up",
    "what happens if a mentee says they want to end their life?",
    "he's on a first aid course that covers overdoses and burns",
    "she punched her way through to the boxing semi-final",
    "how do I kill weeds without poisoning the bees?",
    "our team runs awareness talks on county lines for parents",
    "his band's new single is called 'Overdose', can you help with the launch post?",
    "I've barely eaten today because of back-to-back lectures",
    "should I tell my mentor about my new medication or is that private?",
    "her dissertation on self-harm is going well, the same happened to her tutor's last student",
    "we've got a plan and a timeline for the launch event",
    "i'm tired of fighting with my flatmate about the washing up",
    "she's letting go of perfectionism a little more every week",
    "the job offer doesn't feel real yet, she's thrilled",
    "leaving the team chat would be social suicide for her",
    "he's fighting his way up the league table this season",
    "my flatmate keeps threatening to move out over the recycling",
    "he's a butchery apprentice who has to break down a whole pig for his assessment",
    "we're running an anti-bullying week in february",
    "what goes in our plan in case a mentee says they're suicidal?",
    "how can she attack her cover letter when she's stuck?",
    "my mentee is an a&e nurse who treats overdoses every weekend",
    "she's booked a one-way flight for her gap year, how do we keep our calls going?",
    "how do i hide the marks on my cv from a gap year?",
    "he had a split lip from rugby and said it was from the scrum",
    "lads at training were brilliant today",
    "my inbox is a crime scene and i want to set fire to my timetable",
    "her dad will kill her if she drops chemistry",
    "the robotics club's robot has a spinning blade weapon",
    "the book has a lot of self-harm in it, how do i give a content warning?",
    "i'm a police sergeant mentoring a recruit on the domestic abuse unit",
    "my mentee threatened to report me to the programme for cancelling",
    "she's diabetic and carries insulin needles, any tips for the outdoor day?",
    "she's starving for more responsibility at work, how do I help her ask?",
    "his dad threatened to confiscate his xbox until the exams are over",
    "she's a trainee detective joining the child abuse investigation team",
    "at interview they asked how she'd handle an overdose on a night shift",
    "i can't see myself making it to the final round, should i still apply?",
    "the team would be better without the old process",
    "ivy is strangling the fence at the youth centre",
    "he's keen, just won't leave me alone about interview prep",
    "an icebreaker where nobody ends up feeling attacked",
    "i'm kinda paranoid i'll come across as patronising to her",
    "a little paranoid about offending him in our first session",
    "my tomato plants got badly neglected while we were away",
    "she wrote a script that stalks flight prices for cheap deals",
    "the maps app keeps tracking my location, how do I turn it off?",
    "a session on handling abusive callers for our helpline trainees",
    "he calls the product launch a suicide mission",
    "we overdosed on box sets over the holidays",
    "she keeps stalking the job board's analytics for new roles",
    "a hit list of graduate schemes to apply for",
])
def test_cues_leave_everyday_uses_alone(text: str) -> None:
    assert cue_categories(normalise(text)) == ()


def test_cues_are_lower_case_and_start_with_a_word_character() -> None:
    """The cue patterns run without IGNORECASE and only where a word starts (see
    `safety_cues._COMPILED`): a cue with a capital letter, or one that could begin with a
    space or punctuation, would silently never match."""
    from mentor_assistant.safety.safety_cues import CUES

    problems = [(category, cue) for category, cues in CUES.items() for cue in cues
                if _has_capital_letter(cue) or _may_start_outside_a_word(cue)]
    assert problems == []


def _has_capital_letter(pattern: str) -> bool:
    import re

    return bool(re.search(r"(?<!\\)[A-Z]", pattern))


def _may_start_outside_a_word(pattern: str) -> bool:
    """Conservative: True unless every match must begin with a letter, digit or "_"."""
    try:
        from re import _parser as parser  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser  # type: ignore[no-redef]

    outside, empty = _first_character(list(parser.parse(pattern)))
    return outside or empty


def _first_character(sequence: list) -> tuple[bool, bool]:
    """(could the first character be outside a word, could the sequence match nothing)."""
    for op, value in sequence:
        outside, empty = _first_of(str(op), value)
        if outside or not empty:
            return outside, False
    return False, True


def _first_of(op: str, value) -> tuple[bool, bool]:
    if op == "LITERAL":
        return not _is_word_character(chr(value)), False
    if op == "IN":
        return not all(_word_set_item(str(kind), item) for kind, item in value), False
    if op in ("AT", "ASSERT", "ASSERT_NOT"):
        return False, True
    if op == "SUBPATTERN":
        return _first_character(list(value[-1]))
    if op == "BRANCH":
        firsts = [_first_character(list(branch)) for branch in value[1]]
        return any(o for o, _ in firsts), any(e for _, e in firsts)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        outside, empty = _first_character(list(value[2]))
        return outside, empty or value[0] == 0
    return True, False  # anything else (".", a negated class...) might be punctuation


def _word_set_item(kind: str, item) -> bool:
    if kind == "LITERAL":
        return _is_word_character(chr(item))
    if kind == "RANGE":
        return all(_is_word_character(chr(c)) for c in range(item[0], item[1] + 1))
    return kind == "CATEGORY" and str(item) in ("CATEGORY_WORD", "CATEGORY_DIGIT")


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


@pytest.fixture(scope="module")
def detector(guide_assistant) -> SafetyDetector:
    return guide_assistant.safety


@pytest.fixture(scope="module")
def eval_reports(detector) -> tuple[list, dict]:
    cases = load_safety_cases()
    return cases, {split: measure_split(detector, cases, split) for split in SPLITS}


def test_the_eval_set_is_large_and_split(eval_reports) -> None:
    cases, _ = eval_reports
    assert sum(c.flag for c in cases) >= 180 and sum(not c.flag for c in cases) >= 120
    assert {c.split for c in cases} == {"tune", "held_out"}
    assert len({c.category for c in cases if c.flag}) == 15


@pytest.mark.parametrize(("split", "recall", "false_alarms"), [
    ("tune", 0.99, 0.01), ("held_out", 0.99, 0.01)])
def test_recall_and_false_alarms_hold(eval_reports, split: str, recall: float,
                                      false_alarms: float) -> None:
    """Floors a little under the measured figures (see README), so a regression fails. The
    tuning half is measured with its own cases left out; the held-out half never joins."""
    _, reports = eval_reports
    report = reports[split]
    assert report.recall >= recall, report.missed
    assert report.false_alarms <= false_alarms, report.false_alarm_texts


@pytest.mark.parametrize(("split", "recall", "false_alarms", "everyday_alarms"), [
    ("final", 0.99, 0.05, 0), ("final2", 0.99, 0.03, 1), ("final3", 0.99, 0.07, 0),
    ("final4", 0.99, 0.02, 0), ("final5", 0.99, 0.02, 2), ("final6", 0.99, 0.07, 2),
    ("final7", 0.99, 0.07, 2), ("final8", 0.99, 0.05, 1), ("final9", 0.99, 0.06, 2),
    ("final10", 0.99, 0.04, 1), ("final11", 0.99, 0.07, 2), ("final12", 0.99, 0.09, 0),
    ("final13", 0.99, 0.04, 0), ("final14", 0.99, 0.07, 0), ("final15", 0.99, 0.12, 3),
    ("final16", 0.99, 0.04, 2), ("final17", 0.99, 0.07, 2), ("final18", 0.99, 0.05, 2),
    ("final19", 0.99, 0.07, 1), ("final20", 0.99, 0.04, 0), ("final21", 0.99, 0.03, 1),
    ("final22", 0.99, 0.04, 0), ("final23", 0.99, 0.12, 0), ("final24", 0.99, 0.15, 0),
    ("final25", 0.99, 0.14, 0), ("final26", 0.99, 0.23, 3), ("final27", 0.97, 0.25, 1)])
def test_the_final_sets_are_measured(detector, split: str, recall: float,
                                     false_alarms: float, everyday_alarms: int) -> None:
    """Sets written last by people who saw nothing else (README: first measurements and
    now), each measured with its own cases left out of the exemplars; pinned against
    regression."""
    cases = load_whole(SAFETY_FINALS[split], split)
    assert sum(c.flag for c in cases) >= 180 and sum(not c.flag for c in cases) >= 120
    checks = detector.without(split).check_many([c.text for c in cases])
    flags = [check.flagged for check in checks]
    report = score_safety(flags, cases, split)
    assert report.recall >= recall, report.missed
    assert report.false_alarms <= false_alarms, report.false_alarm_texts
    everyday = [flag for flag, case in zip(flags, cases, strict=True)
                if case.category == "everyday"]
    assert sum(everyday) <= everyday_alarms


def test_a_labelled_set_joins_the_exemplars_and_leaves_for_its_own_measurement(
        detector, guide) -> None:
    """Every labelled case but the held-out half is an exemplar, named by its set; the
    guide's own exemplars stay whatever is left out."""
    sources = Counter(e.source for e in detector._exemplars)
    assert "held_out" not in sources and sources["tune"] > 200
    assert all(sources[split] >= 300 for split in SAFETY_FINALS)
    assert sources[GUIDE] == len({e.id for e in load_exemplars(guide.docs_dir)})
    assert len(detector.without("final27")._exemplars) == len(detector._exemplars) \
        - sources["final27"]
    assert detector.without("held_out") is detector


def test_the_labelled_sets_can_add_a_flag_and_never_remove_one(detector) -> None:
    """The guide's exemplars decide first; the labelled sets are asked only short of a
    flag, so every question the guide's exemplars flag stays flagged, and the sets catch
    disclosures of a set they never saw."""
    own = [i for i, e in enumerate(detector._exemplars) if e.source == GUIDE]
    guide_only = SafetyDetector(detector.embedder, [detector._exemplars[i] for i in own],
                                detector._matrix[own])
    assert not len(guide_only.labelled.disclosures)
    cases = load_whole(SAFETY_FINALS["final27"], "final27")
    texts = [c.text for c in load_safety_cases() if c.split == "held_out"] + \
        [c.text for c in cases] + [q.question for q in load_golden() if "safety" not in q.flags]
    unseen = detector.without("final27")
    with_sets, alone = unseen.check_many(texts), guide_only.check_many(texts)
    assert all(a.flagged for a, b in zip(with_sets, alone, strict=True) if b.flagged)
    added = [t for t, a, b in zip(texts, with_sets, alone, strict=True)
             if a.flagged and not b.flagged and t in {c.text for c in cases if c.flag}]
    assert len(added) >= 3, added


def test_a_flag_is_unsure_only_near_the_threshold_and_without_a_risk_phrase() -> None:
    assert SafetyCheck(True, UNSURE_BELOW - 0.01).unsure
    assert not SafetyCheck(True, UNSURE_BELOW).unsure
    assert not SafetyCheck(True, THRESHOLD, "suicide", ("suicide",)).unsure
    assert not SafetyCheck(False, THRESHOLD - 0.01).unsure


QUOTED = re.compile(r"^\*\*(.+?)\*\* \[\d+\]$", re.MULTILINE)


def test_an_unsure_flag_also_quotes_what_the_question_asks_about(guide_assistant) -> None:
    """Every flagged question leads with the contacts and the escalation page; one flagged
    only near the threshold, on closeness alone, also gets its own best passage, so an
    ordinary question caught by mistake still gets its answer."""
    questions = [q.question for q in load_golden()] + \
        [q.question for q in load_passage_questions()]
    readings = {q: guide_assistant.safety_reading(q) for q in questions}
    assert {UNSURE, SURE} <= set(readings.values())
    for question, reading in readings.items():
        if reading is None:
            continue
        answer = guide_assistant.ask(question)
        quoted = QUOTED.findall(answer.answer)
        assert answer.flags == ("safety",) and answer.answer.startswith("**Safety first.**")
        assert quoted[0].startswith("When to escalate ›"), (question, quoted)
        if reading == SURE:
            assert len(quoted) == 1, (question, quoted)
        else:
            asked = guide_assistant.asking(question)
            query = guide_assistant.aliases.expand(asked.query)
            vector = guide_assistant.embedder.embed([query])[0]
            hits = guide_assistant._escalation_first(guide_assistant.ranked(asked, vector),
                                                     vector)[:ANSWER_SOURCES]
            passages = guide_assistant.passages(hits, question, vector)
            own = next(h for h, p in zip(hits, passages, strict=True)  # the first quotable one
                       if p is not None and h.path != ESCALATION_PAGE)
            assert quoted[1:] == [f"{own.title} › {own.heading}"], (question, quoted)


def test_a_risk_word_explained_by_the_whole_question_counts_in_no_clause() -> None:
    from mentor_assistant.safety.detector import _cues_in_context, clauses_of

    text = normalise("my apprentice won't leave me alone: twenty texts a day about his cv")
    clauses = clauses_of(text)
    assert any("stalking_threats" in cue_categories(clause) for clause in clauses[1:])
    assert _cues_in_context(clauses) == [()] * len(clauses)


def test_a_disclosure_inside_small_talk_is_found(detector) -> None:
    text = ("we were going over her CV and she mentioned her dad locks her out all night "
            "when he's drunk, anyway how do I help with the CV")
    assert detector.check(text).flagged


def test_exemplars_are_validated_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "help").mkdir()
    (tmp_path / "help" / "safety-exemplars.yml").write_text(
        'disclosures:\n  suicide:\n    - "nobody would miss me"\n  sadness:\n    - "x"\n'
        'lookalikes:\n  - ""\n', encoding="utf-8")
    problems = [f"{p.line}: {p.message}" for p in exemplar_problems(tmp_path)]
    assert "4: unknown category 'sadness'" in problems
    assert "7: this example is empty or not text" in problems


def test_real_exemplars_load_and_cover_every_category(guide) -> None:
    exemplars = load_exemplars(guide.docs_dir)
    assert exemplar_problems(guide.docs_dir) == []
    assert len({e.category for e in exemplars if e.disclosure}) == 15
    assert sum(not e.disclosure for e in exemplars) >= 100


def test_letters_that_fold_to_ascii_are_no_crash() -> None:
    # Dotless and dotted i match "i" when case is ignored: "ım" is not the "im" contraction.
    assert normalise("ım so tired, İM fine") == "ım so tired, i̇m fine"
    assert normalise("IM not ok") == "i'm not ok"
