"""Wording cues for the safety check: normalise slang and typos, then spot risk phrases.

The cues only add weight to the similarity score in `safety`; on their own they
decide nothing, because risky words are also used in harmless ways ("this
deadline is killing me"). Patterns are written for word forms in any tense
("hurt", "hurting", "hurts"), in the first or third person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

VOCAB = Path(__file__).parent / "data" / "vocab.txt"

SLANG = {
    r"\bkms\b": "kill myself",
    r"\bkys\b": "kill yourself",
    r"\bun-?aliv(e|ed|ing)\b": "kill",
    r"\bsewer ?slide\b": "suicide",
    r"\bctb\b": "end my life",
    r"\bod'?d\b": "overdosed",
    r"\bsh\b(?= (again|scars|marks|urges))": "self-harm",
    r"\bgonna\b": "going to",
    r"\bwanna\b": "want to",
    r"\b(dont|doesnt|cant|wont|didnt|isnt|im|ive)\b": "",  # fixed below
}
_APOSTROPHE_FREE = {"dont": "don't", "doesnt": "doesn't", "cant": "can't", "wont": "won't",
                    "didnt": "didn't", "isnt": "isn't", "im": "i'm", "ive": "i've"}
RISK_WORDS = (
    "suicide", "suicidal", "abused", "abuse", "abusive", "abusing", "harassed", "harassing",
    "harassment", "assaulted", "assault", "raped", "molested", "groomed", "grooming",
    "stalking", "stalked", "stalker", "overdose", "overdosed", "threatened", "threatening",
    "bullied", "bullying", "beating", "punched", "kicked", "choked", "strangled", "neglected",
    "hopeless", "worthless", "hallucinating", "paranoid", "starving", "purging", "laxatives",
    "kill", "killing", "cutting", "bruises", "frightened", "terrified", "unsafe", "scared",
)
_PERSON = (r"(me|him|her|them|us|my ?self|him ?self|her ?self|them ?sel(f|ves)|"
           r"my (mentee|mentor|student|friend|daughter|son|sister|brother|kid)|the (kid|girl|boy))")
_SELF = r"(my|him|her|them|your|our) ?sel(f|ves)"
_POSSESSIVE = r"(my|his|her|their|your)"
_NOT_A_PERSON = (r"(\w+ )?(confidence|feelings|chances|career|reputation|pride|prospects|morale|"
                 r"self-esteem|targets?|goals?|numbers?|stride|deadlines?|quotas?|marks?|"
                 r"with (questions|emails|messages|requests|work|tasks|feedback)|up\b)")
CUES = {
    "suicide": [
        r"(sav|stockpil|hoard|collect)\w* (up )?(\w+ )?(pills|tablets|meds|paracetamol)",
        r"(do|don'?t|doesn'?t|never|not|won'?t) wake up",
        r"how (many|much) (\w+ ){0,2}(would|does|will) it take",
        r"(worked out|planned|planning|plan) how (i'?d|he'?d|she'?d|they'?d|to) do it",
        r"go die",
        r"suicid\w*", rf"kill(s|ed|ing)? {_SELF}", rf"end(s|ed|ing)? (it all|{_POSSESSIVE} "
        r"(own )?life|things|it (after|before|tonight|soon|this))", r"end it\b",
        rf"tak(e|es|ing) {_POSSESSIVE} (own )?life", r"want(s|ed)? to die",
        r"better off (dead|without (me|him|her|them))", r"no (point|reason) (in |to )?"
        r"(living|live|going on|being here|carry on)",
        r"(do(es)?n'?t|not) want to (be here|be alive|live|wake up|exist)",
        r"(won'?t|wouldn'?t|will not|not going to) be (around|here) (for|much|anymore|any more|"
        r"to see)", r"nobody (would|will|'?d) (miss|care|notice)",
        rf"giv(e|es|ing|en)( away)? (all )?{_POSSESSIVE} (stuff|things|belongings|possessions)",
        r"(goodbye|farewell|suicide) (letters?|notes?|messages?|posts?|texts?)",
        r"(see|meet) you on the other side", r"jump(ing|ed)? (off|in front of)",
        r"(stockpil|sav)(e|ed|ing) (up )?(pills|tablets|meds)", r"not wak(e|ing) up",
    ],
    "self_harm": [
        r"(bang|hit|punch|scratch|burn|cut)\w* (my|his|her|their) (head|arms?|wrists?|legs?|skin)",
        r"relaps\w*",
        r"blades?",
        r"self[- ]?harm\w*", rf"(cut|burn|hurt|harm|hit|punch|scratch)(s|ed|es|ing|ting)? {_SELF}",
        rf"(cuts|scars|marks|burns) on {_POSSESSIVE} (arms?|legs?|wrists?|thighs?|skin)",
        r"relaps(e|ed|ing) (again|with (cutting|harming))", r"cutting again",
    ],
    "eating_disorder": [
        r"(barely|hardly|not|n'?t|stopped|stop) eat(ing|en)?",
        r"skipp\w* (every |all |most )?meals?",
        r"chew\w* (and|n) spit",
        r"nothing to eat",
        r"(starv|purg)(e|es|ed|ing)\b", r"throw(s|ing|n)? up after (eating|meals|food|every)",
        rf"mak(e|es|ing) {_SELF} (sick|throw up|vomit)", r"laxatives?",
        r"(not|n'?t|barely) eat(en|ing)? (in|for|anything for) (days|\d+ days|a week)",
        r"faint(s|ed|ing)? .{0,30}(eat|food|hungry)", r"(anorexi|bulimi)\w*", r"binge(s|d|ing)?\b",
    ],
    "substance": [
        r"mix\w* (\w+ ){0,3}(with )?(alcohol|booze|drink|pills|tablets|meds|xans?|lean)",
        r"(xans?|lean|benzos?)",
        r"overdos\w*", r"black(s|ed|ing)? out", r"(drink|drunk|drinking|high|stoned|wasted) "
        r"(before|at|every) (work|school|class|uni|morning|day)", r"mix(es|ed|ing)? "
        r"(pills|meds|drugs|alcohol|tablets)", r"withdrawals?", r"(dealer|cocaine|coke|heroin|"
        r"meth|ketamine|xanax|fentanyl|spice)\b",
    ],
    "mental_health_crisis": [
        r"(not|n'?t) real\b",
        r"detached",
        r"numb\b",
        r"panic attacks?", r"can'?t (breathe|cope|go on|take (it|this|any ?more))",
        r"hearing voices", r"voices (in|telling) ", r"(people|someone|they|everyone) (are|is) "
        r"(watching|following|after) (me|him|her|them)", r"hallucinat\w*", r"psycho(sis|tic)",
        r"paranoi\w*", r"(not|n'?t) slept (in|for) (days|\d+ days)", r"break ?down",
        r"dissociat\w*", r"hopeless", r"worthless", r"(walls|world) (are |is )?closing in",
        r"(tv|radio|phone|cameras?) (is|are) (sending|talking|speaking|watching)",
    ],
    "grooming": [
        r"(send|sending|sent) (him|her|them|me) (a )?(pic|pics|photo|photos|selfie)",
        r"(shouldn'?t|don'?t|not to|mustn'?t|never) tell (my|your|her|his) (mum|mom|dad|parents)",
        r"chat ?rooms?",
        r"(personal|private) (number|snapchat|insta|phone)",
        r"messag\w* (her|him|them|me) late",
        r"(our|a) (little )?secret", r"keep (it|this|us|our \w+) (a )?(secret|private|"
        r"between us|quiet)", r"don'?t tell (anyone|your (mum|mom|dad|parents|teacher))",
        r"groom(s|ed|ing)\b", r"(delete|deleting) (the|our|his|her) (messages|chats|texts)",
        rf"(gives|gave|buys|bought|sends|sent) {_PERSON} (presents|gifts|money|a phone|vapes)",
        r"(lifts?|rides?) home .{0,30}(just|alone|only)", r"(alone|on (her|his) own) after "
        r"(class|school|practice|training)", r"met (him|her|them|someone) online",
        r"(asked|asking|asks) (me|her|him|them) (for|to send) (photos|pics|pictures|selfies)",
    ],
    "home_abuse": [
        r"(not|n'?t|never) (feel )?safe (at|to go) home", r"(scared|afraid|frightened|terrified) "
        r"(to go|of going|of being) home", r"unsafe at home",
        rf"(hurt|hit|beat|kick|slap|chok|punch|throw)(s|es|ed|en|ing)? {_PERSON} (at home|when)",
        r"(mum|mom|dad|stepdad|stepmum|parents?|uncle|aunt|brother|carer|father|mother) "
        r"(hits?|beats?|hurts?|chokes?|slaps?|kicks?|threatens?|locks?)\b", r"bruises?",
    ],
    "partner_abuse": [
        r"(checks|check|reads|tracks|tracking|monitors|goes through) (my|her|his) "
        r"(phone|messages|location|texts)", r"won'?t let (me|her|him) (see|go|leave|have|work)",
        r"controls? (my|her|his|all the|all our) money", r"forc(e|ed|es|ing) (me|her|him|them) "
        r"to marry", r"forced marriage", r"(share|shared|post|posted|leak|leaked|send|sent|"
        r"spread)( around)? (my|her|his) (pics|photos|pictures|nudes|videos)",
        r"(nudes|intimate (photos|pics|images|videos))",
    ],
    "stalking_threats": [
        r"(being )?followed\b",
        r"(note|message|text)\b.{0,40}(regret|sorry|watch (out|your back)|pay)",
        r"stalk\w*", rf"follow(s|ed|ing)? {_PERSON} (home|around|everywhere|to)",
        r"turn(s|ed|ing)? up (at|outside) (my|her|his|their)", r"(won'?t|doesn'?t|will not) "
        r"leave (me|her|him|them) alone", r"threat(s|ening)? (messages?|texts?|dms?|calls?)",
        r"threaten(s|ed|ing)? (me|her|him|them|to)", r"(sort|deal with|get) (me|her|him) out\b",
        r"doxx\w*",
    ],
    "threat_to_others": [
        r"(make|making) (them|him|her|everyone)( all)? pay",
        r"(all )?be sorry when",
        r"regret it",
        r"(knife|knives|gun|guns|firearm|weapon|machete|baseball bat|with a bat)\b",
        r"(make|making) (them|him|her|everyone) pay", rf"(kill|hurt|shoot|stab) (them|him|her|"
        rf"everyone|people|the \w+)\b(?! {_NOT_A_PERSON})",
        r"(bring|bringing|brought) (something|a \w+) (to|into) (school|work|class|uni)",
    ],
    "sexual_harassment": [
        r"(comments?|remarks?|says? stuff|saying stuff|jokes?) (on|about) (my|her|his) (body|boobs|chest|legs|looks|bum|figure)",
        r"(boobs|breasts)",
        r"(stands?|standing|sits?|sitting|gets?|getting) ((way|really|too|right|very) )+(close|up against)",
        r"sniff\w*",
        r"sexual\w*", rf"(touch|grop|rub|stroke|grabb?)(es|ed|ing|s)? {_PERSON}",
        rf"(touch|grop|rub|stroke|grabb?)(es|ed|ing|s)? {_POSSESSIVE} (leg|knee|thigh|shoulder|"
        r"bum|back|waist|hair|chest)", r"(stands?|standing|sits?|sitting) (way |really |too )?"
        r"close", r"(comments?|remarks?|jokes?) about (my|her|his) (body|chest|legs|looks|bum)",
        r"(sleep|sleeping|slept) with (me|him|her)", r"if (i'?m|she'?s|he'?s|i am) single",
        r"(send|sending|sent) (me|her|him) (pics|photos|nudes|explicit)", r"harass\w*",
        r"unwanted (touch\w*|advances|attention|contact|messages)", r"inappropriate\w*",
    ],
    "bullying": [
        r"\w*bull(y|ies|ied|ying)\b", r"slurs?\b", r"(humiliat|mock|taunt)\w*",
        r"(filmed|recorded) (me|her|him|them) and (posted|shared|sent)",
        r"(everyone|they|the others) (ignore|exclude|gang up on) (me|her|him)",
        r"(screams?|shouts?|yells?|swears?) at (me|her|him|them) (every|all|daily|in front)",
    ],
    "assault": [
        r"(beaten|pinned down|attacked)\b",
        rf"hurt(s|ing)? {_PERSON}(?! {_NOT_A_PERSON})",
        r"assault\w*", r"rap(e|ed|es|ing|ist)\b", r"molest\w*", r"abus(e|ed|es|ing|ive)\b",
        rf"(hit|hits|hitting|beat|beats|beating|beaten|punch\w*|slap\w*|kick(s|ed|ing)?|"
        rf"chok\w*|strangl\w*|shov\w*|attack\w*|jump(ed)?|stabb?\w*) {_PERSON}"
        rf"(?! {_NOT_A_PERSON})", r"beat(en)? up", r"(spiked|drugged) (my|her|his|their)? ?drink",
        r"got jumped",
    ],
    "neglect": [
        r"nobody (feeds|looks after|cares for|feeds) (us|me|him|her)",
        r"on the drink",
        r"neglect(s|ed|ing)?\b", rf"lock(s|ed|ing)? {_PERSON} out", r"no food (at|in the) "
        r"(home|house|flat)", r"left (alone|on (my|his|her|their) own|by (my|him|her)self) for "
        r"(days|the weekend|\d+ days|a week)", r"nobody'?s? (been )?home (since|for)",
        r"(no|not any) (heating|electricity|food|clean clothes)",
    ],
    "mentor_misconduct": [
        r"tried to kiss",
        r"(my|her|his|their|the) mentor .{0,60}(kiss|date|dating|flirt|romantic|drinks?|alcohol|"
        r"his (flat|house|place|car)|her (flat|house|place|car)|hotel|naked|body|single|"
        r"secret|private|alone|just us|owe)", r"(owe|owes) (him|her|them) (something|a favour)",
        r"(wants?|want) something back", r"just (the two of )?us\b.{0,30}(car|flat|house|place|"
        r"hotel|room)", r"(our|the) arrangement",
    ],
}
_COMPILED = {category: re.compile(r"\b(" + "|".join(patterns) + r")", re.IGNORECASE)
             for category, patterns in CUES.items()}
_SLANG = [(re.compile(pattern, re.IGNORECASE), text) for pattern, text in SLANG.items()
          if text]
_CONTRACTION = re.compile(r"\b(" + "|".join(_APOSTROPHE_FREE) + r")\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Whole words of the tokenizer's vocabulary: real words that typo fixing leaves alone."""
    with VOCAB.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip().isalpha())


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, slang spelled out and risk words' typos fixed.

    Real words are never "corrected": "amused" stays "amused" while "abussed"
    becomes "abused".
    """
    words = known_words()
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = _CONTRACTION.sub(lambda m: _APOSTROPHE_FREE[m.group(1).lower()], text)
    for pattern, replacement in _SLANG:
        text = pattern.sub(replacement, text)
    return _WORD.sub(lambda m: _corrected(m.group(0), words), text)


def _corrected(word: str, words: frozenset[str]) -> str:
    if len(word) < 5 or word in words or word in RISK_WORDS:
        return word
    return _closest_risk_word(word) or word


@lru_cache(maxsize=4096)
def _closest_risk_word(word: str) -> str | None:
    allowed = 1 if len(word) < 8 else 2
    for candidate in RISK_WORDS:
        if abs(len(candidate) - len(word)) <= allowed and _distance(word, candidate) <= allowed:
            return candidate
    return None


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def cue_categories(normalised: str) -> tuple[str, ...]:
    """The categories whose risk phrases appear in already-normalised text."""
    return tuple(category for category, pattern in _COMPILED.items()
                 if pattern.search(normalised))
