"""Spot questions that touch on someone's safety, so answers lead with escalation.

Patterns cover the kinds of risk the guide's escalation page deals with:
suicide and self-harm, violence and abuse, harassment and stalking, immediate
danger and mental-health crises. It errs on the side of flagging: a false alarm
costs a paragraph of contacts, a miss could cost far more.
"""

from __future__ import annotations

import re

ESCALATION_PAGE = "help/when-to-escalate.md"
CONTACTS_ANCHOR = "who-to-contact"

_WHO = (r"(me|him|her|them|us|my ?self|him ?self|her ?self|them ?sel(f|ves)|"
        r"your ?self)")
# "hurt her confidence", "hit her sales targets": the pronoun is a possessive, not a victim.
_NOT_A_PERSON = (r"(\w+ )?(confidence|feelings|chances|career|reputation|pride|prospects|morale|"
                 r"self-esteem|targets?|goals?|numbers?|stride|deadlines?|quotas?|marks?)\b")
_PATTERNS = {
    "suicide or self-harm": [
        r"suicid\w*", rf"kill(s|ing)? {_WHO}", r"end(s|ing)? (it all|(my|his|her|their) (own )?"
        r"life)", r"take (my|his|her|their) own life", rf"better off without {_WHO}",
        r"(do(es)?n'?t|not) want to (be here|be alive|live|wake up)", r"no (reason|point) "
        r"(to|in) (live|living|go on)", r"self[- ]?harm\w*",
        rf"(hurt|harm|cut)(s|ting)? {_WHO}(?! {_NOT_A_PERSON})",
        r"want(s|ed)? to die", r"overdos\w*",
    ],
    "violence or abuse": [
        r"abus(e|ed|es|ing|ive)", r"neglect(ed|ing)?", r"groom(ed|ing)", r"assault\w*",
        r"rap(e|ed|ing)\b", r"molest\w*", r"violen(ce|t)", r"threats\b",
        rf"threat(en|ened|ening|ens) (to (hurt|harm|hit|kill|beat)|{_WHO})",
        rf"(hit|hits|hitting|beat|beats|beating|punch\w*|slap\w*|kick(s|ed|ing)|chok\w*) {_WHO}"
        rf"(?! {_NOT_A_PERSON})",
    ],
    "harassment or stalking": [
        r"harass\w*", r"stalk\w*", rf"follow(s|ed|ing)? {_WHO} (home|around|everywhere)",
        r"turn(s|ed|ing)? up (outside|at) (my|his|her|their)", rf"touch(es|ed|ing)? {_WHO}\b",
        r"comments? about (my|his|her|their) body", r"unwanted (touch\w*|advances|attention|"
        r"contact|messages)", r"inappropriate(ly)? (touch\w*|messages?|comments?|photos?|"
        r"advances)", r"sexual(ly)?\b", rf"keeps? ask(s|ing)? {_WHO} out",
        rf"(messages?|texts?|comments?|advances|photos?)\b.{{0,40}}made {_WHO} (\w+ )?"
        r"uncomfortable",
    ],
    "danger or crisis": [
        r"in danger", r"unsafe", r"not safe", r"scared for (my|his|her|their) (life|safety)",
        r"frightened", r"terrified", r"emergency", r"crisis", r"panic attack\w*", r"breakdown",
        r"psychosis|psychotic", r"hallucinat\w*", r"hearing voices", r"paranoi\w*",
        rf"(people|someone|they) (are|is) watching {_WHO}", r"not making (any )?sense",
        r"hopeless", r"can'?t (cope|go on)",
    ],
}
_SAFETY = re.compile(r"\b(" + "|".join(p for group in _PATTERNS.values() for p in group) + r")",
                     re.IGNORECASE)


def is_safety_sensitive(text: str) -> bool:
    """Whether ``text`` mentions self-harm, abuse, harassment, danger or a crisis."""
    return bool(_SAFETY.search(text.replace("’", "'")))
