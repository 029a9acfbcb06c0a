"""The published site in a real browser: Debian's chromium, driven by Playwright (never a
browser Playwright downloads). Every page loads from file:// with no console error and no
failed request, every link between pages resolves (anchors too), stored markup shows as
text, the overview is screenshotted at a desktop's and a phone's width, and the print
stylesheet applies.

Without chromium (or Playwright) these tests skip, saying so; with
DISCLOSE_TEST_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import MARKUP


def _missing(what: str) -> None:
    if os.environ.get("DISCLOSE_TEST_REQUIRE_BROWSER"):
        pytest.fail(f"{what}, and DISCLOSE_TEST_REQUIRE_BROWSER is set")
    pytest.skip(f"{what}: the site's browser tests need it (.ci/run installs it; "
                "DISCLOSE_TEST_REQUIRE_BROWSER=1 makes this a failure)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install -e '.[test]')")
    executable = shutil.which("chromium")
    if executable is None:
        _missing("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        found = playwright.chromium.launch(executable_path=executable)
        try:
            yield found
        finally:
            found.close()


def watched(browser: Any, **options: Any) -> tuple[Any, list[str]]:
    """A new page and the problems it meets: console errors and warnings, script errors,
    failed requests, dialogs (an alert() that ran)."""
    page = browser.new_page(**options)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    return page, problems


def test_site_pages_load_clean_and_links_resolve(browser, published_site: Path) -> None:
    page, problems = watched(browser)
    ids: dict[Path, set[str]] = {}
    anchors: list[tuple[Path, Path, str]] = []  # (from, to, fragment)
    queue = [published_site / "index.html"]
    while queue:
        path = queue.pop(0)
        if path in ids:
            continue
        page.goto(path.as_uri())
        # the stylesheet arrived and applies: the masthead is the column's red
        assert page.eval_on_selector(".masthead", "e => getComputedStyle(e).backgroundColor") \
            == "rgb(164, 22, 26)", path.name
        ids[path] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => "
                                              "e.getAttribute('href'))"):
            if href.startswith(("http://", "https://")):
                continue  # a published report's own address, outside the site
            name, _, fragment = href.partition("#")
            target = (path.parent / name).resolve() if name else path
            assert target.parent == published_site.resolve() and target.is_file(), (path.name, href)
            if fragment:
                anchors.append((path, target, fragment))
            queue.append(target)
    assert problems == []
    assert {p.name for p in ids} == {p.name for p in published_site.glob("*.html")}
    assert [a for a in anchors if a[2] not in ids[a[1]]] == []
    # each page's skip link (11), each task from the index (15) and from its area's list (15)
    assert len(anchors) == 41


def test_site_markup_in_a_summary_shows_as_text(browser, published_site: Path) -> None:
    page, problems = watched(browser)
    page.goto((published_site / "area-2.html").as_uri())
    summary = page.locator("#task-K2-1 .item .summary")
    assert summary.inner_text() == MARKUP
    assert summary.locator("script, b").count() == 0
    page.goto((published_site / "area-3.html").as_uri())
    assert page.locator("#task-K3-1 .not-link").inner_text() == "javascript:alert(2)"
    protocols = page.eval_on_selector_all("a[href]", "els => els.map(e => e.protocol)")
    assert set(protocols) <= {"file:", "http:", "https:"}
    assert problems == []  # no alert() ran


def test_site_shows_only_what_was_accepted_and_cleared(browser, published_site: Path) -> None:
    page, _ = watched(browser)
    page.goto((published_site / "area-5.html").as_uri())
    units = page.locator("#task-K5-4 .item .unit").all_inner_texts()
    assert units == ["市人社局"]  # 市卫生计生委's report was returned
    page.goto((published_site / "area-6.html").as_uri())
    assert page.locator("#task-K6 .item").count() == 0  # withheld by 保密审查


@pytest.mark.parametrize("width", [1280, 390])
def test_site_overview_screenshot(browser, published_site: Path, tmp_path: Path,
                                  width: int) -> None:
    page, problems = watched(browser, viewport={"width": width, "height": 900})
    page.goto((published_site / "overview.html").as_uri())
    shot = tmp_path / f"overview-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # nothing runs off the screen: the wide tables scroll in their own boxes
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # the chart: July and August are due by 2015-09-10; of August's 15 reports 4 were on
    # time (czj, rsj, hbj, gtj: 26.7%), wjw's being returned and sjj's late
    bars = page.locator("svg rect.bar")
    assert bars.count() == 2
    assert page.locator("svg text.value").all_text_contents() == ["0.0%", "26.7%"]
    heights = [float(bars.nth(i).get_attribute("height") or "") for i in range(2)]
    assert heights[0] == 0 and heights[1] == pytest.approx(182 * 4 / 15, abs=0.1)
    assert problems == []


def test_site_area_page_fits_a_phone(browser, published_site: Path, tmp_path: Path) -> None:
    page, problems = watched(browser, viewport={"width": 390, "height": 900})
    page.goto((published_site / "area-2.html").as_uri())
    page.screenshot(path=str(tmp_path / "area-2-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems == []


def test_site_prints_without_navigation(browser, published_site: Path, tmp_path: Path) -> None:
    page, problems = watched(browser)
    page.goto((published_site / "area-2.html").as_uri())
    page.emulate_media(media="print")
    assert page.eval_on_selector(".masthead nav", "e => getComputedStyle(e).display") == "none"
    assert page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor") in (
        "rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    pdf = tmp_path / "area-2.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert problems == []
