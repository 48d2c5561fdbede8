"""The changes feed as Atom (RFC 4287), for feed readers: ``/feeds/changes.atom``.

One entry per lifecycle transition (``api.changes``), newest first, with the same filters
as ``/api/changes``. Each entry links to the page with the event open (``/#event=ID``)
and to the source article's URL when the record has one; its content is the evidence
sentence with outlet and headline, as plain text. The XML is built with ElementTree, so
every value from an article is escaped, and entry ids are stable across runs
(``tag:`` URIs from the event id, the kind and the date), so a reader shows each change once.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import quote

from .labels import human_date

ATOM = "http://www.w3.org/2005/Atom"


def _side(x: dict[str, Any] | None) -> str:
    x = x or {}
    return x.get("name") or x.get("country") or "?"


def _stamp(day: str | None) -> str:
    return f"{day}T00:00:00Z" if day and len(day) == 10 else "1970-01-01T00:00:00Z"


def entry_title(c: dict[str, Any]) -> str:
    what = c["label"]
    if c["kind"] == "date_moved":
        what += f" from {human_date(c.get('from_date'))} to {c.get('date_label')}"
    elif c.get("recalled"):
        what += f" in {c.get('date_label')} (recalled)"
    elif c.get("date") and c["kind"] != "happened":
        what += f" ({c.get('date_label')})"
    return f"{what}: {c.get('type_label')} {_side(c.get('source'))} → {_side(c.get('target'))}"


def atom(page: dict[str, Any], base_url: str, self_url: str) -> bytes:
    """The Atom document for a page of changes (``api.changes.changes``)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    items = page.get("items") or []
    sub(feed, "title", "Storyline: what changed")
    sub(feed, "id", f"{base_url}/feeds/changes.atom")
    sub(feed, "updated", _stamp(items[0]["at"] if items else page.get("as_of")))
    sub(feed, "link", rel="self", href=self_url)
    sub(feed, "link", rel="alternate", href=f"{base_url}/")
    sub(sub(feed, "author"), "name", "Storyline")
    sub(feed, "generator", "Storyline")
    for c in items:
        e = sub(feed, "entry")
        sub(e, "title", entry_title(c))
        sub(e, "id", f"tag:storyline,2016:{quote(str(c['event_id']), safe='')}/{c['kind']}/{c.get('at') or 'undated'}")
        sub(e, "updated", _stamp(c.get("at")))
        sub(e, "link", rel="alternate", href=f"{base_url}/#event={quote(str(c['event_id']), safe='')}")
        if c.get("url") and str(c["url"]).startswith(("http://", "https://")):
            sub(e, "link", rel="related", href=str(c["url"]))
        sub(e, "category", term=c["kind"], label=c["label"])
        by = f", citing {c['reported_by']}" if c.get("reported_by") else ""
        body = (f"“{c.get('evidence') or ''}” — {c.get('outlet') or 'unknown outlet'}{by}, "
                f"{human_date(c.get('at'))}. {c.get('headline') or ''}").strip()
        sub(e, "content", body, type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)
