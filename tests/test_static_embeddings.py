"""The in-browser tokenizer and model give the Python embedder's tokens and vectors."""

from __future__ import annotations

import numpy as np
import pytest
from static_support import bundle_site, load_static_core, static_url  # noqa: F401

pytestmark = pytest.mark.browser

TEXTS = [
    "How do I build trust with a new mentee?",
    "My mentee keeps cancelling our sessions at the last minute. What should I do?",
    "Café, naïve, résumé, Zürich and São Paulo: accents everywhere!",
    "ÉLÈVE À L'ÉCOLE — Straße, Ærøskøbing, Ångström",
    "What's the difference between a mentor's role and a manager's?",
    "e-mail, co-ordinate, re-match... (brackets) [square] {curly} <angle>",
    "Great session today 👍🎉 — thanks!! 😊",
    "I'm 100% sure it's 3.5 hours, not 2,000 minutes; right?!",
    "导师应该如何建立信任？ 日本語のテキスト and 한국어 text",
    "Tab\tseparated\nnew line\r\nand carriage return",
    "Zero\u200bwidth space and non\u00a0breaking space",
    "   leading and trailing spaces   ",
    "SMART goals, OKRs & KPIs: what's best for a 6-month programme?",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "URL https://example.org/path?query=1&x=y#anchor and email a.b@example.com",
    "Quotes: “curly”, ‘single’, «guillemets», „low“ and \"straight\"",
    "Ellipsis… en–dash — em-dash · bullet • middle dot",
    "ﬁ ligature, ① circled one, ² superscript, ½ fraction, Ⅻ roman",
    "Ελληνικά κείμενα και Русский текст",
    "neurodiversity, ADHD, autism and dyslexia in mentoring",
    "x",
    "",
    "?!",
    "The the THE tHe",
    "my mentor ghosted me after two meetings, left on read",
    "What should a programme owner do when a pair is not working out?",
    "Tiếng Việt có dấu: người hướng dẫn",
    "Hello\u0000world\ufffd with control\u0007 characters",
    "word " * 300,
    ("A long paragraph about mentoring that goes on and on. " * 40).strip(),
]


def test_tokens_and_vectors_match_python(page, static_url: str) -> None:  # noqa: F811
    from mentor_assistant.index.embeddings import MiniLMEmbedder, _load_tokenizer

    tokenizer = _load_tokenizer()
    expected_ids = [tokenizer.encode(text).ids for text in TEXTS]
    expected = MiniLMEmbedder().embed(TEXTS)
    load_static_core(page, static_url)
    got_ids = page.evaluate("texts => texts.map(t => MentorStatic.tokenise(t))", TEXTS)
    vectors = page.evaluate("async texts => (await MentorStatic.embed(texts)).map(v => "
                            "Array.from(v))", TEXTS)
    wrong_ids = [text[:40] for text, a, b in zip(TEXTS, expected_ids, got_ids, strict=True)
                 if a != b]
    assert not wrong_ids, f"token ids differ for {wrong_ids}"
    cosines = [float(np.dot(a, np.asarray(b, dtype=np.float32)))
               for a, b in zip(expected, vectors, strict=True)]
    low = [(text[:40], round(c, 5)) for text, c in zip(TEXTS, cosines, strict=True) if c < 0.999]
    assert not low, f"cosine below 0.999 for {low} (lowest {min(cosines):.5f})"
    norms = [float(np.linalg.norm(v)) for v in vectors]
    assert all(abs(n - 1) < 1e-4 for n in norms)
    assert page.errors == [] and page.outside_requests == []
