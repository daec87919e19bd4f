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
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import MentorAssistantError

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
            sys.exit(1)
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mentor-assistant")
def main() -> None:
    """The self-serve mentoring kit: check and publish the guide."""


@main.command()
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print problems as JSON.")
@friendly_errors
def check(config_path: Path, as_json: bool) -> None:
    """Check every guide page: front matter, session agendas, links and navigation.

    Each problem is printed as FILE:LINE with what to do about it. Exits 1 when
    anything is wrong.
    """
    from .checks import check_guide
    from .config import load_guide_config

    problems = check_guide(load_guide_config(config_path))
    if as_json:
        click.echo(json.dumps([p.__dict__ for p in problems], indent=2))
    else:
        for problem in problems:
            click.echo(str(problem))
    _report_problems(len(problems))


def _report_problems(count: int) -> None:
    if count:
        click.echo(f"{count} problem(s) found in the guide.", err=True)
        sys.exit(1)
    click.echo("The guide is in good shape: no problems found.", err=True)


@main.command()
@config_option
@friendly_errors
def build(config_path: Path) -> None:
    """Check the guide, then build the static site with a strict MkDocs build.

    The new site replaces the old one only when the build succeeds, so a broken
    page never takes the published site down.
    """
    from .checks import check_guide
    from .config import load_guide_config
    from .site import build_site, restore_interrupted_site

    config = load_guide_config(config_path)
    restore_interrupted_site(config.site_dir)
    problems = check_guide(config)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) found; the site was not rebuilt and the "
                   "previous one is unchanged.", err=True)
        sys.exit(1)
    result = build_site(config)
    click.echo(f"Built {result.pages} pages into {result.site_dir} in {result.seconds:.1f} s.")
