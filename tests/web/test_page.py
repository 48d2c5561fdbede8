"""The analyst's page in Debian's Chromium (issue 21): linkable, navigable, honest with undated data.

Over the linked store of ``linked.py`` (a cancellation, an undated event, a 1956 outlier):
a deep link reopens an event, Back restores filters, a stale answer is dropped, Escape
closes the panel and gives focus back, nothing overflows a 390 px phone, the timeline opens
where the events are, undated events are listed, the chart follows the actor filter, the
list, changes, quotes and actors views work, and the badges meet WCAG AA contrast.
Skips like ``test_browser.py`` when Playwright or /usr/bin/chromium is missing, unless
STORYLINE_REQUIRE_BROWSER=1. Screenshots go to the temporary folder of ``test_browser``;
the README's come from ``docs/screenshots.py`` (the sample corpus).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .linked import build_linked_store, event_id
from .test_browser import ARGS, CHROMIUM, _require_browser, _shots

Page = Any


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    _require_browser()
    from storyline.api.loadtest import serve_in_thread

    db = build_linked_store(tmp_path_factory.mktemp("page") / "linked.duckdb")
    with serve_in_thread(db) as url:
        yield url, db


@pytest.fixture(scope="module")
def browser(site: tuple[str, Path]) -> Iterator[Any]:
    sync_playwright = _require_browser()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def open_page(browser: Any, site: tuple[str, Path]) -> Iterator[Any]:
    contexts = []
    errors: list[str] = []

    def opener(fragment: str = "", width: int = 1280, height: int = 1000) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        pg = context.new_page()
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.set_default_timeout(10_000)
        pg.goto(site[0] + "/" + fragment)
        pg.wait_for_function("() => document.getElementById('stats').textContent.includes('articles')")
        return pg

    yield opener
    for c in contexts:
        c.close()
    assert not errors, errors


def _shot(pg: Page, name: str, full: bool = False) -> None:
    pg.screenshot(path=str(_shots() / f"page-{name}.png"), full_page=full)


def _count(pg: Page) -> str:
    pg.wait_for_function("() => document.getElementById('timeline-count').textContent.startsWith('(')")
    return pg.locator("#timeline-count").text_content()


def test_deep_link_reopens_the_event_after_reload(open_page: Any, site: tuple[str, Path]) -> None:
    eid = event_id(site[1], "Sergei Lavrov held talks")
    pg = open_page(f"#countries=JPN%2CRUS&event={eid}")
    pg.wait_for_selector("#panel:not([hidden]) ol.lifecycle li")
    assert pg.locator("#panel h3").text_content() == "visit: Sergei Lavrov → Fumio Kishida"
    assert pg.locator("#f-pair").input_value() == "JPN,RUS"
    pg.reload()
    pg.wait_for_selector("#panel:not([hidden]) ol.lifecycle li")
    assert pg.locator("#panel .lifecycle .badge").all_text_contents() == ["possible", "planned", "happened"]
    _shot(pg, "event")


def test_back_restores_filters_and_closes_the_event(open_page: Any) -> None:
    pg = open_page()
    everything = _count(pg)
    pg.select_option("#f-pair", "CHN,USA")
    pg.wait_for_function("() => document.getElementById('timeline-count').textContent === '(2 events)'")
    assert "countries=CHN%2CUSA" in pg.evaluate("location.hash")
    pg.locator("#timeline g.mark").first.click()
    pg.wait_for_selector("#panel:not([hidden]) ol.lifecycle")
    pg.go_back()
    pg.wait_for_selector("#panel", state="hidden")
    assert pg.locator("#f-pair").input_value() == "CHN,USA" and _count(pg) == "(2 events)"
    pg.go_back()
    pg.wait_for_function(f"() => document.getElementById('timeline-count').textContent === {everything!r}")
    assert pg.locator("#f-pair").input_value() == ""
    pg.go_forward()
    pg.wait_for_function("() => document.getElementById('timeline-count').textContent === '(2 events)'")
    assert pg.locator("#f-pair").input_value() == "CHN,USA"


def test_a_stale_response_is_dropped(open_page: Any) -> None:
    pg = open_page()
    _count(pg)
    held: list[Any] = []

    def hold(route: Any) -> None:
        if "countries=CHN%2CUSA" in route.request.url and not held:
            held.append(route)          # answered later, after a newer request
        else:
            route.continue_()

    pg.route("**/api/events?*", hold)
    pg.select_option("#f-pair", "CHN,USA")                       # request 1: held
    pg.wait_for_function("() => true")
    pg.select_option("#f-pair", "JPN,RUS")                       # request 2: answered
    pg.wait_for_function("() => document.getElementById('timeline-count').textContent.startsWith('(7 events')")
    assert held
    held[0].continue_()                                           # the old answer arrives last
    pg.wait_for_function("() => document.body.dataset.dropped === '1'")
    assert pg.locator("#timeline-count").text_content().startswith("(7 events")
    assert pg.locator("#f-pair").input_value() == "JPN,RUS"
    assert pg.locator("#timeline text.row-label").all_text_contents() == ["JPN – RUS"]


def test_escape_closes_the_panel_and_focus_returns(open_page: Any) -> None:
    pg = open_page("#countries=JPN%2CRUS")
    _count(pg)
    mark = pg.locator("#timeline g.mark").first
    eid = mark.get_attribute("data-event")
    mark.focus()
    pg.keyboard.press("Enter")
    pg.wait_for_selector("#panel:not([hidden]) ol.lifecycle")
    assert pg.evaluate("document.activeElement.id") == "panel-title"          # focus moves into the panel
    pg.keyboard.press("Escape")
    pg.wait_for_selector("#panel", state="hidden")
    assert pg.evaluate("document.activeElement.getAttribute('data-event')") == eid
    assert "event=" not in pg.evaluate("location.hash")


@pytest.mark.parametrize("view", ["timeline", "list", "changes", "quotes", "actors", "codebook"])
def test_no_horizontal_overflow_on_a_phone(open_page: Any, site: tuple[str, Path], view: str) -> None:
    eid = event_id(site[1], "The Kremlin said")
    pg = open_page(f"#view={view}&event={eid}", width=390, height=844)
    pg.wait_for_selector("#panel:not([hidden]) ol.lifecycle")
    pg.wait_for_timeout(0)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    if view == "timeline":
        pg.locator("#panel .show-text").first.click()
        pg.wait_for_selector("#panel .article-text mark")
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390


def test_timeline_opens_where_events_are_and_zooms(open_page: Any) -> None:
    pg = open_page()
    _count(pg)
    assert pg.locator("#z-range").text_content().startswith("2016-")           # not 1956: the outlier waits
    assert "1 dated event(s) lie outside this view" in pg.locator("#timeline-note").text_content()
    _shot(pg, "timeline")
    pg.click("#z-all")
    pg.wait_for_function("() => document.getElementById('z-range').textContent.startsWith('195')")
    assert "win=" in pg.evaluate("location.hash")
    pg.click("#z-dense")
    pg.wait_for_function("() => document.getElementById('z-range').textContent.startsWith('2016-')")
    before = pg.locator("#z-range").text_content()
    pg.click("#z-in")
    pg.wait_for_function(f"() => document.getElementById('z-range').textContent !== {before!r}")
    zoomed = pg.locator("#z-range").text_content()
    pg.reload()                                                                 # the window is in the URL
    pg.wait_for_function(f"() => document.getElementById('z-range').textContent === {zoomed!r}")


def test_undated_events_are_listed_with_their_report_date(open_page: Any) -> None:
    pg = open_page("#countries=JPN%2CRUS")
    assert _count(pg) == "(7 events, 1 undated)"
    assert pg.locator("#undated-count").text_content() == "(1)"
    pg.click("#undated summary")
    item = pg.locator("#undated-list li")
    assert item.count() == 1 and "first reported 2016-09-02" in item.text_content()
    item.locator("button").click()
    pg.wait_for_selector("#panel:not([hidden]) ol.lifecycle")
    assert pg.locator("#panel .facts dd").nth(1).text_content() == "undated"


def test_chart_follows_the_actor_filter(open_page: Any) -> None:
    pg = open_page()
    _count(pg)
    bars = lambda: pg.evaluate("""() => [...document.querySelectorAll('#chart rect.bar')]
        .map(r => Number(r.querySelector('title').textContent.split(': ')[1].split(' ')[0])).reduce((a, b) => a + b, 0)""")
    assert bars() == 8          # nine events, the 1956 one outside the view; the undated one by its report month
    pg.fill("#f-actor", "Lavrov")
    pg.press("#f-actor", "Enter")
    pg.wait_for_function("() => document.getElementById('timeline-count').textContent === '(1 events)'")
    assert bars() == 1


def test_date_error_is_shown_by_the_form(open_page: Any) -> None:
    pg = open_page()
    _count(pg)
    pg.fill("#f-from", "2017-01")
    pg.fill("#f-to", "2016-01")
    pg.click("#filters button[type=submit]")
    err = pg.locator("#filter-error")
    assert err.is_visible() and "before" in err.text_content()
    box = err.bounding_box()
    assert box is not None and 0 <= box["y"] < 1000


def test_list_view_sorts_and_pages(open_page: Any) -> None:
    pg = open_page("#view=list")
    pg.wait_for_selector("#list-table tbody tr td button")
    assert pg.locator("#list-count").text_content() == "(9)"
    first = pg.locator("#list-table tbody tr").first.locator("td").first.text_content()
    assert first == "October 1956"
    _shot(pg, "list")
    pg.click("#list-table th[data-sort=date] button")
    pg.wait_for_function("() => document.querySelector('#list-table th[data-sort=date]').getAttribute('aria-sort') "
                         "=== 'descending'")
    pg.wait_for_function("() => document.querySelector('#list-table tbody td').textContent === 'March 2017'")
    assert "sort=-date" in pg.evaluate("location.hash")
    pg.locator("#list-table tbody tr td button").first.click()
    pg.wait_for_selector("#panel:not([hidden]) ol.lifecycle")


def test_changes_view_lists_a_cancellation(open_page: Any) -> None:
    pg = open_page("#view=changes&countries=JPN%2CRUS")
    pg.wait_for_selector("#changes-list li[data-kind=cancelled]")
    item = pg.locator("#changes-list li[data-kind=cancelled]")
    assert "2016-09-01" in item.text_content() and "cancelled (November 2016)" in item.text_content()
    assert item.locator("blockquote").text_content().startswith("The Kremlin said Vladimir Putin's visit")
    assert "countries=JPN%2CRUS" in pg.locator("#changes-feed").get_attribute("href")
    _shot(pg, "changes")
    item.locator("button").click()
    pg.wait_for_selector("#panel:not([hidden]) ol.lifecycle")
    assert pg.locator("#panel .lifecycle .badge").all_text_contents() == ["planned", "cancelled"]


def test_quotes_and_actor_views(open_page: Any) -> None:
    pg = open_page("#view=quotes")
    pg.wait_for_selector("#quotes-list li .speaker")
    speakers = pg.locator("#quotes-list .speaker").all_text_contents()
    assert "Dmitry Peskov" in speakers and "Yuri Ushakov" in speakers
    _shot(pg, "quotes")
    pg.click("#tab-actors")
    pg.wait_for_selector("#actors-table tbody tr td button")
    pg.locator("#actors-table tbody button", has_text="Sergei Lavrov").click()
    pg.wait_for_selector("#panel:not([hidden]) .actor-events li")
    assert "who=Sergei+Lavrov" in pg.evaluate("location.hash")
    assert pg.locator("#panel .actor-events li").count() == 1
    assert "We had frank talks" in pg.locator("#panel .quotes").text_content()


def test_search_results_come_into_view(open_page: Any) -> None:
    pg = open_page()
    _count(pg)
    pg.fill("#search", '"held talks" AND Tokyo')
    pg.press("#search", "Enter")
    pg.wait_for_selector("#results-list li button")
    assert pg.locator("#results-title").text_content().endswith("(1)")
    box = pg.locator("#results").bounding_box()
    assert box is not None and 0 <= box["y"] < 1000
    assert "q=" in pg.evaluate("location.hash")


def test_badges_meet_aa_contrast(open_page: Any) -> None:
    pg = open_page()
    _count(pg)
    ratios = pg.evaluate("""() => {
      const lum = (c) => { const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(Number).map((v) => v / 255)
        .map((v) => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      return [...document.querySelectorAll('#legend .badge')].map((b) => {
        const s = getComputedStyle(b); const a = lum(s.color), c = lum(s.backgroundColor);
        return [b.textContent, (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05)]; }); }""")
    assert len(ratios) == 6
    assert all(r >= 4.5 for _, r in ratios), ratios


def test_page_prints_dates_like_the_cli(open_page: Any) -> None:
    pg = open_page("#view=codebook")
    pg.wait_for_selector("#codebook table")
    pairs = pg.evaluate("""async () => (await (await fetch('/api/codebook')).json()).dates
        .map((d) => [d.code, d.label, humanDate(d.code)])""")
    assert len(pairs) >= 8
    assert all(label == shown for _, label, shown in pairs), pairs


def test_tabs_answer_the_keyboard(open_page: Any) -> None:
    pg = open_page()
    _count(pg)
    pg.focus("#tab-timeline")
    pg.keyboard.press("ArrowRight")
    pg.wait_for_selector("#view-list:not([hidden])")
    assert pg.evaluate("document.activeElement.id") == "tab-list" and "view=list" in pg.evaluate("location.hash")
    pg.keyboard.press("End")
    pg.wait_for_selector("#view-codebook:not([hidden]) table")
    assert pg.evaluate("document.activeElement.id") == "tab-codebook"
