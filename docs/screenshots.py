"""The README's screenshots of the page, from the sample corpus, in Debian's Chromium.

    .venv/bin/python docs/screenshots.py            # ingests samples/corpus into a temporary store
    .venv/bin/python docs/screenshots.py --db storyline.duckdb

Writes docs/timeline.png, docs/list.png, docs/event.png, docs/quotes.png and
docs/changes.png. Needs Playwright (the ``browser`` extra) and /usr/bin/chromium
(``apt-get install chromium``); never ``playwright install``. The server listens on
127.0.0.1 only.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a store to show (default: the sample corpus, ingested into a temporary store)")
    ap.add_argument("--out", default=str(ROOT / "docs"))
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from storyline.api import queries
    from storyline.api.loadtest import serve_in_thread

    with tempfile.TemporaryDirectory() as tmp:
        db = a.db
        if db is None:
            from storyline.runners.local import ingest

            db = str(Path(tmp) / "samples.duckdb")
            ingest([ROOT / "samples" / "corpus"], db)
        top = queries.events(db, countries="JPN,RUS", sort="-reports", limit=1)["items"][0]["event_id"]
        out = Path(a.out)
        with serve_in_thread(Path(db)) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})

            def shot(fragment: str, name: str, ready: str, element: str | None = None) -> None:
                page.goto(f"{url}/{fragment}")
                page.wait_for_selector(ready)
                page.wait_for_timeout(300)          # the chart and the focus settle
                target = page.locator(element) if element else page
                target.screenshot(path=str(out / f"{name}.png"))

            shot("#countries=JPN%2CRUS&win=2015-12-01..2017-01-31", "timeline", "#timeline g.mark")
            shot("#view=list&countries=JPN%2CRUS", "list", "#list-table tbody td button")
            shot(f"#countries=JPN%2CRUS&event={top}", "event", "#panel:not([hidden]) ol.lifecycle li", "#panel")
            shot("#view=quotes", "quotes", "#quotes-list li .speaker")
            shot("#view=changes&countries=JPN%2CRUS", "changes", "#changes-list li")
            browser.close()


if __name__ == "__main__":
    main()
