"""The page in a real browser: Debian's Chromium driven by Playwright over a live uvicorn.

Filter the timeline to one country pair, open an event, see its lifecycle and its
evidence marked in the article text; a hostile article (script tags and event
handler attributes in its headline, text, outlet, actor names and quotes) shows as
text and runs nothing. Skips when Playwright or /usr/bin/chromium is missing,
unless STORYLINE_REQUIRE_BROWSER=1 (CI), where that is a failure. Never run
``playwright install``: the browser is Debian's (``apt-get install chromium``).
Screenshots go to a temporary folder; the README's come from ``docs/screenshots.py``.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..api.corpus import HOSTILE_IMG, HOSTILE_SCRIPT, build_store

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]


def _require_browser() -> Any:
    why = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        why = "playwright is not installed (pip install playwright; never `playwright install`)"
    if why is None and not Path(CHROMIUM).exists():
        why = f"{CHROMIUM} is missing (apt-get install chromium)"
    if why:
        if os.environ.get("STORYLINE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"STORYLINE_REQUIRE_BROWSER=1 but {why}")
        pytest.skip(why)
    return sync_playwright


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    from storyline.api.loadtest import serve_in_thread

    db = build_store(tmp_path_factory.mktemp("web") / "store.duckdb")
    with serve_in_thread(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    sync_playwright = _require_browser()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[tuple[Any, dict[str, list[str]]]]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    pg = context.new_page()
    seen: dict[str, list[str]] = {"dialogs": [], "errors": [], "requests": []}

    def on_dialog(d: Any) -> None:
        seen["dialogs"].append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: seen["errors"].append(str(e)))
    pg.on("request", lambda r: seen["requests"].append(r.url))
    pg.set_default_timeout(10_000)
    pg.goto(base_url + "/")
    pg.wait_for_function("() => document.getElementById('stats').textContent.includes('articles')")
    yield pg, seen
    context.close()


def _shots() -> Path:
    d = Path(os.environ.get("STORYLINE_SCREENSHOTS", "")) if os.environ.get("STORYLINE_SCREENSHOTS") else None
    if d is None:
        import tempfile

        d = Path(tempfile.gettempdir()) / "storyline-screenshots"
    d.mkdir(parents=True, exist_ok=True)
    return d


def _filter_pair(pg: Any, pair: str = "JPN,RUS") -> None:
    pg.select_option("#f-pair", pair)
    pg.wait_for_function("() => document.getElementById('timeline-count').textContent === '(5 events)'")


def test_filter_open_event_lifecycle_and_evidence(page: tuple[Any, dict[str, list[str]]], base_url: str) -> None:
    pg, seen = page
    _filter_pair(pg)
    labels = pg.locator("#timeline text.row-label").all_text_contents()
    assert labels == ["JPN – RUS"]
    assert pg.locator("#timeline g.mark").count() == 5
    assert pg.locator("#timeline g.mark.is-overdue").count() == 2             # Sochi and Putin's visit
    pg.wait_for_function("() => document.querySelectorAll('#chart rect.bar').length > 0")

    pg.locator('#timeline g.mark[data-event="ev-lavrov"]').click()
    pg.wait_for_selector("#panel:not([hidden]) ol.lifecycle li")
    assert pg.locator("#panel h3").text_content() == "visit: Sergei Lavrov → Fumio Kishida"
    assert pg.locator("#panel h3").get_attribute("title").startswith("CONSULT/visit")        # the codes, on hover
    history = pg.locator("#panel ol.lifecycle li .badge").all_text_contents()
    assert history == ["possible", "planned", "happened"]
    assert pg.locator("#panel ol.lifecycle li .when").all_text_contents() == ["2016-02-06", "2016-03-10", "2016-04-16"]
    # evidence sentences come first; each article's text on demand, with the evidence marked
    assert pg.locator("#panel .evidence-sentence").count() == 3
    assert pg.locator("#panel .evidence-article mark").count() == 0
    for button in pg.locator("#panel .show-text").all():
        button.click()
    pg.wait_for_function("() => document.querySelectorAll('#panel .evidence-article mark').length === 3")
    marks = pg.locator("#panel .evidence-article mark").all_text_contents()
    assert marks[0] == "Russia's Foreign Minister Sergei Lavrov may visit Japan this spring"
    assert marks[2] == "Sergei Lavrov held talks with Fumio Kishida in Tokyo on Friday"
    pg.screenshot(path=str(_shots() / "event.png"), full_page=True)

    # the page only talks to its own origin
    assert all(u.startswith(base_url) for u in seen["requests"]), seen["requests"]
    assert not seen["errors"] and not seen["dialogs"], seen


def test_hostile_article_shows_as_text_and_runs_nothing(page: tuple[Any, dict[str, list[str]]]) -> None:
    pg, seen = page
    _filter_pair(pg)
    pg.select_option("#f-rows", "actor")
    labels = pg.locator("#timeline g.row > title").all_text_contents()
    assert f"Ivan {HOSTILE_IMG}" in labels

    pg.locator('#timeline g.mark[data-event="ev-hostile"]').first.click()
    pg.locator("#panel .show-text").first.click()
    pg.wait_for_function("() => document.querySelectorAll('#panel .evidence-article mark').length === 1")
    assert HOSTILE_IMG in pg.locator("#panel h3").text_content()
    assert HOSTILE_IMG in pg.locator("#panel .evidence-article mark").text_content()
    assert HOSTILE_SCRIPT in pg.locator("#panel .article-text").text_content()
    assert "Evil Times" in pg.locator("#panel .lifecycle .outlet").text_content()

    pg.fill("#search", "hostile")
    pg.press("#search", "Enter")
    pg.wait_for_selector("#results-list li button")
    assert pg.locator("#results-list li button").first.text_content() == f"{HOSTILE_SCRIPT}Hostile {HOSTILE_IMG} headline"
    pg.locator("#results-list li button").first.click()
    pg.wait_for_selector("#panel .quotes li")
    assert pg.locator("#panel .quotes q").text_content() == HOSTILE_SCRIPT
    assert pg.locator("#panel .quotes .speaker").text_content() == f"Ivan {HOSTILE_IMG}"
    pg.screenshot(path=str(_shots() / "hostile.png"), full_page=True)

    # nothing from the data became markup, and nothing ran
    assert pg.locator("img").count() == 0 and pg.locator("svg[onload], [onerror]").count() == 0
    assert pg.evaluate("document.scripts.length") == 1
    assert pg.evaluate("typeof window.__pwned") == "undefined"
    assert not seen["dialogs"], seen["dialogs"]
    assert not [e for e in seen["errors"] if "Refused" not in e], seen["errors"]


def test_content_security_policy_blocks_inline_script(page: tuple[Any, dict[str, list[str]]]) -> None:
    pg, seen = page
    pg.evaluate("""() => { const s = document.createElement('script');
                          s.textContent = 'window.__inline = 1'; document.body.appendChild(s); }""")
    assert pg.evaluate("typeof window.__inline") == "undefined"
    assert any("Content Security Policy" in e for e in seen["errors"]), seen["errors"]


def test_docs_page_renders_offline(browser: Any, base_url: str) -> None:
    context = browser.new_context()
    pg = context.new_page()
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(base_url + "/docs")
    pg.wait_for_selector(".endpoint h3")
    assert pg.locator(".endpoint").count() >= 9
    assert all(u.startswith(base_url) for u in requests), requests
    context.close()
