"""Python patterns translated for the browser match what Python's ``re`` matches."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from mentor_assistant.web.js_regex import UnsupportedPattern, python_whitespace, to_js

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "guide_content" / "javascripts" / "static-safety.js"

PROBE_PATTERNS = [
    (r"\bkill\b", re.IGNORECASE),
    (r"\w+", 0),
    (r"\W+", 0),
    (r"\d+", 0),
    (r"\s+", 0),
    (r"[^\s.?!]+", 0),
    (r"end$", 0),
    (r"end\Z", 0),
    (r"^\w", 0),
    (r"^\w", re.MULTILINE),
    (r"\w$", re.MULTILINE),
    (r"a.c", 0),
    (r"a.c", re.DOTALL),
    (r"(?P<w>\w)(?P=w)", 0),
    (r"(?i)like", 0),
    (r"[a-z]+", re.IGNORECASE),
    (r"[^a-z ]+", re.IGNORECASE),
    (r"\bi\b", re.IGNORECASE),
    (r"it{,2}", 0),
    (r"x{}y", 0),
    (r"\$\d+|£\d+", 0),
    (r"['\"]?nice['\"]?", 0),
    (r"(?<=[.!?;])\s+", 0),
    (r"s(le|el)f[- ]?harm\w*", re.IGNORECASE),
    (r"\u00e9\x41", 0),
    (r"[\w-]+", 0),
]
PROBE_TEXTS = [
    "I will kill it, kill-switch, killing; KILL",
    "naïve café Zürich résumé — ÉLÈVE",
    "the dotless ı and İstanbul, the long ſ and the Kelvin sign K",
    "line one\nline two\nend\n",
    "end",
    "abc a\nc aXc",
    "digits 123 ٣٤٥ ６７ ½ ² Ⅻ",
    "spaces\u00a0\u2003\u3000 and\x1cseparators\x1f\x85 and \ufeff bom",
    "selfharm self-harm sel fharm slefharm SELF HARM",
    "costs $40 or £30, 'nice' \"nice\" nice",
    "Stop. Then? Go! now; wait",
    "itt ittt it aa bb cc x{}y xy",
    "emoji 😊 kill 😊kill👍 日本語 Ελληνικά",
    "éA eA É",
    "well-being co-op -dash-",
]


def test_whitespace_is_pythons() -> None:
    listed = _code_points(python_whitespace())
    assert listed == {c for c in range(0x110000) if re.match(r"\s", chr(c))}


def test_python_word_characters_are_letters_and_numbers() -> None:
    """``\\w`` becomes ``[\\p{L}\\p{N}_]``: exactly Python's ``\\w`` in Python's Unicode."""
    word = {c for c in range(0x110000) if re.match(r"\w", chr(c))}
    letters = {c for c in range(0x110000)
               if unicodedata.category(chr(c))[0] in "LN"} | {ord("_")}
    assert word == letters


@pytest.mark.parametrize("pattern", [r"(?>a)", r"a*+", r"[\W]", r"\p{L}", r"(?x) a", r"\0"])
def test_constructs_without_a_faithful_translation_are_refused(pattern: str) -> None:
    with pytest.raises((UnsupportedPattern, re.error)):
        to_js(pattern)


def test_unsupported_flags_are_refused() -> None:
    with pytest.raises(UnsupportedPattern):
        to_js(re.compile("a", re.VERBOSE))
    with pytest.raises(UnsupportedPattern):
        to_js(re.compile(r"\w", re.ASCII))


def test_translation_examples() -> None:
    assert to_js(re.compile(r"(?P<a>x)(?P=a)\Z")).source == r"(?<a>x)\k<a>(?![\s\S])"
    assert to_js(re.compile("hi", re.IGNORECASE)).source == "h[iıİ]"
    assert to_js(re.compile("[a-k]", re.IGNORECASE)).source == "[a-kıİ]"
    assert to_js(re.compile("x{,3}")).source == "x{0,3}"
    assert to_js(re.compile("a{b")).source == r"a\{b"
    assert to_js(re.compile("a")).flags == "u"
    assert to_js(re.compile("a", re.I)).flags == "ui"


@pytest.mark.browser
def test_translated_patterns_find_what_python_finds(page, site_url: str) -> None:
    """Every probe pattern and every pattern of the safety check, on tricky texts, finds
    the same matches at the same places in Chromium as in Python."""
    from mentor_assistant.web.static_safety import lexical_tables

    tables = lexical_tables()
    exported = [tables[name] for name in ("clauses", "contraction", "word", "topic_before",
                                          "topic_after", "idiom")]
    exported += [spec for spec, _ in tables["slang"]] + [spec for _, spec in tables["cues"]]
    specs = [to_js(pattern, flags).to_json() for pattern, flags in PROBE_PATTERNS] + exported
    originals = [re.compile(p, f) for p, f in PROBE_PATTERNS] + _safety_patterns()
    page.goto(site_url)
    page.add_script_tag(path=str(SCRIPT))
    got = page.evaluate("""([specs, texts]) => specs.map(spec => texts.map(text =>
        MentorStaticSafety.findAll(spec, text).map(([at, m]) =>
          [[...text.slice(0, at)].length, m])))""", [specs, PROBE_TEXTS])
    wrong = []
    for pattern, per_text in zip(originals, got, strict=True):
        for text, found in zip(PROBE_TEXTS, per_text, strict=True):
            expected = [[m.start(), m.group(0)] for m in pattern.finditer(text)]
            if expected != found:
                wrong.append((pattern.pattern[:60], text, expected, found))
    assert not wrong, wrong[:5]
    assert page.errors == [] and page.outside_requests == []


@pytest.mark.browser
def test_word_digit_and_space_classes_match_python_for_every_code_point(page, site_url) -> None:
    """Checked over all of Unicode, except code points Python's Unicode has not assigned
    yet (Chromium's may be newer)."""
    classes = {r"\w": to_js(r"\w").source, r"\d": to_js(r"\d").source,
               r"\s": to_js(r"\s").source}
    page.goto(site_url)
    got = page.evaluate("""classes => Object.fromEntries(Object.entries(classes).map(
        ([name, source]) => { const re = new RegExp("^" + source + "$", "u"); const hits = [];
          for (let c = 0; c < 0x110000; c++) {
            if (c >= 0xd800 && c <= 0xdfff) continue;
            if (re.test(String.fromCodePoint(c))) hits.push(c); }
          return [name, hits]; }))""", classes)
    for name in classes:
        python = {c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
                  and re.match(name, chr(c))}
        differ = python.symmetric_difference(got[name])
        assigned = {c for c in differ if unicodedata.category(chr(c)) != "Cn"}
        assert not assigned, (name, sorted(assigned)[:10])


def _safety_patterns() -> list[re.Pattern[str]]:
    from mentor_assistant.safety import detector as safety
    from mentor_assistant.safety import safety_cues

    patterns = [safety._CLAUSES, safety_cues._CONTRACTION, safety_cues._WORD,
                safety_cues.TOPIC_BEFORE, safety_cues.TOPIC_AFTER, safety_cues.IDIOM]
    return patterns + [pattern for pattern, _ in safety_cues._SLANG] + \
        list(safety_cues._COMPILED.values())


def _code_points(class_contents: str) -> set[int]:
    points: set[int] = set()
    for low, high in re.findall(r"\\u\{([0-9a-f]+)\}(?:-\\u\{([0-9a-f]+)\})?", class_contents):
        points.update(range(int(low, 16), int(high or low, 16) + 1))
    return points
