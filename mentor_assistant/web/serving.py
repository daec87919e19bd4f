"""`serve`: bring the site and the index up to date, then run the HTTP server."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError, ConfigError, RequestError
from ..guide.config import GuideConfig
from ..settings import Settings


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    rate_per_minute: int = 120
    log_questions: bool = False
    rebuild: bool = True
    workers: int = 1
    allowed_hosts: tuple[str, ...] = ()
    proxy_headers: bool = False
    forwarded_allow_ips: tuple[str, ...] = ("127.0.0.1",)


WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_exposure(options: ServeOptions) -> None:
    """Refuse to expose the API beyond this machine without an access token."""
    if not is_loopback_host(options.host) and not options.token:
        raise RequestError(f"binding to {options.host} makes the assistant reachable from other "
                           "machines, so it needs an access token",
                           "add --token SECRET (or set MENTOR_ASSISTANT_TOKEN), or bind to "
                           "127.0.0.1")


def allowed_hosts_for(options: ServeOptions) -> tuple[str, ...] | None:
    """The Host names the server answers for (None: any), against DNS rebinding.

    Loopback names always; the address it listens on unless that is every address; and
    the names given with ``--allowed-host``. Listening on every address with no name
    given answers any Host (such a server needs a token anyway).
    """
    from .server import LOOPBACK_NAMES, host_name

    named = tuple(host_name(name) for name in options.allowed_hosts)
    if options.host in WILDCARD_HOSTS and not named:
        return None
    own = () if options.host in WILDCARD_HOSTS else (host_name(options.host),)
    return tuple(dict.fromkeys((*LOOPBACK_NAMES, *own, *named)))


def read_token_file(path: Path) -> str:
    """The access token kept in ``path`` (its first line), so it stays out of ``ps``."""
    try:
        token = path.read_text(encoding="utf-8").strip().splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise ConfigError(f"cannot read the token file {path} ({reason})",
                          "check the path given with --token-file or "
                          "MENTOR_ASSISTANT_TOKEN_FILE") from None
    if not token or not token[0].strip():
        raise ConfigError(f"the token file {path} is empty",
                          "write the access token on its first line") from None
    return token[0].strip()


def check_ready(settings: Settings, guide: GuideConfig, options: ServeOptions) -> None:
    """Refuse to start on a busy port, without a built site or without an index.

    Checked once, before any worker starts, so a worker never crashes and respawns.
    """
    from ..index.store import current_collection, open_client

    _check_port_free(options.host, options.port)
    if not (guide.site_dir / "index.html").is_file():
        raise BuildError(f"there is no built site in {guide.site_dir}",
                         "run 'mentor-assistant build' (or serve without --no-rebuild)")
    current_collection(open_client(settings.store), settings.store)


def uvicorn_options(options: ServeOptions) -> dict:
    """How uvicorn listens: h11 with a header size limit, forwarded headers only if asked."""
    from .server import MAX_HEADER_BYTES

    return {"host": options.host, "port": options.port, "http": "h11",
            "h11_max_incomplete_event_size": MAX_HEADER_BYTES + 4096,
            "proxy_headers": options.proxy_headers,
            "forwarded_allow_ips": list(options.forwarded_allow_ips),
            "log_level": "warning", "access_log": False, "server_header": False,
            "date_header": False}


def site_is_stale(guide: GuideConfig) -> bool:
    """Whether any page or mkdocs.yml changed after the site was last built."""
    built = guide.site_dir / "index.html"
    if not built.exists():
        return True
    sources = [guide.config_file, *guide.docs_dir.rglob("*")]
    newest = max(p.stat().st_mtime for p in sources if p.is_file())
    return newest > built.stat().st_mtime


def bring_up_to_date(settings: Settings, guide: GuideConfig, say: Callable[[str], None]) -> None:
    """Rebuild the site and the index when the guide has changed since they were built."""
    from ..index.build import build_index, index_is_fresh

    if site_is_stale(guide):
        say("The guide changed since the site was built: rebuilding it...")
        _rebuild_site(guide, say)
    if not index_is_fresh(guide, settings.store):
        from ..index.indexing import embedder_for

        say("Bringing the assistant's index up to date...")
        summary = build_index(guide, embedder_for(settings), settings.store, on_wait=say)
        say(f"Indexed {summary.pages} pages ({summary.added} added, {summary.updated} updated, "
            f"{summary.removed} removed).")


def _rebuild_site(guide: GuideConfig, say: Callable[[str], None]) -> None:
    from ..guide.checks import check_guide
    from ..guide.site import build_site

    problems = check_guide(guide)
    if problems:
        for problem in problems:
            say(str(problem))
        if not (guide.site_dir / "index.html").exists():
            raise BuildError("the guide has problems and there is no previous site to serve",
                             "fix the problems above, then run serve again")
        say("Serving the previous site until these problems are fixed.")
        return
    build_site(guide)


WORKER_ENV = "MENTOR_ASSISTANT_SERVE_STATE"


def run_server(settings: Settings, guide: GuideConfig, options: ServeOptions,
               say: Callable[[str], None]) -> None:
    """Load the assistant once per worker process and serve until interrupted."""
    import json
    import os
    import shutil
    import tempfile

    import uvicorn

    _check_port_free(options.host, options.port)
    shared = Path(tempfile.mkdtemp(prefix="mentor-assistant-"))
    log = question_log_path(settings) if options.log_questions else None
    app_settings = {"settings": _plain(settings), "config_file": str(guide.config_file),
                    "site_dir": str(guide.site_dir), "token": options.token,
                    "cors_origins": list(options.cors_origins),
                    "rate_per_minute": options.rate_per_minute,
                    "rate_state": str(shared / "rate-limits.sqlite3"),
                    "allowed_hosts": allowed_hosts_for(options),
                    "question_log": str(log) if log else None}
    os.environ[WORKER_ENV] = json.dumps(app_settings)
    shown = "127.0.0.1" if options.host in ("0.0.0.0", "::") else options.host
    say(f"Serving the guide and its assistant at http://{shown}:{options.port}/ with "
        f"{options.workers} worker(s). Press Ctrl+C to stop.")
    if log:
        say(f"Questions are being logged to {log} (for 'mentor-assistant gaps').")
    target = "mentor_assistant.web.serving:app_from_environment"
    try:
        uvicorn.run(target, factory=True, workers=options.workers, **uvicorn_options(options))
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def app_from_environment():
    """The app for one worker process, from the state `run_server` left in the environment."""
    import json
    import os

    from ..answers.assistant import Assistant
    from ..guide.config import load_guide_config
    from .server import ServerOptions, create_app

    state = json.loads(os.environ[WORKER_ENV])
    settings = Settings(**{**state["settings"], "config_file": Path(state["settings"][
        "config_file"]), "index_dir": Path(state["settings"]["index_dir"])})
    # One inference thread per request: the workers and concurrent requests use the cores.
    assistant = Assistant(settings, load_guide_config(Path(state["config_file"])),
                          embed_threads=1).warm_up()
    log = state["question_log"]
    return create_app(assistant, ServerOptions(
        site_dir=Path(state["site_dir"]), token=state["token"],
        cors_origins=tuple(state["cors_origins"]), rate_per_minute=state["rate_per_minute"],
        rate_state=Path(state["rate_state"]),
        question_log=Path(log) if log else None,
        allowed_hosts=tuple(hosts) if (hosts := state["allowed_hosts"]) is not None else None))


def _plain(settings: Settings) -> dict:
    from dataclasses import asdict

    return {name: str(value) if isinstance(value, Path) else value
            for name, value in asdict(settings).items()}


def _check_port_free(host: str, port: int) -> None:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise ConfigError(f"cannot listen on {host}:{port} ({error.strerror})",
                              "stop whatever uses that port, or choose another with --port"
                              ) from None


def question_log_path(settings: Settings) -> Path:
    return settings.index_dir.parent / "questions.jsonl"
