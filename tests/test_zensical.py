"""The real guide, built with Zensical, Material for MkDocs' successor.

Zensical reads ``mkdocs.yml`` but runs no MkDocs hooks, so the session agendas and
the contacts table must come from the Markdown extension. Zensical is in the
``test`` extra: when it is missing, these tests fail rather than skip.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from site_html import page_file, read_html, read_tables

from mentor_assistant.guide.content import load_pages, page_url

# Any HTTP client that honours proxy settings fails at once instead of going online.
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "NO_PROXY": ""}


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guide built by ``zensical build`` in a copy of the project (its site stays inside)."""
    assert importlib.util.find_spec("zensical"), (
        "zensical is not installed: run ./scripts/bootstrap.sh test")
    project = tmp_path_factory.mktemp("zensical")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "guide_content", project / "guide_content")
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--config-file", "mkdocs.yml"],
        capture_output=True, text=True, cwd=project, timeout=300,
        env={**os.environ, **OFFLINE},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "did not say which page" not in output, output
    return project / "site"


def test_session_pages_have_their_agenda_table(guide, zensical_site: Path) -> None:
    sessions = [page for page in load_pages(guide.docs_dir) if page.session]
    assert len(sessions) == 5
    for page in sessions:
        html = page_file(zensical_site, page_url(page.path))
        agendas = [rows for rows in read_tables(html) if rows[0] == ["Time", "Item", "Minutes"]]
        assert len(agendas) == 1, page.path
        rows = agendas[0]
        first = page.session.items[0]
        assert rows[1] == [f"0:00–0:{first.minutes:02d}", first.title, str(first.minutes)]
        assert [row[1] for row in rows[1:]] == [item.title for item in page.session.items]


def test_session_and_contacts_anchors_match_the_library(guide, zensical_site: Path) -> None:
    for page in load_pages(guide.docs_dir):
        if page.session is None and not page.contacts:
            continue
        built = read_html(page_file(zensical_site, page_url(page.path))).heading_ids
        ours = [h.anchor for h in page.headings if h.level >= 2]
        assert ours == built, page.path


def test_escalation_page_has_its_contacts_table(guide, zensical_site: Path) -> None:
    (page,) = [page for page in load_pages(guide.docs_dir) if page.contacts]
    tables = read_tables(page_file(zensical_site, page_url(page.path)))
    contacts = [rows for rows in tables if rows[0] == ["Situation", "Who", "How"]]
    assert len(contacts) == 1
    assert [row[:2] for row in contacts[0][1:]] == [[c.situation, c.who] for c in page.contacts]
