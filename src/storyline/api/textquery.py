"""Search with a query language: "phrases", AND, OR, NOT (or -word) and parentheses.

``search(db, q)`` answers a plain list of words with BM25 (``queries.search``: any of
the words, best first). A query that uses the language — a quoted phrase, an upper-case
``AND``/``OR``/``NOT``, a leading ``-`` or parentheses — is evaluated exactly: words next
to each other must all occur (implicit AND), a word matches any word it begins
(``visit`` finds "visits", "visited"), a phrase matches its words in order with only
spaces or punctuation between them, matching ignores case. The store is read in two
steps: a SQL filter with ILIKE that can only let too much through (each word as a
substring; ``NOT`` lets everything through), then the exact test in Python with
Unicode word boundaries (DuckDB's RE2 ``\\b`` is ASCII-only: a Cyrillic name would never
match). Hits are ranked by how often the positive terms occur (a headline hit counts
three times) and carry a snippet around the first hit with every hit marked, in the
same shape as BM25 results. The parser forgives: a dangling operator or an unbalanced
parenthesis is ignored, a query that only excludes (``NOT Abe``) lists every article
without the word, and one of operators alone is searched as words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Union

from ..errors import UsageError
from . import queries
from .db import reading
from .search import window

MAX_QUERY = 200
MAX_TERMS = 16
_TOKEN = re.compile(r'"([^"]*)"?|(\()|(\))|(-?)([\w][\w\'’.-]*\w|\w)', re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
_OPS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]          # lower-cased; more than one: a phrase

    def pattern(self) -> str:
        *head, last = (re.escape(w) for w in self.words)
        sep = r"[\W_]+"
        if head:
            return r"\b" + sep.join([*head, last]) + r"\b"
        return r"\b" + last + r"\w*"


@dataclass(frozen=True)
class Not:
    child: "Node"


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


Node = Union[Term, Not, And, Or]


def uses_syntax(q: str) -> bool:
    """True when ``q`` asks for more than "any of these words"."""
    return bool(re.search(r'["()]|(^|\s)-\w|\b(AND|OR|NOT)\b', q))


def _tokens(q: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for m in _TOKEN.finditer(q):
        phrase, lp, rp, minus, word = m.groups()
        if phrase is not None:
            words = tuple(w.lower() for w in _WORD.findall(phrase))
            if words:
                out.append(("term", Term(words)))
        elif lp:
            out.append(("(", None))
        elif rp:
            out.append((")", None))
        elif word in _OPS:
            out.append((word, None))
        else:
            words = tuple(w.lower() for w in _WORD.findall(word))
            if not words:
                continue
            if minus:
                out.append(("NOT", None))
            out.append(("term", Term(words)))
    return out


def parse(q: str) -> Node:
    """The query as a tree; UsageError says what is wrong with it."""
    toks = _tokens(q)
    if not any(t[0] == "term" for t in toks):
        raise UsageError(f"the search query {q!r} has no words to look for")
    if sum(1 for t in toks if t[0] == "term") > MAX_TERMS:
        raise UsageError(f"the search query has more than {MAX_TERMS} words or phrases; shorten it")
    pos = 0

    def peek() -> str | None:
        return toks[pos][0] if pos < len(toks) else None

    def take() -> tuple[str, Any]:
        nonlocal pos
        pos += 1
        return toks[pos - 1]

    def or_expr() -> Node | None:
        parts = [and_expr()]
        while peek() == "OR":
            take()
            parts.append(and_expr())
        kept = [p for p in parts if p is not None]
        return None if not kept else kept[0] if len(kept) == 1 else Or(tuple(kept))

    def and_expr() -> Node | None:
        parts = [unary()]
        while peek() not in (None, "OR", ")"):
            if peek() == "AND":
                take()
            parts.append(unary())
        kept = [p for p in parts if p is not None]
        return None if not kept else kept[0] if len(kept) == 1 else And(tuple(kept))

    def unary() -> Node | None:
        kind = peek()
        if kind == "NOT":
            take()
            inner = unary()
            return Not(inner) if inner is not None else None
        if kind == "(":
            take()
            group = or_expr()
            if peek() == ")":
                take()
            return group
        if kind == "term":
            return take()[1]
        if kind is not None:        # a dangling AND/OR or a stray ')': skip it
            take()
        return None

    parts: list[Node] = []
    while pos < len(toks):
        node = or_expr()
        if node is not None:
            parts.append(node)
        if pos < len(toks) and peek() in (")", "OR", "AND"):
            take()
    if not parts:
        raise UsageError(f"the search query {q!r} has no words to look for")
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def _positive(node: Node) -> list[Term]:
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return []
    return [t for c in node.children for t in _positive(c)]


def _prefilter(node: Node, params: list[str]) -> str:
    """SQL that holds for every document the query matches (and maybe more)."""
    if isinstance(node, Term):
        params.extend(_like(w) for w in node.words)
        return "(" + " AND ".join(["blob ILIKE ? ESCAPE '\\'"] * len(node.words)) + ")"
    if isinstance(node, Not):
        return "TRUE"
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(_prefilter(c, params) for c in node.children) + ")"


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def matches(node: Node, text: str) -> bool:
    """Whether ``text`` satisfies the query tree."""
    if isinstance(node, Term):
        return re.search(node.pattern(), text, re.IGNORECASE) is not None
    if isinstance(node, Not):
        return not matches(node.child, text)
    if isinstance(node, And):
        return all(matches(c, text) for c in node.children)
    return any(matches(c, text) for c in node.children)


def _hits(terms: list[Term]) -> re.Pattern[str]:
    ordered = sorted({t.pattern() for t in terms}, key=len, reverse=True)
    return re.compile("|".join(f"(?:{p})" for p in ordered), re.IGNORECASE)


def snippet(text: str, terms: list[Term], width: int = 240) -> dict[str, Any]:
    """A window of ``text`` around the first hit, with the offsets of every hit in it."""
    return window(text, _hits(terms) if terms else None, width)


def search(db: Any, q: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Articles matching ``q`` (see the module docstring), best first, with snippets."""
    q = (q or "").strip()
    if not uses_syntax(q) or not any(t[0] == "term" for t in _tokens(q)):
        return queries.search(db, q, limit=limit, offset=offset)
    if not 1 <= limit <= queries.MAX_LIMIT or offset < 0:
        raise UsageError(f"limit must be between 1 and {queries.MAX_LIMIT} and offset 0 or more")
    if len(q) > MAX_QUERY:
        raise UsageError(f"the search query is {len(q)} characters; at most {MAX_QUERY}")
    tree = parse(q)
    terms = _positive(tree)
    params: list[str] = []
    cond = _prefilter(tree, params)
    sql = ("SELECT id, path, source, headline, published_date, text FROM (SELECT *, coalesce(headline, '') || "
           f"chr(10) || coalesce(lead, '') || chr(10) || text AS blob FROM articles) WHERE {cond}")
    hit = _hits(terms) if terms else None
    scored = []
    with reading(db) as con:
        for aid, path, source, headline, published, text in con.execute(sql, params).fetchall():
            if not matches(tree, f"{headline or ''}\n{text}"):
                continue
            score = 3 * len(hit.findall(headline or "")) + len(hit.findall(text)) if hit else 0
            scored.append((-score, published or "", aid, path, source, headline, published, text))
    scored.sort(key=lambda r: (r[0], r[2]))
    items = [{"id": aid, "path": path, "source": source, "headline": headline, "published": published,
              "score": float(-neg), "snippet": snippet(text, terms)}
             for neg, _, aid, path, source, headline, published, text in scored[offset:offset + limit]]
    return {"q": q, "backend": "query", "total": len(scored), "limit": limit, "offset": offset, "items": items}
