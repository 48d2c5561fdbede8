"""The devreal pages in the other shapes real pages come in, made at run time (the texts are never stored).

Used by ``bench/page_shapes.py`` (the full pipeline on every shape, scored) and by
``tests/ingest/test_page_shapes_devreal.py`` (cleaning and dating only, gated). Each shape is one way a
scraper, a feed or a CMS hands over the same article: the pipeline should read them all the same.
"""
from __future__ import annotations

import html
import json
import re
import textwrap

# lines that ad slots, share bars and in-story links leave between paragraphs, in our own wording
_BREAKS = ["Advertisement", "Story continues below advertisement", "Continue reading the main story",
           "Read more: Ministers meet again as the talks drag on", "Share this article",
           "Scroll to continue with content", "Watch: Leaders arrive for the summit (2:14)",
           "Click here to subscribe to our newsletter"]


def markdown(text: str, headline: str | None) -> str:
    """The page as a reader service saves it: the headline as a heading, short label lines as a menu of
    links, a link on a name in each long paragraph."""
    out = []
    for ln in text.split("\n"):
        s = ln.strip()
        if headline and s == headline:
            out.append("# " + s)
            headline = None
        elif s and len(s.split()) <= 6 and not s.endswith((".", '"', "”")):
            out.append(f"* [{s}](https://example.org/{len(out)})")
        else:
            m = re.search(r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b", ln) if len(s.split()) > 12 else None
            out.append(ln[:m.start()] + f"[{m[1]}](https://example.org/topic/{len(out)})" + ln[m.end():] if m else ln)
    return "\n".join(out)


def interrupted(text: str) -> str:
    """Every second long paragraph (never the last block) followed by a line of page furniture."""
    blocks = text.split("\n\n")
    out, n = [], 0
    for i, b in enumerate(blocks):
        out.append(b)
        if i + 1 < len(blocks) and len(b.split()) > 25 and len(blocks[i + 1].split()) > 25:
            n += 1
            if n % 2 == 0:
                out.append(_BREAKS[(n // 2) % len(_BREAKS)])
    return "\n\n".join(out)


def dump(text: str) -> str:
    """The page as a text browser dumps it: numbered links on label lines (as list items) and on a name in
    each long paragraph, every block indented and wrapped at 76, the addresses listed at the end."""
    refs: list[str] = []

    def ref(s: str) -> str:
        refs.append(f"https://example.org/{len(refs)}")
        return f"[{len(refs)}]{s}"
    out = []
    for ln in text.split("\n"):
        s = ln.strip()
        if not s:
            out.append("")
        elif len(s.split()) <= 6 and not s.endswith((".", '"', "”")):
            out.append("   * " + ref(s))
        else:
            m = re.search(r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b", s) if len(s.split()) > 12 else None
            s = s[:m.start()] + ref(m[1]) + s[m.end():] if m else s
            out.append(textwrap.fill(s, 76, initial_indent="   ", subsequent_indent="   ", break_on_hyphens=False))
    return "\n".join(out + ["", "References", ""] + [f"  {i + 1}. {u}" for i, u in enumerate(refs)])


def cms_html(text: str, headline: str | None) -> str:
    """The page as a CMS prints it: a menu in <nav>, the headline in <h1> and in the <title> with the
    site's name, paragraphs of prose in <p>, every other line in a <div>, a copyright <footer>."""
    parts = [f"<html><head><title>{html.escape(headline or 'Example News')} | Example News</title></head><body>",
             "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav></header>",
             "<main><article>"]
    for ln in text.split("\n"):
        s = ln.strip()
        if not s:
            continue
        if headline and s == headline:
            parts.append(f"<h1>{html.escape(s)}</h1>")
            headline = None
        elif len(s.split()) >= 12:
            parts.append(f"<p>{html.escape(s)}</p>")
        else:
            parts.append(f"<div class='x'>{html.escape(s)}</div>")
    parts.append("</article></main><footer><p>© 2024 Example News. All rights reserved.</p></footer></body></html>")
    return "\n".join(parts)


_SMALL = frozenset("a an the of and or for in on at to by with from".split())


def title_case(text: str, headline: str | None) -> str:
    """The page with its headline in Title Case, as many outlets print it ("Bush Arrives for State Visit")."""
    if not headline or headline not in text:
        return text
    cased = " ".join(w if k and w.lower() in _SMALL else w[:1].upper() + w[1:] for k, w in enumerate(headline.split()))
    return text.replace(headline, cased, 1)


def shapes(name: str, text: str, headline: str | None = None) -> dict[str, tuple[str, str, str, dict]]:
    """shape -> (file name, content, kind, JSON-line meta) of one page."""
    divs = "".join(f"<div>{html.escape(ln)}</div>\n" for ln in text.split("\n") if ln.strip())
    return {
        "html": (name + ".html", f"<html><head><meta charset='utf-8'></head><body>\n{divs}</body></html>", "html", {}),
        "cms-html": (name + ".html", cms_html(text, headline), "html", {}),
        "packed": (name + ".txt", re.sub(r"\n\s*\n+", "\n", text), "text", {}),
        "wrapped": (name + ".txt", "\n".join(textwrap.fill(ln, 72, break_on_hyphens=False) if len(ln) > 72 else ln
                                             for ln in text.split("\n")), "text", {}),
        # UTF-8 read as Windows-1252 and saved again: "Putinâ€™s", and a lost byte for every closing quote
        "mojibake": (name + ".txt", text.encode("utf-8").decode("cp1252", errors="replace"), "text", {}),
        # a feed's text with its entities left in
        "entities": (name + ".txt", html.escape(text).replace("’", "&#8217;").replace("“", "&#8220;")
                     .replace("”", "&#8221;"), "text", {}),
        "dump": (name + ".txt", dump(text), "text", {}),
        "title-case": (name + ".txt", title_case(text, headline), "text", {}),
        "interrupted": (name + ".txt", interrupted(text), "text", {}),
        "markdown": (name + ".md", markdown(text, headline), "markdown", {}),
        "jsonl": (name + ".jsonl", json.dumps({"id": name, "text": text}), "text", {"body": text}),
    }
