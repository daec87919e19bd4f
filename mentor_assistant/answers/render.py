"""Render results for people (Markdown) and for tools (stable JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .answer import Answer
from .retrieval import Hit

MODE_LINES = {
    "extractive": "Mode: extractive. Composed from the guide without a language model.",
    "llm": "Mode: llm. Written by {model} from the guide's sources.",
}


def hits_json(query: str, retriever: str, hits: Sequence[Hit],
              flags: Sequence[str] = ()) -> dict[str, Any]:
    """The stable ``search --json`` shape."""
    return {"query": query, "retriever": retriever, "flags": list(flags), "results": [
        {"rank": rank, "score": round(hit.score, 4), "title": hit.title, "heading": hit.heading,
         "url": hit.url, "path": hit.path, "text": hit.text}
        for rank, hit in enumerate(hits, start=1)]}


def hits_markdown(hits: Sequence[Hit]) -> str:
    if not hits:
        return "No matching sections."
    blocks = []
    for rank, hit in enumerate(hits, start=1):
        preview = " ".join(hit.text.split())
        preview = preview[:220] + ("…" if len(preview) > 220 else "")
        blocks.append(f"{rank}. **{hit.title} › {hit.heading}** ({hit.score:.3f})\n"
                      f"   {hit.url}\n   {preview}")
    return "\n\n".join(blocks)


def sources_markdown(answer: Answer) -> str:
    lines = ["Sources:"]
    lines += [f"[{s.n}] {s.title} › {s.heading} — {s.url}" for s in answer.sources]
    return "\n".join(lines)


def answer_markdown(answer: Answer, model: str = "", streamed: bool = False) -> str:
    """The answer (unless already streamed), its sources and which mode answered."""
    parts = []
    if not streamed:
        parts = [answer.answer]  # a safety answer already leads with the contacts
    parts.append(sources_markdown(answer))
    parts.append(MODE_LINES[answer.mode].format(model=model or "the model"))
    return "\n\n".join(parts)
