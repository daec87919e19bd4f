"""The Plan page with the real in-browser assistant: static-core.js embeds and searches,
static-safety.js checks the focus, on the full bundle served by ``python -m http.server``.

For every request in mentor_assistant/data/agenda_requests.yml the page's agenda, Markdown
and ``.ics`` are compared with Python's (`build_offline_agenda`, `agenda_formats`; DTSTAMP
normalised). The browser's vectors are within cosine 0.999 of Python's, not equal, so a
focus near a threshold may be placed differently: the test requires every safety request
and at least 90% of all requests to match exactly, and reports the ones that differ.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, make_settings
from static_support import serve_directory
from test_browser_static_plan import CASES, ZONES, agenda_differences, fill_form

from mentor_assistant.agendas.agenda import build_offline_agenda
from mentor_assistant.web.web_inputs import agenda_inputs

pytestmark = pytest.mark.browser

MODEL_LOAD_MS = 120_000


@pytest.fixture(scope="module")
def full_site(built_site: Path, guide_index: Path, guide, tmp_path_factory) -> Path:
    """The built site with every part of the bundle, the safety check's included."""
    from mentor_assistant.web.static_bundle import find_runtime, write_bundle

    settings = make_settings(ROOT / "mkdocs.yml", guide_index)
    if find_runtime(settings) is None:
        pytest.fail("onnxruntime-web is not in .cache/: run ./scripts/bootstrap.sh")
    site = tmp_path_factory.mktemp("static-plan-model") / "site"
    shutil.copytree(built_site, site)
    report = write_bundle(site, settings, guide)
    assert report.warning is None, report.warning
    assert {"agendas.json", "safety.json", "retrieval.json", "model.onnx"} <= set(report.files)
    return site


@pytest.fixture(scope="module")
def full_url(full_site: Path):
    process, url = serve_directory(full_site)
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_every_request_gets_pythons_agenda_with_the_real_search(page, full_url: str,
                                                                guide_assistant) -> None:
    page.set_default_timeout(MODEL_LOAD_MS)
    page.goto(full_url + "assistant/plan/")
    page.locator(".ma-form").wait_for()
    differing = {}
    for n, case in enumerate(CASES):
        expected = build_offline_agenda(agenda_inputs(case.request), guide_assistant)
        page.evaluate("document.querySelector('.ma-agenda').replaceChildren()")
        fill_form(page, case.request)
        page.get_by_role("button", name="Plan the session").click()
        page.locator(".ma-agenda-sheet h2").wait_for()
        found = agenda_differences(page, full_url, expected, ZONES[n % len(ZONES)])
        if found:
            differing[case.id] = found
        assert page.locator(".ma-focus-note").count() == 0, case.id  # grounded, safety checked
        if case.expect.get("safety"):
            assert not found, f"{case.id}: {found}"
    same = len(CASES) - len(differing)
    assert same >= 0.9 * len(CASES), f"{same} of {len(CASES)} equal; differing: {differing}"
    print(f"\n{same} of {len(CASES)} agendas equal Python's; differing: {differing}")
    assert page.errors == [] and page.outside_requests == []
