#!/usr/bin/env python3
"""Screenshots of the site as people see it, for anyone to look at.

Writes PNGs of the home page, a guide page, "Ask the guide" with an answer and
"Plan a session" with an agenda, at 1280 and 390 pixels wide, in the light and dark
schemes, into ``screenshots/`` (or ``--out``). It builds the site and the index when
they are stale, as ``mentor-assistant serve`` does, serves them on a free loopback
port and drives Debian's chromium (``MENTOR_ASSISTANT_CHROMIUM`` to use another).

    .venv/bin/python scripts/screenshots.py [--out DIR] [--keep-serving]
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("MENTOR_ASSISTANT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
SCHEMES = ("light", "dark")
QUESTION = "My mentee keeps waiting for me to tell her what to do. How do I hand it back?"


@contextmanager
def serving(say=print) -> Iterator[str]:
    """The site and its API on a free loopback port, brought up to date first."""
    import uvicorn

    from mentor_assistant.answers.assistant import Assistant
    from mentor_assistant.guide.config import load_guide_config
    from mentor_assistant.settings import resolve_settings
    from mentor_assistant.web.server import ServerOptions, create_app
    from mentor_assistant.web.serving import bring_up_to_date

    settings = resolve_settings({"config": ROOT / "mkdocs.yml"}, dict(os.environ))
    guide = load_guide_config(settings.config_file)
    bring_up_to_date(settings, guide, say)
    app = create_app(Assistant(settings).load(), ServerOptions(site_dir=guide.site_dir))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def ask(page, base: str) -> None:
    page.goto(base + "assistant/ask/")
    page.locator("#ma-question").fill(QUESTION)
    page.locator("#ma-question").press("Enter")
    page.locator(".ma-turn .ma-sources a").first.wait_for(timeout=60_000)
    page.wait_for_timeout(600)  # the smooth scroll to the answer


def plan(page, base: str) -> None:
    page.goto(base + "assistant/plan/")
    page.select_option("#ma-type", "checkin")
    page.fill("#ma-minutes", "45")
    page.fill("#ma-focus", "preparing a funding pitch")
    page.fill("#ma-actions", "Rewrite the pitch deck")
    page.get_by_role("button", name="Plan the session").click()
    page.locator(".ma-agenda-sheet h2").wait_for(timeout=60_000)
    page.wait_for_timeout(300)


SHOTS = {
    "home": lambda page, base: page.goto(base),
    "guide-page": lambda page, base: page.goto(base + "mentors/building-trust/"),
    "escalation": lambda page, base: page.goto(base + "help/when-to-escalate/#who-to-contact"),
    "ask": ask,
    "plan": plan,
}


def take_screenshots(base: str, out: Path, say=print) -> list[Path]:
    """Every shot at every width in every scheme; returns the files written."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in SCHEMES:
            for width_name, (width, height) in WIDTHS.items():
                context = browser.new_context(color_scheme=scheme,
                                              viewport={"width": width, "height": height},
                                              device_scale_factor=1)
                context.set_default_timeout(30_000)
                page = context.new_page()
                for name, show in SHOTS.items():
                    show(page, base)
                    page.wait_for_timeout(400)  # the header's title settles after a scroll
                    path = out / f"{name}-{width_name}-{scheme}.png"
                    page.screenshot(path=str(path))
                    written.append(path)
                    say(f"wrote {path}")
                context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots",
                        help="folder for the PNG files (default: screenshots/)")
    parser.add_argument("--keep-serving", action="store_true",
                        help="keep the server running afterwards, until Ctrl+C")
    args = parser.parse_args(argv)
    if not (Path(CHROMIUM).exists()):
        print(f"Chromium not found at {CHROMIUM}: apt-get install chromium", file=sys.stderr)
        return 1
    say = lambda message: print(message, file=sys.stderr)  # noqa: E731
    with serving(say) as base:
        written = take_screenshots(base, args.out.resolve(), say)
        print(f"{len(written)} screenshots in {args.out}")
        if args.keep_serving:
            say(f"serving at {base} until Ctrl+C")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
