"""Run axe-core (shipped by the ``axe-playwright-python`` package) over pages in Chromium."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SEVERE = ("serious", "critical")
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Finding:
    """One serious or critical axe rule violation on one page, with where it happened."""

    page: str
    scheme: str
    rule: str
    impact: str
    targets: tuple[str, ...]
    summary: str

    def __str__(self) -> str:
        where = ", ".join(self.targets[:4]) + (" ..." if len(self.targets) > 4 else "")
        return (f"{self.page} [{self.scheme}] {self.rule} ({self.impact}): {where}\n"
                f"    {self.summary}")


def axe_script() -> str:
    """axe-core's own JavaScript, from the installed package (never a CDN)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def site_pages(site_dir: Path) -> list[str]:
    """Site-relative URLs of every HTML page in a built site, 404 page included."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        folder = relative.endswith("index.html")
        pages.append(relative[: -len("index.html")] if folder else relative)
    return pages


def axe_findings(page, url: str, scheme: str) -> list[Finding]:
    """Serious and critical findings of axe on the page as it is now (axe injected if needed)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    results = page.evaluate("""() => axe.run(document, {
        resultTypes: ['violations'],
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',
                                        'best-practice']}})""")
    findings = []
    for violation in results["violations"]:
        nodes = [node for node in violation["nodes"]
                 if (node.get("impact") or violation["impact"]) in SEVERE]
        if not nodes:
            continue
        findings.append(Finding(
            page=url, scheme=scheme, rule=violation["id"],
            impact=nodes[0].get("impact") or violation["impact"],
            targets=tuple(" ".join(map(str, n["target"])) for n in nodes),
            summary=(nodes[0].get("failureSummary") or violation["help"]).replace("\n", " ")[:300],
        ))
    return findings


SETTLED = """document.addEventListener("DOMContentLoaded", () => {
    const style = document.createElement("style");
    style.textContent = "*, *::before, *::after { transition: none !important; " +
        "animation: none !important; }";
    document.head.append(style);
});"""


def new_scheme_context(browser, scheme: str, **options):
    """A browser context whose reader prefers the light or the dark scheme.

    Transitions are switched off, so that axe measures colours as they settle, not
    halfway through a fade.
    """
    context = browser.new_context(color_scheme=scheme, **options)
    context.add_init_script(axe_script())
    context.add_init_script(SETTLED)
    context.set_default_timeout(15_000)
    return context
