"""The real guide, built with a real `mkdocs build --strict`."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, edit_page, run_mkdocs_build
from site_html import internal_targets, page_file, read_html

from mentor_assistant.guide.content import load_pages, page_url


def test_strict_build_has_zero_warnings(tmp_path: Path) -> None:
    result = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr + result.stdout


def test_every_page_is_built_at_the_url_the_library_computes(guide, built_site: Path) -> None:
    for page in load_pages(guide.docs_dir):
        assert page_file(built_site, page_url(page.path)).is_file(), page.path


def test_anchors_match_the_built_table_of_contents(guide, built_site: Path) -> None:
    for page in load_pages(guide.docs_dir):
        if "<!-- material/tags -->" in page.body:
            continue  # the tags plugin writes that page's headings itself
        built = read_html(page_file(built_site, page_url(page.path))).heading_ids
        ours = [h.anchor for h in page.headings if h.level >= 2]
        assert ours == built, page.path


def test_session_pages_show_their_timed_agenda(guide, built_site: Path) -> None:
    sessions = [page for page in load_pages(guide.docs_dir) if page.session]
    assert len(sessions) == 5
    for page in sessions:
        html = page_file(built_site, page_url(page.path)).read_text(encoding="utf-8")
        assert f"Timed agenda ({page.session.minutes} minutes)" in html
        for item in page.session.items:
            assert item.purpose.split()[0] in html


def test_no_external_assets(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        for asset in read_html(html).assets:
            assert not asset.startswith(("http:", "https:", "//")), (html, asset)
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, css


def test_theme_features(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-scheme="slate"' in home  # the dark palette is offered
    assert 'data-md-color-scheme="default"' in home
    assert (built_site / "search" / "search_index.json").is_file()
    assert "@media print" in (built_site / "stylesheets" / "extra.css").read_text()
    tags = (built_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert "tag:trust" in tags and "Building trust" in tags


def test_edit_links_follow_configuration(tmp_path: Path, built_site: Path) -> None:
    page = "mentors/building-trust/index.html"
    assert "guide_content/mentors/building-trust.md" not in (built_site / page).read_text()
    result = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site",
                              env={"GUIDE_REPO_URL": "https://git.example.org/programme/kit"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / page).read_text()
    edit = "https://git.example.org/programme/kit/edit/main/guide_content/mentors/building-trust.md"
    assert edit in html


def test_every_page_is_within_two_clicks_of_home(guide, built_site: Path) -> None:
    one_click = internal_targets(built_site, "")
    two_clicks = set(one_click)
    for url in one_click:
        if page_file(built_site, url).is_file():
            two_clicks |= internal_targets(built_site, url)
    for page in load_pages(guide.docs_dir):
        assert page_url(page.path) in two_clicks | {""}, page.path
    # The home page itself links straight to every topic page.
    assert len(one_click) >= 45


def test_plain_mkdocs_build_rejects_broken_front_matter(
    fixture_guide: Path, tmp_path: Path
) -> None:
    edit_page(fixture_guide, "mentors/trust.md", "description: How trust grows.",
              "description: How trust: grows")
    result = run_mkdocs_build(fixture_guide, tmp_path / "out")
    assert result.returncode != 0
    assert "mentors/trust.md:3: the front matter is not valid YAML" in result.stderr
