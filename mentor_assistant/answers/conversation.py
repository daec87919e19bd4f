"""Terminal conversations: one answer (`ask`) or many with memory (`chat`)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import click

from ..errors import MentorAssistantError
from .answer import Answer
from .assistant import Assistant, Turn
from .render import answer_markdown

CHAT_TURNS_KEPT = 6


def answer_once(assistant: Assistant, question: str, audience: str | None = None,
                as_json: bool = False, history: Sequence[Turn] = ()) -> Answer:
    """Answer one question, streaming a model's text to the terminal as it arrives."""
    streamed = {"any": False}

    def on_text(piece: str) -> None:
        if not as_json:
            streamed["any"] = True
            click.echo(piece, nl=False)

    def on_notice(message: str) -> None:
        if streamed["any"]:
            click.echo("")
            streamed["any"] = False
        click.echo(message, err=True)

    answer = assistant.ask(question, audience, history, on_text, on_notice)
    for note in answer.notes:
        click.echo(("\n" if streamed["any"] else "") + note, err=True)
    if as_json:
        click.echo(json.dumps(answer.to_json(), indent=2))
    else:
        model = getattr(assistant.llm, "model", "")
        if streamed["any"]:
            click.echo("\n")
        click.echo(answer_markdown(answer, model, streamed=answer.mode == "llm"))
    return answer


def run_chat(assistant: Assistant, audience: str | None = None) -> None:
    """Read questions until an empty line or end of input, keeping the conversation."""
    click.echo(f"Ask the guide ({assistant.mode} mode). An empty line or Ctrl+D ends.",
               err=True)
    history: list[Turn] = []
    while True:
        try:
            question = click.prompt("\nYou", default="", show_default=False, err=True)
        except (EOFError, click.Abort):
            break
        if not question.strip():
            break
        try:
            answer = answer_once(assistant, question, audience, history=history)
        except MentorAssistantError as error:
            click.echo(f"Error: {error}", err=True)
            continue
        history = [*history, Turn(question, answer.answer)][-CHAT_TURNS_KEPT:]
    click.echo("Goodbye.", err=True)
