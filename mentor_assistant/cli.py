"""The ``mentor-assistant`` command: thin glue over the library.

Each command parses options, resolves settings once, calls one library function
and renders the result. Library errors are translated here, once, into a plain
message and exit status 1; usage errors exit 2. No traceback reaches the user
unless ``MENTOR_ASSISTANT_DEBUG=1`` is set.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cli_support import (
    config_option,
    exposure_options,
    friendly_errors,
    model_options,
    retrieval_options,
    store_options,
)

SESSION_TYPE_NAMES = ("first", "goals", "checkin", "midpoint", "closing")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mentor-assistant")
def main() -> None:
    """The self-serve mentoring kit: publish the guide, ask it questions, plan sessions."""


@main.command()
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print problems as JSON.")
@friendly_errors
def check(config_path: Path, as_json: bool) -> None:
    """Check every guide page: front matter, session agendas, contacts, links and navigation.

    Each problem is printed as FILE:LINE with what to do about it. Exits 1 when
    anything is wrong; warnings (such as unfilled contact placeholders) alone exit 0.
    """
    from .guide.checks import check_guide
    from .guide.config import load_guide_config

    problems = check_guide(load_guide_config(config_path))
    if as_json:
        click.echo(json.dumps([p.__dict__ for p in problems], indent=2))
    else:
        for problem in problems:
            click.echo(str(problem))
    _report_problems(problems)


def _report_problems(problems: list) -> None:
    errors = sum(not p.warning for p in problems)
    warnings = len(problems) - errors
    if errors:
        click.echo(f"{errors} problem(s) found in the guide.", err=True)
        sys.exit(1)
    if warnings:
        click.echo(f"No problems, but {warnings} warning(s) to deal with before you publish.",
                   err=True)
        return
    click.echo("The guide is in good shape: no problems found.", err=True)


@main.command()
@config_option
@click.option("--release", is_flag=True,
              help="Publishing build: also refuse warnings, such as unfilled contact details.")
@friendly_errors
def build(config_path: Path, release: bool) -> None:
    """Check the guide, then build the static site with a strict MkDocs build.

    The new site replaces the old one only when the build succeeds, so a broken
    page never takes the published site down. Use --release for the copy you
    publish: it refuses placeholders such as "[Name, phone, email]".
    """
    from .guide.checks import check_guide
    from .guide.config import load_guide_config
    from .guide.site import build_site, restore_interrupted_site
    from .web.static_bundle import write_bundle

    config = load_guide_config(config_path)
    restore_interrupted_site(config.site_dir)
    problems = check_guide(config)
    blocking = [p for p in problems if release or not p.warning]
    for problem in problems:
        click.echo(str(problem), err=True)
    if blocking:
        click.echo(f"{len(blocking)} problem(s) found; the site was not rebuilt and the "
                   "previous one is unchanged.", err=True)
        sys.exit(1)
    result = build_site(config)
    for notice in result.notices:
        click.echo(f"Note: {notice}", err=True)
    bundle = write_bundle(result.site_dir, settings_from(config=config_path), config)
    if bundle.warning:
        click.echo(f"Warning: {bundle.warning}", err=True)
    click.echo(f"Built {result.pages} pages into {result.site_dir} in {result.seconds:.1f} s.")


def settings_from(**flags: Any):
    from .settings import resolve_settings

    return resolve_settings(flags, dict(os.environ))


def open_assistant(settings, warn_stale: bool = True):
    from .answers.assistant import Assistant

    assistant = Assistant(settings).load()
    if warn_stale and assistant.is_stale():
        click.echo("Note: the guide has changed since the index was built; run "
                   "'mentor-assistant index' to include the changes.", err=True)
    return assistant


@main.command()
@store_options
@click.option("--embedder", type=click.Choice(["local", "openai"]), default=None,
              help="local: the built-in offline model (default); openai: the configured "
                   "endpoint's embeddings. Env: MENTOR_ASSISTANT_EMBEDDER.")
@click.option("--full", is_flag=True, help="Re-embed everything instead of only what changed.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@friendly_errors
def index(config: Path | None, index_dir: Path | None, chroma_url: str | None,
          embedder: str | None, full: bool, quiet: bool) -> None:
    """Build or update the assistant's index of the guide.

    Only changed sections are embedded again; removed pages and sections
    disappear. The previous index stays in use until the new one is complete.
    """
    from .index.build import build_index
    from .index.indexing import embedder_for, progress_bar

    settings = settings_from(config=config, index_dir=index_dir, chroma_url=chroma_url,
                             embedder=embedder)
    guide = load_guide(settings.config_file)
    with progress_bar(quiet) as progress:
        summary = build_index(guide, embedder_for(settings), settings.store, progress, full,
                              on_wait=lambda message: click.echo(message, err=True))
    why = f" (full rebuild: {summary.rebuilt_because})" if summary.rebuilt_because else ""
    click.echo(f"Indexed {summary.pages} pages into {settings.store.location}: "
               f"{summary.chunks} chunks, {summary.added} added, {summary.updated} updated, "
               f"{summary.removed} removed, {summary.unchanged} unchanged, in "
               f"{summary.seconds:.1f} s{why}.")


def load_guide(config_file: Path):
    from .guide.config import load_guide_config

    return load_guide_config(config_file)


@main.command()
@click.argument("query")
@store_options
@retrieval_options
@click.option("-k", "k", type=click.IntRange(1, 50), default=5, show_default=True,
              help="How many sections to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the stable JSON form.")
@friendly_errors
def search(query: str, config: Path | None, index_dir: Path | None, chroma_url: str | None,
           retriever: str | None, audience: str | None, k: int, as_json: bool) -> None:
    """Print the guide sections that best match QUERY, best first."""
    from .answers.render import hits_json, hits_markdown

    settings = settings_from(config=config, index_dir=index_dir, chroma_url=chroma_url,
                             retriever=retriever)
    hits, flags = open_assistant(settings).search_flagged(query, k, settings.retriever, audience)
    if as_json:
        click.echo(json.dumps(hits_json(query, settings.retriever, hits, flags), indent=2))
    else:
        if flags:
            click.echo("This may involve someone's safety: the escalation contacts come first.\n")
        click.echo(hits_markdown(hits))


@main.command()
@click.argument("question")
@store_options
@model_options
@click.option("--json", "as_json", is_flag=True, help="Print the stable JSON form.")
@friendly_errors
def ask(question: str, config: Path | None, index_dir: Path | None, chroma_url: str | None,
        retriever: str | None, audience: str | None, model: str | None, timeout: float | None,
        as_json: bool) -> None:
    """Answer QUESTION from the guide, citing its sources by number.

    With OPENAI_API_KEY and/or OPENAI_BASE_URL set, a model writes the answer;
    otherwise (or if the model fails) it is composed from the guide offline.
    """
    from .answers.conversation import answer_once

    settings = settings_from(config=config, index_dir=index_dir, chroma_url=chroma_url,
                             retriever=retriever, model=model, timeout=timeout)
    answer_once(open_assistant(settings), question, audience, as_json)


@main.command()
@store_options
@model_options
@friendly_errors
def chat(config: Path | None, index_dir: Path | None, chroma_url: str | None,
         retriever: str | None, audience: str | None, model: str | None,
         timeout: float | None) -> None:
    """Talk with the guide: follow-up questions keep the conversation's context.

    Type a question and press Enter; an empty line or Ctrl+D ends the chat.
    """
    from .answers.conversation import run_chat

    settings = settings_from(config=config, index_dir=index_dir, chroma_url=chroma_url,
                             retriever=retriever, model=model, timeout=timeout)
    run_chat(open_assistant(settings), audience)


@main.command(name="eval")
@click.argument("golden", required=False, type=click.Path(dir_okay=False, path_type=Path))
@store_options
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@friendly_errors
def evaluate(golden: Path | None, config: Path | None, index_dir: Path | None,
             chroma_url: str | None, as_json: bool) -> None:
    """Score retrieval, answers and flags on the GOLDEN question file (default: the
    built-in sets).

    Prints recall@1, @3, @5 and MRR for each retriever; for the answers, passage-hit
    (the answer quotes the phrase a reader needs), section recall@1/@5, MRR and
    answer length, overall, by split (tune, held_out) and by role, on the colloquial
    questions and the golden set; the accuracy of the safety and out-of-scope flags;
    and the safety check's recall and false alarms by category.
    """
    from .evals.answer_eval import answers_markdown, evaluate_golden_answers
    from .evals.evaluation import evaluate as run_eval
    from .evals.evaluation import load_golden, report_markdown
    from .safety.safety_eval import evaluate_safety, safety_markdown

    settings = settings_from(config=config, index_dir=index_dir, chroma_url=chroma_url)
    assistant = open_assistant(settings)
    report = run_eval(assistant, load_golden(golden))
    answers = evaluate_golden_answers(assistant, golden)
    safety = evaluate_safety(assistant.safety)
    if as_json:
        click.echo(json.dumps({**report.to_json(), "answers": [a.to_json() for a in answers],
                               "safety": [s.to_json() for s in safety]}, indent=2))
        return
    click.echo("\n\n".join([report_markdown(report), answers_markdown(answers),
                             *map(safety_markdown, safety)]))


@main.command()
@store_options
@click.option("--type", "session_type", type=click.Choice(list(SESSION_TYPE_NAMES)),
              default=None, help="The session type. Or give --session and --of.")
@click.option("--session", "session_number", type=int, default=None,
              help="This session's number, e.g. 3 (with --of).")
@click.option("--of", "total_sessions", type=int, default=None,
              help="How many sessions the pair plans in all, e.g. 8.")
@click.option("--minutes", type=int, default=None,
              help="Session length, 15 to 240 (default: the template's).")
@click.option("--role", type=click.Choice(["mentor", "mentee"]), default="mentor",
              show_default=True, help="Who is preparing.")
@click.option("--focus", default="", help="What the pair is working on or worried about.")
@click.option("--goals", "goals_file", type=click.Path(path_type=Path), default=None,
              help="A small YAML or Markdown file with the pair's goals and last actions.")
@click.option("--context", type=click.Choice(["workplace", "entrepreneurship", "education"]),
              default=None, help="The setting the pair works in.")
@click.option("--model", default=None, help="The chat model, when an endpoint is configured.")
@click.option("--json", "as_json", is_flag=True, help="Print the stable JSON form.")
@click.option("--ics", "as_ics", is_flag=True, help="Print an iCalendar event (needs --start).")
@click.option("--start", default=None, help="With --ics: the start, as 'YYYY-MM-DD HH:MM'.")
@click.option("--tz", default=None, help="With --ics: the start's time zone, e.g. Europe/London "
              "(default: this machine's).")
@click.option("--site-url", default=None, envvar="GUIDE_SITE_URL",
              help="The published site's address, for absolute links. Env: GUIDE_SITE_URL "
                   "(default: site_url in mkdocs.yml).")
@friendly_errors
def agenda(config: Path | None, index_dir: Path | None, chroma_url: str | None,
           session_type: str | None, session_number: int | None, total_sessions: int | None,
           minutes: int | None, role: str, focus: str, goals_file: Path | None,
           context: str | None, model: str | None, as_json: bool, as_ics: bool,
           start: str | None, tz: str | None, site_url: str | None) -> None:
    """Suggest a timed agenda for the pair's next session, grounded in the guide.

    The agenda follows the guide's template for the phase (its own shorter or
    longer version nearest the minutes), speaks in the preparing person's voice,
    works the focus into the item it fits, puts the safeguarding lead first when
    the focus touches on someone's safety, reviews last session's open actions,
    and lists what to prepare and which sections to read.
    """
    from .agendas.agenda import AgendaRequest, suggest_agenda
    from .agendas.goals import read_pair_notes

    if as_ics and not start:
        raise click.UsageError("--ics needs --start 'YYYY-MM-DD HH:MM'")
    notes = read_pair_notes(goals_file) if goals_file else None
    request = AgendaRequest(session_type, session_number, total_sessions, minutes, role, focus,
                            notes, context)
    settings = settings_from(config=config, index_dir=index_dir, chroma_url=chroma_url,
                             model=model)
    assistant = open_assistant(settings)
    result = suggest_agenda(request, assistant,
                            on_notice=lambda message: click.echo(message, err=True))
    site = site_url or assistant.guide.site_url
    click.echo(render_agenda(result, as_json, start if as_ics else None, tz, site), nl=False)


def render_agenda(result: Any, as_json: bool, ics_start: str | None, tz: str | None = None,
                  site_url: str = "") -> str:
    from .agendas.agenda_formats import agenda_ics, agenda_markdown, parse_start, resolve_zone

    if ics_start:
        return agenda_ics(result, parse_start(ics_start), zone=resolve_zone(tz),
                          site_url=site_url)
    if as_json:
        return json.dumps(result.to_json(), indent=2) + "\n"
    return agenda_markdown(result, site_url)


@main.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs --token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@exposure_options
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="A web origin allowed to call the API from a browser; repeatable. "
                   "Closed by default.")
@click.option("--rate-limit", type=click.IntRange(0, 100_000), default=120, show_default=True,
              help="Requests per minute per client for clients other than this machine "
                   "(0: no limit).")
@click.option("--log-questions", is_flag=True,
              help="Keep asked questions (never answers) locally, for 'mentor-assistant gaps'.")
@click.option("--no-rebuild", is_flag=True, help="Serve as is, without rebuilding a stale "
                                                 "site or index.")
@click.option("--workers", type=click.IntRange(1, 16), default=None,
              help="Server processes, each with its own copy of the model (default: one per "
                   "CPU core, at most 2). Env: MENTOR_ASSISTANT_WORKERS.",
              envvar="MENTOR_ASSISTANT_WORKERS")
@click.option("--model", default=None, help="The chat model, when an endpoint is configured.")
@friendly_errors
def serve(config: Path | None, index_dir: Path | None, chroma_url: str | None, host: str,
          port: int, token: str | None, token_file: Path | None, allowed_hosts: tuple[str, ...],
          proxy_headers: bool, forwarded_allow_ips: str, cors_origins: tuple[str, ...],
          rate_limit: int, log_questions: bool, no_rebuild: bool, workers: int | None,
          model: str | None) -> None:
    """Serve the site and the assistant's API from one port (http://127.0.0.1:8000/).

    Rebuilds the site and the index first if the guide has changed. The API is
    described at /api/openapi.json.
    """
    from .web.serving import (
        ServeOptions,
        bring_up_to_date,
        check_exposure,
        check_ready,
        run_server,
    )

    token = _serve_token(token, token_file)
    options = ServeOptions(host, port, token, cors_origins, rate_limit, log_questions,
                           not no_rebuild, workers or min(2, os.cpu_count() or 1),
                           allowed_hosts, proxy_headers,
                           tuple(ip.strip() for ip in forwarded_allow_ips.split(",")))
    check_exposure(options)
    settings = settings_from(config=config, index_dir=index_dir, chroma_url=chroma_url,
                             model=model)
    guide = load_guide(settings.config_file)
    say = lambda message: click.echo(message, err=True)  # noqa: E731
    if options.rebuild:
        bring_up_to_date(settings, guide, say)
    check_ready(settings, guide, options)
    run_server(settings, guide, options, say)


def _serve_token(token: str | None, token_file: Path | None) -> str | None:
    """The access token from --token, MENTOR_ASSISTANT_TOKEN or the token file."""
    from .web.serving import read_token_file

    source = click.get_current_context().get_parameter_source("token")
    if token and source == click.core.ParameterSource.COMMANDLINE:
        click.echo("Note: a token given with --token shows in 'ps' to everyone on this machine; "
                   "use MENTOR_ASSISTANT_TOKEN or --token-file instead.", err=True)
    return token or (read_token_file(token_file) if token_file else None)


@main.command()
@store_options
@friendly_errors
def gaps(config: Path | None, index_dir: Path | None, chroma_url: str | None) -> None:
    """List the logged questions the guide could not answer well, grouped by topic.

    Needs questions logged by 'serve --log-questions'. Use it to decide which
    pages to write next.
    """
    from .answers.gaps import find_gaps, gaps_markdown, read_log
    from .index.embeddings import MiniLMEmbedder
    from .web.serving import question_log_path

    settings = settings_from(config=config, index_dir=index_dir, chroma_url=chroma_url)
    logged = read_log(question_log_path(settings))
    click.echo(gaps_markdown(find_gaps(logged, MiniLMEmbedder()), len(logged)))
