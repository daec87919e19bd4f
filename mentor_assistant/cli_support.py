"""Shared pieces of the CLI: error translation and the options several commands take."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import MentorAssistantError, RequestError

F = TypeVar("F", bound=Callable[..., Any])
DEBUG_ENV = "MENTOR_ASSISTANT_DEBUG"


def friendly_errors(command: F) -> F:
    """Turn library errors (and surprises) into one clear message on stderr."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except MentorAssistantError as error:
            if os.environ.get(DEBUG_ENV):
                raise
            click.echo(f"Error: {error}", err=True)
            sys.exit(2 if isinstance(error, RequestError) else 1)
        except KeyboardInterrupt:
            click.echo("Interrupted; nothing was changed.", err=True)
            sys.exit(130)
        except Exception as error:  # noqa: BLE001 - the last line of defence for users
            if os.environ.get(DEBUG_ENV):
                raise
            click.echo(f"Error: unexpected failure ({type(error).__name__}: {error}).\n"
                       f"  What to do: run again with {DEBUG_ENV}=1 for details and report "
                       "it to the project.", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
    envvar="MENTOR_ASSISTANT_CONFIG", default="mkdocs.yml", show_default=True,
    help="The site configuration (mkdocs.yml) that locates the guide. "
         "Env: MENTOR_ASSISTANT_CONFIG.")


def store_options(command: F) -> F:
    """--index-dir and --chroma-url, shared by every command that uses the index."""
    command = click.option(
        "--chroma-url", default=None, metavar="URL",
        help="Use a Chroma server instead of the local folder, e.g. http://127.0.0.1:8001. "
             "Env: MENTOR_ASSISTANT_CHROMA_URL.")(command)
    command = click.option(
        "--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Where the local index lives (default: .mentor-assistant/index beside "
             "mkdocs.yml). Env: MENTOR_ASSISTANT_INDEX_DIR.")(command)
    return click.option(
        "--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="The site configuration (mkdocs.yml). Env: MENTOR_ASSISTANT_CONFIG.")(command)


def model_options(command: F) -> F:
    """Retrieval and model options shared by ask and chat."""
    command = click.option("--timeout", type=float, default=None,
                           help="Seconds to wait for the model. "
                                "Env: MENTOR_ASSISTANT_TIMEOUT.")(command)
    command = click.option("--model", default=None,
                           help="The chat model, when an endpoint is configured with "
                                "OPENAI_API_KEY and/or OPENAI_BASE_URL. "
                                "Env: MENTOR_ASSISTANT_MODEL.")(command)
    return retrieval_options(command)


def retrieval_options(command: F) -> F:
    command = click.option("--audience", type=click.Choice(["mentor", "mentee", "program_owner"]),
                           default=None, help="Only sections written for this reader.")(command)
    return click.option("--retriever", type=click.Choice(["hybrid", "dense", "lexical"]),
                        default=None, help="How to retrieve (default hybrid). "
                                           "Env: MENTOR_ASSISTANT_RETRIEVER.")(command)


def exposure_options(command: F) -> F:
    """Who may reach ``serve``: the token, trusted proxies and the Host names it answers for."""
    command = click.option(
        "--forwarded-allow-ips", default="127.0.0.1", show_default=True, metavar="IPS",
        help="With --proxy-headers: the proxy addresses (comma-separated) whose "
             "X-Forwarded-For is trusted.")(command)
    command = click.option(
        "--proxy-headers", is_flag=True,
        help="Behind a reverse proxy: take each client's address from X-Forwarded-For, "
             "only from --forwarded-allow-ips.")(command)
    command = click.option(
        "--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
        help="A host name the server answers for, besides loopback names and --host; "
             "repeatable. Others get 400 (against DNS rebinding).")(command)
    command = click.option(
        "--token-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
        envvar="MENTOR_ASSISTANT_TOKEN_FILE",
        help="Read the access token from this file's first line (keeps it out of 'ps'). "
             "Env: MENTOR_ASSISTANT_TOKEN_FILE.")(command)
    return click.option(
        "--token", default=None, envvar="MENTOR_ASSISTANT_TOKEN",
        help="Access token the API requires (Authorization: Bearer TOKEN). Prefer "
             "MENTOR_ASSISTANT_TOKEN or --token-file: a flag shows in 'ps'.")(command)
