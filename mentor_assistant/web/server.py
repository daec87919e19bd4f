"""The HTTP side: the static site and a JSON API from one Starlette app.

The assistant (embedder and index) is loaded once, when the app is made, and
shared by every request. Questions are not logged unless the operator asks for
it with ``--log-questions``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..answers.model_answer import AnswerCancelled
from ..errors import IndexMissingError, MentorAssistantError, RequestError
from .ratelimit import RateLimiter, SharedRateLimiter
from .web_inputs import BadInput, agenda_inputs, ask_inputs, parse_json_object

MAX_BODY = 16 * 1024
FOLLOW_SECONDS = 1.0  # how often a new index generation is looked for
MAX_HEADER_BYTES = 16 * 1024
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
STALE_CHECK_SECONDS = 5.0
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                               "connect-src 'self'; worker-src 'self' blob:; "
                               "frame-ancestors 'none'; base-uri 'self'",
}


@dataclass(frozen=True)
class ServerOptions:
    """How the API is exposed."""

    site_dir: Path
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    rate_per_minute: int = 120
    rate_limit_loopback: bool = False
    rate_state: Path | None = None  # a file the workers of one server share rate limits in
    question_log: Path | None = None
    cache_size: int = 512
    extra_headers: dict[str, str] = field(default_factory=dict)
    allowed_hosts: tuple[str, ...] | None = None  # None: any Host header
    follow_index: bool = True  # switch to a new index generation when `index` builds one


class ResponseCache:
    """A small thread-safe LRU for deterministic (offline) results."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Any, make: Callable[[], Any]) -> Any:
        if self.size <= 0:
            return make()
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def create_app(assistant: Any, options: ServerOptions) -> Starlette:
    """The Starlette app serving ``options.site_dir`` and the API over ``assistant``."""
    api = _Api(assistant, options)
    routes = [
        Route("/api/ask", api.ask, methods=["POST"]),
        Route("/api/search", api.search, methods=["GET"]),
        Route("/api/agenda", api.agenda, methods=["POST"]),
        Route("/api/agenda.ics", api.agenda_ics, methods=["POST"]),
        Route("/api/health", api.health, methods=["GET"]),
        Route("/api/openapi.json", api.openapi, methods=["GET"]),
        Route("/assistant-config.json", api.site_config, methods=["GET"]),
        Mount("/api", app=_not_found),
        Mount("/", app=_Site(options.site_dir)),
    ]
    middleware = [Middleware(_Guard, api=api)]
    if options.cors_origins:
        middleware.insert(0, Middleware(CORSMiddleware, allow_origins=list(options.cors_origins),
                                        allow_methods=["GET", "POST"],
                                        allow_headers=["Content-Type", "Authorization",
                                                       "Accept"]))
    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={Exception: _internal_error})


async def _not_found(scope: Any, receive: Any, send: Any) -> None:
    await JSONResponse({"error": "no such API endpoint"}, status_code=404)(scope, receive, send)


async def _internal_error(request: Request, exc: Exception) -> Response:
    return JSONResponse({"error": "the server failed to answer; try again"}, status_code=500)


class _Guard:
    """Security headers on every response; token and rate limit on the API."""

    def __init__(self, app: Any, api: _Api) -> None:
        self.app = app
        self.api = api

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        self.api.follow_index()
        refusal = header_refusal(scope, self.api.options.allowed_hosts) or self.api.refusal(scope)
        if refusal is not None:
            return await _with_headers(refusal)(scope, receive, send)

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                            if k.lower().encode() not in names]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _with_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def header_refusal(scope: Any, allowed_hosts: tuple[str, ...] | None) -> Response | None:
    """A 431 for oversized headers, a 400 for a Host this server does not answer for."""
    headers = scope.get("headers", [])
    if sum(len(name) + len(value) for name, value in headers) > MAX_HEADER_BYTES:
        return JSONResponse({"error": f"the request headers are larger than "
                                      f"{MAX_HEADER_BYTES // 1024} KB"}, status_code=431)
    if allowed_hosts is None:
        return None
    host = next((value for name, value in headers if name.lower() == b"host"), None)
    if host is not None and host_name(host.decode("latin-1")) not in allowed_hosts:
        return JSONResponse({"error": "this server does not answer for that host name; open it "
                                      "by the address it listens on, or add the name with "
                                      "--allowed-host"}, status_code=400)
    return None


def host_name(host: str) -> str:
    """The name in a Host header, without its port or IPv6 brackets, in lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class _Site:
    """The static site, or a plain 503 while it is not built."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.files = StaticFiles(directory=site_dir, html=True, check_dir=False)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if not (self.site_dir / "index.html").is_file():
            response = PlainTextResponse(f"The site is not built: {SITE_FIX}.", status_code=503)
            return await response(scope, receive, send)
        await self.files(scope, receive, send)


SITE_FIX = "run 'mentor-assistant build', then reload this page"


def _rate_limiter(options: ServerOptions) -> RateLimiter | None:
    if not options.rate_per_minute:
        return None
    if options.rate_state:
        return SharedRateLimiter(options.rate_state, options.rate_per_minute)
    return RateLimiter(options.rate_per_minute)


def _is_loopback(host: str | None) -> bool:
    try:
        return bool(host) and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Api:
    """The endpoint handlers, sharing one assistant."""

    def __init__(self, assistant: Any, options: ServerOptions) -> None:
        self.assistant = assistant
        self.options = options
        self.limiter = _rate_limiter(options)
        self.cache = ResponseCache(options.cache_size if assistant.llm is None else 0)
        self.log_lock = threading.Lock()
        self._stale: tuple[float, bool] = (-1e9, False)
        self._follow_lock = threading.Lock()
        self._followed = time.monotonic()
        self._client: Any = None

    def follow_index(self) -> None:
        """Between requests: look for a new index generation now and then, in the background.

        Requests go on with the loaded assistant until the new one is ready, then the
        next ones use it; nothing waits and nothing fails in between.
        """
        if not self.options.follow_index or not hasattr(self.assistant, "on_current_index"):
            return
        if time.monotonic() - self._followed < FOLLOW_SECONDS:
            return
        if not self._follow_lock.acquire(blocking=False):
            return
        self._followed = time.monotonic()
        threading.Thread(target=self._switch_if_new, daemon=True).start()

    def _switch_if_new(self) -> None:
        from ..index.store import current_generation, open_client

        try:
            store = self.assistant.settings.store
            self._client = self._client or open_client(store)
            state = self.assistant.index.state
            current = current_generation(self._client)
            if current is not None and current != (state.collection, state.fingerprint):
                fresh = self.assistant.on_current_index()
                self.cache = ResponseCache(self.cache.size)
                self.assistant = fresh
                self._stale = (-1e9, False)
        except Exception:  # noqa: BLE001 - a build in progress; the next look will tell
            pass
        finally:
            self._followed = time.monotonic()
            self._follow_lock.release()

    def index_is_stale(self) -> bool:
        """The guide's freshness, re-checked at most every few seconds (it reads every page)."""
        checked, stale = self._stale
        if time.monotonic() - checked > STALE_CHECK_SECONDS:
            self._stale = (time.monotonic(), self.assistant.is_stale())
        return self._stale[1]

    def refusal(self, scope: Any) -> Response | None:
        """A 401 or 429 for API requests that may not go ahead, else None."""
        path = scope.get("path", "")
        if not path.startswith("/api/") or scope.get("method") == "OPTIONS":
            return None
        if self.options.token and path != "/api/openapi.json":
            given = next((value for name, value in scope.get("headers", [])
                          if name.lower() == b"authorization"), b"")
            given = given.removeprefix(b"Bearer ").strip()
            if not secrets.compare_digest(given, self.options.token.encode()):
                return JSONResponse({"error": "this assistant needs an access token"},
                                    status_code=401, headers={"WWW-Authenticate": "Bearer"})
        client = (scope.get("client") or ("", 0))[0]
        if self.limiter and (self.options.rate_limit_loopback or not _is_loopback(client)):
            wait = self.limiter.check(client)
            if wait:
                return JSONResponse({"error": "too many requests; slow down"}, status_code=429,
                                    headers={"Retry-After": str(max(1, round(wait + 0.5)))})
        return None

    async def body(self, request: Request) -> dict[str, Any]:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > MAX_BODY:
            raise BadInput(413, f"the request body is larger than {MAX_BODY // 1024} KB")
        received = bytearray()
        async for piece in request.stream():
            received += piece
            if len(received) > MAX_BODY:
                raise BadInput(413, f"the request body is larger than {MAX_BODY // 1024} KB")
        return parse_json_object(bytes(received))

    async def ask(self, request: Request) -> Response:
        try:
            question, audience, history = ask_inputs(await self.body(request))
        except BadInput as error:
            return _error(error.status, error.message)
        if "text/event-stream" in request.headers.get("accept", ""):
            return StreamingResponse(self._ask_events(question, audience, history),
                                     media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache",
                                              "X-Accel-Buffering": "no"})
        return await _guarded(self._answer, question, audience, history)

    def _answer(self, question: str, audience: str | None, history: list[Any],
                on_text: Callable[[str], None] | None = None,
                on_start: Callable[[Any], None] | None = None) -> dict[str, Any]:
        key = ("ask", question, audience, tuple(history))
        answer = self.cache.get_or_make(key, lambda: self.assistant.ask(
            question, audience, history, on_text=on_text, on_start=on_start))
        self._log_question(question, audience, answer)
        return answer.to_json()

    async def _ask_events(self, question: str, audience: str | None,
                          history: list[Any]) -> AsyncIterator[str]:
        """The answer as server-sent events; a client that leaves cancels the model's answer."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        gone = threading.Event()

        def put(kind: str, value: Any) -> None:
            if gone.is_set():
                raise AnswerCancelled()  # stops the model's stream, closing its connection
            loop.call_soon_threadsafe(queue.put_nowait, (kind, value))

        def answer() -> None:
            try:
                put("done", self._answer(question, audience, history,
                                         on_text=lambda text: put("token", {"text": text}),
                                         on_start=lambda flags: put("meta",
                                                                    {"flags": list(flags)})))
            except AnswerCancelled:
                raise
            except MentorAssistantError as error:
                put("error", {"error": error.message})
            except Exception:  # noqa: BLE001 - reported to the client, not as a traceback
                put("error", {"error": "the server failed to answer; try again"})

        def work() -> None:
            try:
                answer()
            except AnswerCancelled:
                pass

        worker = loop.run_in_executor(None, work)
        try:
            while True:
                kind, value = await queue.get()
                yield f"event: {kind}\ndata: {json.dumps(value)}\n\n"
                if kind in ("done", "error"):
                    break
        finally:
            gone.set()
        await worker

    async def search(self, request: Request) -> Response:
        params = request.query_params
        query = params.get("q", "")
        try:
            k = int(params.get("k", "5"))
        except ValueError:
            return _error(422, "'k' must be a whole number from 1 to 50")
        retriever = params.get("retriever") or self.assistant.settings.retriever
        audience = params.get("audience") or None
        if not 1 <= k <= 50:
            return _error(422, "'k' must be a whole number from 1 to 50")
        if not query.strip() or len(query) > 2000:
            return _error(422, "'q' must be a question of 1 to 2000 characters")
        if retriever not in ("hybrid", "dense", "lexical") or audience not in (
                None, "mentor", "mentee", "program_owner"):
            return _error(422, "unknown retriever or audience")
        from ..answers.render import hits_json

        def run() -> dict[str, Any]:
            key = ("search", query, k, retriever, audience)
            return self.cache.get_or_make(key, lambda: hits_json(
                query, retriever, *self.assistant.search_flagged(query, k, retriever, audience)))

        return await _guarded(run)

    async def agenda(self, request: Request) -> Response:
        try:
            agenda_request = agenda_inputs(await self.body(request))
        except BadInput as error:
            return _error(error.status, error.message)
        return await _guarded(lambda: self._agenda(agenda_request).to_json())

    async def agenda_ics(self, request: Request) -> Response:
        from ..agendas.agenda_formats import agenda_ics, parse_start, resolve_zone

        try:
            data = await self.body(request)
            agenda_request = agenda_inputs(data)
            if not isinstance(data.get("start"), str):
                raise BadInput(422, "'start' must be a date and time, 'YYYY-MM-DD HH:MM'")
            if not isinstance(data.get("tz", ""), str):
                raise BadInput(422, "'tz' must be a time zone name, e.g. 'Europe/London'")
            start = parse_start(data["start"].replace("T", " "))
            zone = resolve_zone(data.get("tz"))
        except BadInput as error:
            return _error(error.status, error.message)
        except RequestError as error:
            return _error(422, _explained(error))
        try:
            agenda = await run_in_threadpool(self._agenda, agenda_request)
        except RequestError as error:
            return _error(422, _explained(error))
        site_url = self.assistant.guide.site_url or str(request.base_url)
        return Response(agenda_ics(agenda, start, zone=zone, site_url=site_url),
                        media_type="text/calendar",
                        headers={"Content-Disposition": 'attachment; filename="session.ics"'})

    def _agenda(self, agenda_request: Any) -> Any:
        from ..agendas.agenda import suggest_agenda

        return self.cache.get_or_make(("agenda", agenda_request),
                                      lambda: suggest_agenda(agenda_request, self.assistant))

    async def health(self, request: Request) -> Response:
        from datetime import datetime, timezone

        state = self.assistant.index.state
        stale = await run_in_threadpool(self.index_is_stale)
        problems = self.health_problems(stale)
        return JSONResponse({
            "status": "degraded" if problems else "ok", "mode": self.assistant.mode,
            "problems": problems,
            "index": {"pages": state.pages, "chunks": state.chunks, "stale": stale,
                      "embedder": state.embedder,
                      "last_built": datetime.fromtimestamp(state.built_at, timezone.utc)
                      .isoformat(timespec="seconds")}})

    def health_problems(self, stale: bool) -> list[str]:
        """What an operator should fix, in plain words (empty when all is well)."""
        problems = []
        if not (self.options.site_dir / "index.html").is_file():
            problems.append(f"the site is not built at {self.options.site_dir}: "
                            "run 'mentor-assistant build'")
        if stale:
            problems.append("the guide changed since the index was built: run "
                            "'mentor-assistant index'")
        return problems

    async def openapi(self, request: Request) -> Response:
        from .openapi import OPENAPI

        return JSONResponse(OPENAPI)

    async def site_config(self, request: Request) -> Response:
        return JSONResponse({"api": "api/", "token_required": bool(self.options.token),
                             "mode": self.assistant.mode},
                            headers={"Cache-Control": "no-store"})

    def _log_question(self, question: str, audience: str | None, answer: Any) -> None:
        if self.options.question_log is None:
            return
        from ..answers.gaps import log_question

        with self.log_lock:
            log_question(self.options.question_log, question, audience, answer)


async def _guarded(work: Callable[..., Any], *args: Any) -> Response:
    """Run library work off the event loop, translating its errors into statuses."""
    try:
        return JSONResponse(await run_in_threadpool(work, *args))
    except RequestError as error:
        return _error(422, _explained(error))
    except IndexMissingError as error:
        return _error(503, f"{error.message}; {error.fix}")
    except MentorAssistantError as error:
        return _error(500, error.message)


def _explained(error: MentorAssistantError) -> str:
    return f"{error.message}; {error.fix}" if error.fix else error.message


def _error(status: int, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=status)
