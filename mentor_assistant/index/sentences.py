"""Readable sentences from a chunk's Markdown: for quoting, and for scoring quotes."""

from __future__ import annotations

import re

SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“'‘(])")


def plain_lines(markdown: str) -> list[str]:
    """Readable lines of a chunk: no table pipes, admonition markers or link syntax."""
    lines: list[str] = []
    rows = markdown.splitlines()
    for i, raw in enumerate(rows):
        line = raw.strip()
        if not line or re.fullmatch(r"\|?[\s:|-]+\|?", line) or line.startswith("<!--"):
            continue
        if line.startswith("|"):
            following = rows[i + 1].strip() if i + 1 < len(rows) else ""
            if re.fullmatch(r"\|?[\s:|-]+\|?", following):
                continue  # a table header row
            line = " — ".join(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
        if re.match(r"^(!!!|\?\?\?)", line):
            continue  # an admonition's title line; its indented body follows
        line = re.sub(r"^([-*+]|\d+\.|:)\s+(\[[ xX]\]\s+)?", "", line)
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"(\*\*|__|`)", "", line)
        line = re.sub(r"(?<!\w)[*_]([^*_]+)[*_](?!\w)", r"\1", line).strip().strip('"')
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def candidate_sentences(text: str) -> list[str]:
    """Sentences worth quoting: whole thoughts of 5 to 60 words."""
    sentences = []
    for line in plain_lines(text):
        for sentence in SENTENCE_SPLIT.split(line):
            if 5 <= len(sentence.split()) <= 60:
                sentences.append(sentence.strip())
    return sentences
