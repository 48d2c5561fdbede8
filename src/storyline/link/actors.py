"""Actors across the corpus: one row per person, place and organisation, whatever the spelling.

Each article names its entities once (``entities.resolve`` already folds "Putin" into
"Vladimir Putin" inside one article); across articles the same referent comes under many
forms. ``build_actors(rows)`` turns the entities of every article into canonical actors,
each with its type, country, roles over time and aliases, by general rules, never a list
of people:

* **persons**: names are compared as folded tokens (accents dropped, romanisation variants
  folded by ``entities.names.fold``: Sergei/Sergey, Şahin/Sahin; honorifics and leading
  titles dropped; hyphens and particles ignored, so "Abdol-Rahimi" is "Abdolrahimi"
  and "Al-Rashid" is "Al Rashid"). A name whose tokens all occur in one longer name, sharing
  its first or last token, is that person ("Luisa Ortega" in "Maria Luisa Ortega", a
  patronymic form, "Faisal Al-Hamad" in the full Arabic name). A shorter form that fits
  several people (a bare surname "Bush" beside George W. Bush and Laura Bush) is decided
  per article, by context: the candidate named in the same article, else the one whose
  role (from the text or the tenure table) fits the article's role and date; undecided, it
  stays its own actor -- two people who share a surname stay two actors.
* **a person's surname typed as an organisation or a place** ("Cheon" ORG beside "Cheon
  Ho-seon" in one article) is that person, unless the name is a known place; in an article
  that names no such person ("the Petrov administration" alone) it is the bearer that the
  rules for a short form decide (role and day, company kept, prominence), else it stays.
* **places**: one actor per country for its names and adjectives ("Japan", "Japanese"),
  and one per place key otherwise: "the", accents, punctuation, island-group and
  administrative words ("Islands", "Prefecture"), a plural "s" and a final vowel are
  dropped, so "Kuril Islands" (GPE or LOC), "Kurile Islands", "Kurils" (typed ORG) are
  one place; an ORG-typed place name (a capital as a metonym, "Tokyo said") joins the place.
* **organisations and outlets**: one per folded name ("U.N." = "UN" = "United Nations"),
  an acronym joining the one multi-word name whose initials it is ("APEC").

The measure behind it (``duplicate_actor_rows``, the checker, over ``storyline actors --json`` on a
store of samples + seeds + devreal, 59 articles; ``tests/link/test_actors.py`` runs it): before
this module 413 rows, 34 of them duplicates (14 partial person names, 5 surnames typed ORG/place,
15 places under several types or spellings); after, 347 rows and none. Linking figures did not
move (link B³ F1 seeds 1.000, samples 0.917, devreal 1.000).

The cost is linear in the entity rows, plus one pass per distinct name (measured: 800,000
entity rows of 100,000 synthetic articles, 9,100 actors and 41,000 per-article decisions in
17 s of CPU); the store keeps the
result in ``actors``, ``actor_aliases`` (every form -> its actor) and ``actor_resolutions``
(the forms decided per article), rebuilt after each linking run (``store.events.save_actors``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..dates import DateValue
from ..entities.holders import tenure_rows

PERSON = "PERSON"
PLACE_TYPES = ("GPE", "LOC", "FAC")
ORG_TYPES = ("ORG", "OUTLET")
# when a place comes under several types, the first of these wins a tie
_TYPE_ORDER = {"PERSON": 0, "GPE": 1, "LOC": 2, "FAC": 3, "ORG": 4, "OUTLET": 5, "NORP": 6}

# Words that say what kind of place a name is, not which: "Kuril Islands" is "Kuril".
PLACE_GENERIC = frozenset({"islands", "island", "isles", "isle", "archipelago", "prefecture", "province",
                           "oblast", "krai", "county", "region", "republic"})
# Words that name a part of a place: "the southern Kurils" lie inside "the Kurils".
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper",
                        "lower", "central", "northeastern", "northwestern", "southeastern", "southwestern"})
# Name particles that are written joined or apart ("Al-Rashid", "Al Rashid", "bin", "van der").
PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "bin", "ibn", "bint", "abu", "de", "del", "della", "van", "von",
                       "der", "den", "da", "di", "du", "le", "la", "ben"})
# Words of honour and address before a name that are not part of it.
HONOURS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "mister", "sheikh",
                     "sheik", "amir", "emir", "his", "her", "majesty", "highness", "excellency", "hrh", "pm",
                     "king", "queen", "prince", "princess", "president", "premier", "chancellor", "minister",
                     "prime", "foreign", "secretary", "general", "ayatollah", "imam", "crown", "gen", "col"})
# A short name that fits several people goes to the one whose other articles share at least
# CONTEXT_MIN of this article's entities, and twice as many as any other candidate's
# (each candidate's CONTEXT_ARTICLES latest articles are read).
CONTEXT_MIN = 2
CONTEXT_ARTICLES = 200
PROMINENT = 2
_ORG_STOP = frozenset({"of", "the", "and", "for", "on", "in", "de", "des", "du"})
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(slots=True)
class EntityRow:
    """One entity of one article, as linking reads it (OUTPUT.md ``entities``)."""

    article_id: str
    name: str
    type: str
    published: dt.date | None = None
    country: str | None = None
    role: str | None = None
    mentions: int = 1
    span: tuple[dt.date, dt.date] | None = None     # the days a partial publication date can mean ("2020")


@dataclass
class Actor:
    """One person, place or organisation across the corpus."""

    actor_id: str
    name: str
    type: str
    country: str | None
    countries: list[str]
    aliases: list[str]                        # every other form it is named by
    roles: list[dict[str, Any]]               # {"role", "first", "last", "articles"} from the text; tenures too
    n_articles: int
    n_mentions: int
    n_events: int = 0
    part_of: str | None = None                # a place inside another ("southern Kurils" in "Kurils")

    def to_row(self) -> dict[str, Any]:
        return {"actor_id": self.actor_id, "name": self.name, "type": self.type, "country": self.country,
                "countries": self.countries, "aliases": self.aliases,
                "roles": json.dumps(self.roles, ensure_ascii=False), "n_articles": self.n_articles,
                "n_mentions": self.n_mentions, "n_events": self.n_events, "part_of": self.part_of}


@dataclass
class ActorTable:
    """The actors of a corpus and how each written form maps to them."""

    actors: dict[str, Actor]
    aliases: dict[tuple[str, str], str]                   # (name, type) -> actor id (where not decided per article)
    resolutions: dict[tuple[str, str, str], str] = field(default_factory=dict)   # (article, name, type) -> actor id

    def actor_of(self, article_id: str, name: str, type_: str) -> str | None:
        return self.resolutions.get((article_id, name, type_)) or self.aliases.get((name, type_))

    def actor_of_name(self, article_id: str, name: str) -> str | None:
        """The actor an article means by ``name`` whatever its entity type (an event side names no type)."""
        for t in _TYPE_ORDER:
            a = self.actor_of(article_id, name, t)
            if a:
                return a
        return None


# ---------------------------------------------------------------------- folding names

def _ascii(text: str) -> str:
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def person_tokens(name: str) -> tuple[str, ...]:
    """Folded tokens of a person's name: no honorifics or titles in front, hyphens split,
    particles glued to the next token ("al thani" -> "althani")."""
    from ..entities.names import fold

    raw = [t.casefold() for t in _TOKEN.findall(_ascii(name.replace("’", "'").split("'s ")[0]))]
    while len(raw) > 1 and raw[0] in HONOURS:
        raw = raw[1:]
    out: list[str] = []
    glue = ""
    for t in raw:
        if t in PARTICLES and not glue:
            glue = t
            continue
        out.append(fold(glue + t))
        glue = ""
    if glue:
        out.append(fold(glue))
    return tuple(t for t in out if t)


def person_key(name: str) -> str:
    """Equal for the spellings of one full name ("Kim Jong-Il", "Kim Jong Il"; "Abdol-Rahimi", "Abdolrahimi")."""
    return "".join(person_tokens(name))


@lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    """Equal for the forms of one place: "the Kuril Islands", "Kurils", "Kurile Islands"; "St. Petersburg", "St Petersburg"."""
    tokens = [t.casefold() for t in _TOKEN.findall(_ascii(name.split(",")[0]))]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    core = [t for t in tokens if t not in PLACE_GENERIC] or tokens
    key = "".join(core)
    if len(key) > 4 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]
    while len(key) > 4 and key[-1] in "aeiouy":
        key = key[:-1]
    return key


@lru_cache(maxsize=65536)
def org_key(name: str) -> str:
    """Equal for the forms of one organisation: "U.N. Security Council", "UN Security Council",
    "United Nations Security Council"; "Tass", "TASS"."""
    text = _ascii(name).replace(".", "")
    tokens = [t.casefold() for t in _TOKEN.findall(text)]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    out: list[str] = []
    for t in tokens:
        out += ["united", "nations"] if t == "un" else [t]
    return " ".join(out)


def _initials(key: str) -> str:
    return "".join(t[0] for t in key.split() if t not in _ORG_STOP)


def fold_alias(name: str) -> str:
    """A written form as filters compare it: lower case, no accents, single spaces."""
    return " ".join(_ascii(name).casefold().split())


def count_events(table: ActorTable, sides: Iterable[tuple[str, str | None, str | None, str]]) -> None:
    """Set each actor's ``n_events``: the corpus events whose reports name it as a side
    (``sides``: article id, source name, target name, event id per report)."""
    events: dict[str, set[str]] = defaultdict(set)
    for aid, src, tgt, eid in sides:
        for name in (src, tgt):
            actor = table.actor_of_name(aid, name) if name else None
            if actor:
                events[actor].add(eid)
    for actor_id, a in table.actors.items():
        a.n_events = len(events.get(actor_id, ()))


def actor_id_of(kind: str, key: str) -> str:
    return "ac-" + hashlib.sha1(f"{kind}:{key}".encode("utf-8")).hexdigest()[:12]


# ---------------------------------------------------------------------- what the corpus says of each form

@dataclass
class _Form:
    """One written form (name, type) across the corpus."""

    name: str
    type: str
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    countries: Counter[str] = field(default_factory=Counter)
    roles: dict[str, list[Any]] = field(default_factory=dict)       # role -> [first, last, articles]
    dates: dict[str, dt.date | None] = field(default_factory=dict)   # article -> published
    spans: dict[str, tuple[dt.date, dt.date] | None] = field(default_factory=dict)   # ... when only partly known

    def add(self, r: EntityRow) -> None:
        if r.article_id not in self.articles:
            self.articles.add(r.article_id)
            self.dates[r.article_id] = r.published
            self.spans[r.article_id] = r.span
        self.mentions += max(1, int(r.mentions or 1))
        if r.country:
            self.countries[r.country] += 1
        if r.role:
            entry = self.roles.setdefault(r.role, [r.published, r.published, 0])
            entry[2] += 1
            if r.published:
                entry[0] = r.published if entry[0] is None else min(entry[0], r.published)
                entry[1] = r.published if entry[1] is None else max(entry[1], r.published)

    @property
    def country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _subseq_ok(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """All tokens of ``short`` inside ``long`` (as a multiset), sharing its first or last token."""
    if len(short) >= len(long) or not short:
        return False
    need = Counter(short)
    have = Counter(long)
    if any(have[t] < n for t, n in need.items()):
        return False
    return short[0] == long[0] or short[-1] == long[-1]


def _countries_clash(a: str | None, b: str | None) -> bool:
    return bool(a and b and a != b)


@lru_cache(maxsize=1)
def _tenures() -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in tenure_rows():
        out[person_key(t["name"])].append(t)
    return dict(out)


def _tenure_fits(key: str, role: str | None, day: dt.date | None,
                 span: tuple[dt.date, dt.date] | None = None) -> bool:
    """Whether the tenure table has the person of ``key`` in an office titled like ``role`` on ``day``
    (or, when only a span of days is known, on every day of it)."""
    if day is not None:
        lo = hi = day.isoformat()
    elif span is not None:
        lo, hi = span[0].isoformat(), span[1].isoformat()
    else:
        return False
    for t in _tenures().get(key, ()):
        titles = [s.casefold() for s in t.get("titles") or []]
        if role and titles and not any(s in role.casefold() for s in titles):
            continue
        if (t.get("start") or "") <= lo and (t.get("end") is None or hi <= t["end"]):
            return True
    return False


def published_span(value: object) -> tuple[dt.date, dt.date] | None:
    """The days a partial publication date can mean (``2020``, ``2016-05``, a span ``2018/2020``)."""
    if not isinstance(value, str):
        return None
    ends = [DateValue.parse(v) for v in value.split("/", 1)]
    bounds = [b.bounds() if b else None for b in ends]
    if not all(bounds):
        return None
    return bounds[0][0], bounds[-1][1]      # type: ignore[index]


# ---------------------------------------------------------------------- building

def _gazetteer() -> Any:
    from ..entities.geo import gazetteer

    return gazetteer()


def _country_code(name: str, type_: str) -> str | None:
    g = _gazetteer()
    if type_ == "NORP":
        return g.demonym(name) or g.country(name)
    return g.country(name)


def _known_place(name: str) -> bool:
    g = _gazetteer()
    return bool(g.country(name) or g.city(name) or g.demonym(name))


def build_actors(rows: Iterable[EntityRow]) -> ActorTable:
    """Canonical actors of a corpus from the entities of its articles (see the module docstring)."""
    forms: dict[tuple[str, str], _Form] = {}
    by_article: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        if not r.name or not r.name.strip() or not r.type:
            continue
        k = (r.name, r.type)
        f = forms.get(k)
        if f is None:
            f = forms[k] = _Form(r.name, r.type)
        if r.article_id not in f.articles:
            by_article[r.article_id].append(k)
        f.add(r)

    union = _Union()
    kind_key: dict[tuple[str, str], tuple[str, str]] = {}     # form -> (kind, key) of its first group
    resolutions: dict[tuple[str, str, str], tuple[str, str]] = {}

    # --- persons: full names grouped by key, then shorter forms into the one longer name that holds them
    persons = {k: f for k, f in forms.items() if f.type == PERSON and person_tokens(f.name)
               and not (len(person_tokens(f.name)) == 1 and person_tokens(f.name)[0] in HONOURS)}
    person_keys = {person_key(k[0]) for k in persons if len(person_tokens(k[0])) >= 2}
    typed_surnames: dict[tuple[str, str], set[str]] = {}
    orphans: dict[tuple[str, str], set[str]] = {}
    for k, f in forms.items():
        if k in persons or f.type in ("NORP", "OUTLET") or _known_place(f.name):
            continue
        tok = person_tokens(f.name)
        if len(tok) >= 2 and person_key(f.name) in person_keys:
            persons[k] = f              # a person's full name typed ORG/GPE ("PM Ivan Petrov", "Ivan) Petrov")
        elif len(tok) == 1 and len(_plain_tokens(f.name)) == 1:
            hosts = {a for a in f.articles
                     if any(o[1] == PERSON and o != k and tok[0] in person_tokens(o[0]) for o in by_article[a])}
            if hosts and hosts == f.articles:
                persons[k] = f          # a surname typed ORG/GPE in articles that name the person
            elif hosts:
                typed_surnames[k] = hosts   # ... in some of its articles: decided there
            if f.articles - hosts:
                orphans[k] = f.articles - hosts   # ... in articles that name no such person: by context
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in persons:
        groups[person_key(k[0])].append(k)
    gtokens = {g: max((person_tokens(k[0]) for k in ks), key=len) for g, ks in groups.items()}
    gcountry: dict[str, str | None] = {}
    for g, ks in groups.items():
        c: Counter[str] = Counter()
        for k in ks:
            c.update(persons[k].countries)
        gcountry[g] = c.most_common(1)[0][0] if c else None
    for g in groups:
        union.find(("person", g))
    by_token: dict[str, list[str]] = defaultdict(list)
    for g in groups:
        if len(gtokens[g]) >= 2:
            for t in set(gtokens[g]):
                by_token[t].append(g)
    ambiguous: dict[str, list[str]] = {}
    for g in sorted(groups, key=lambda g: (-len(gtokens[g]), g)):      # longer names settle first
        toks = gtokens[g]
        owners = sorted(o for o in by_token.get(toks[0], ()) if o != g and _subseq_ok(toks, gtokens[o])
                        and not _countries_clash(gcountry[g], gcountry[o]))
        if not owners:
            continue
        roots = {union.find(("person", o)) for o in owners}
        if len(roots) == 1:
            union.union(("person", g), next(iter(roots)))
        else:
            ambiguous[g] = owners
    for g, ks in groups.items():
        for k in ks:
            kind_key[k] = ("person", g)

    # per-article decisions for the forms that fit several people
    root_groups: dict[Any, list[str]] = defaultdict(list)
    for g in groups:
        root_groups[union.find(("person", g))].append(g)
    ctx = _Context(by_article, persons, groups, root_groups, set(ambiguous))
    for g, owners in ambiguous.items():
        for k in groups[g]:
            f = persons[k]
            for aid in sorted(f.articles):
                choice = _decide(aid, f, owners, by_article, persons, ctx, union)
                if choice is not None:
                    resolutions[(aid, k[0], k[1])] = ("person", choice)

    for k, hosts in typed_surnames.items():
        surname = person_tokens(k[0])[0]
        for aid in sorted(hosts):
            here = {union.find(("person", person_key(n))) for n, t in by_article[aid]
                    if t == PERSON and (n, t) in persons and surname in person_tokens(n)}
            if len(here) == 1:
                resolutions[(aid, k[0], k[1])] = next(iter(here))
                continue
            # two bearers named here (a president and his wife): the one the corpus names far more
            # often, as for a bare person surname (``_decide``)
            counts = sorted(((len(ctx.articles(r)), str(r), r) for r in here), key=lambda x: (-x[0], x[1]))
            runner_up = counts[1][0] if len(counts) > 1 else 0
            if counts and counts[0][0] >= 2 and counts[0][0] >= PROMINENT * runner_up:
                resolutions[(aid, k[0], k[1])] = counts[0][2]

    # a surname typed ORG/GPE where no person of that name is named ("the X administration"): the
    # bearer that the article's role, day or company, or the corpus's prominence decides (``_decide``)
    for k, aids in orphans.items():
        if k in persons:
            continue
        word = person_tokens(k[0])[0]
        owners = sorted(g for g in by_token.get(word, ()) if word in (gtokens[g][0], gtokens[g][-1]))
        for aid in sorted(aids):
            choice = _decide(aid, forms[k], owners, by_article, persons, ctx, union) if owners else None
            if choice is not None:
                resolutions[(aid, k[0], k[1])] = ("person", choice)

    # --- places: countries by code (names and adjectives), other places by key; ORG forms of a known place join
    place_groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k, f in forms.items():
        if k in kind_key:
            continue
        if f.type in PLACE_TYPES or f.type in ("NORP", "ORG"):
            code = _country_code(f.name, f.type)
            if code:
                place_groups["country:" + code].append(k)
                continue
        if f.type in PLACE_TYPES:
            pk = place_key(f.name)
            if pk:
                place_groups["place:" + pk].append(k)
    for k, f in forms.items():      # ORG-typed forms of a place that the corpus or the gazetteer knows
        if k in kind_key or f.type != "ORG" or _country_code(f.name, f.type):
            continue
        pk = place_key(f.name)
        if pk and ("place:" + pk in place_groups or _gazetteer().city(f.name)):
            place_groups["place:" + pk].append(k)
    for key, ks in place_groups.items():
        for k in ks:
            kind_key[k] = ("place", key)

    # --- organisations and outlets (and whatever is left: NORP, EVENT, ...)
    org_groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k, f in forms.items():
        if k in kind_key:
            continue
        if f.type in ORG_TYPES:
            org_groups["org:" + org_key(f.name)].append(k)
        else:
            org_groups[f"{f.type.lower()}:{org_key(f.name)}"].append(k)
    multiword = defaultdict(list)
    for key in org_groups:
        if key.startswith("org:") and " " in key[4:]:
            multiword[_initials(key[4:])].append(key)
    for key, ks in list(org_groups.items()):
        word = key[4:]
        if key.startswith("org:") and " " not in word and len(word) >= 2 and all(k[0].replace(".", "").isupper()
                                                                               for k in ks):
            owners = multiword.get(word, [])
            if len(owners) == 1:
                union.union(("org", key), ("org", owners[0]))
        for k in ks:
            kind_key[k] = ("org", key)

    return _assemble(forms, kind_key, union, resolutions)


class _Context:
    """What the corpus says of each candidate person (a union root), computed once per root:
    the forms of its other articles' entities, and in how many articles it is named."""

    def __init__(self, by_article: dict[str, list[tuple[str, str]]], persons: dict[tuple[str, str], _Form],
                 groups: dict[str, list[tuple[str, str]]], root_groups: dict[Any, list[str]], skip: set[str]):
        self.by_article, self.persons, self.groups, self.root_groups = by_article, persons, groups, root_groups
        self.skip = skip            # groups whose forms are being decided: they say nothing of a candidate
        self._names: dict[Any, set[str]] = {}
        self._articles: dict[Any, set[str]] = {}

    def articles(self, root: Any) -> set[str]:
        got = self._articles.get(root)
        if got is None:
            got = set()
            for g in self.root_groups[root]:
                if g not in self.skip:
                    for k in self.groups[g]:
                        got |= self.persons[k].articles
            self._articles[root] = got
        return got

    def names(self, root: Any, besides: str) -> set[str]:
        """What the candidate's other articles name: the article being decided says nothing of
        who the candidate is (else a candidate named only there would always keep its company)."""
        key = (root, besides)
        got = self._names.get(key)
        if got is None:
            got = set()
            for other in [a for a in sorted(self.articles(root)) if a != besides][-CONTEXT_ARTICLES:]:
                got.update(n for n, _ in self.by_article.get(other, ()))
            self._names[key] = got
        return got

    def roles(self, root: Any) -> set[str]:
        return {r for g in self.root_groups[root] if g not in self.skip for k in self.groups[g]
                for r in self.persons[k].roles}


def _decide(aid: str, f: _Form, owners: list[str], by_article: dict[str, list[tuple[str, str]]],
            persons: dict[tuple[str, str], _Form], ctx: _Context, union: _Union) -> str | None:
    """Which of ``owners`` (person groups) an article means by the short form ``f``, or None:
    the one whose tenure fits the title the article gives it and the day, else the one named
    in the same article, else the one whose tenure fits the day, else the one the corpus names
    with the same role, else the one whose other articles name what this article names, else
    the one the corpus names far more often. A title read against the tenure table comes
    first: an article naming "President X" beside his wife "Y X" in full means him by "X"."""
    by_root: dict[Any, str] = {}
    for o in owners:
        by_root.setdefault(union.find(("person", o)), o)
    day, span = f.dates.get(aid), f.spans.get(aid)
    role = next(iter(f.roles), None)
    fits = [r for r in by_root if any(_tenure_fits(g, role, day, span) for g in ctx.root_groups[r])]
    if role and len(fits) == 1:
        return by_root[fits[0]]
    here = {union.find(("person", person_key(n))) for n, t in by_article.get(aid, ())
            if (n, t) in persons and n != f.name}
    present = [r for r in by_root if r in here]
    if len(present) == 1:
        return by_root[present[0]]
    if len(fits) == 1:
        return by_root[fits[0]]
    if role:
        same = [r for r in by_root if role in ctx.roles(r)]
        if len(same) == 1:
            return by_root[same[0]]
    # the company it keeps: the candidate whose other articles name most of what this article names
    mine = {n for n, _ in by_article.get(aid, ()) if n != f.name}
    overlap = sorted(((len(mine & ctx.names(r, aid)), r) for r in by_root), key=lambda x: -x[0])
    if overlap and overlap[0][0] >= CONTEXT_MIN and (len(overlap) == 1 or overlap[0][0] >= 2 * overlap[1][0]):
        return by_root[overlap[0][1]]
    # nothing in the article decides: the bearer the corpus names far more often (a bare "Petrov" in
    # the news is the minister, not his wife): named in PROMINENT times as many articles as the next
    counts = sorted(((len(ctx.articles(r)), r) for r in by_root), key=lambda x: -x[0])
    runner_up = counts[1][0] if len(counts) > 1 else 0
    if counts and counts[0][0] >= 2 and counts[0][0] >= PROMINENT * runner_up:
        return by_root[counts[0][1]]
    return None


def _assemble(forms: dict[tuple[str, str], _Form], kind_key: dict[tuple[str, str], tuple[str, str]], union: _Union,
              resolutions: dict[tuple[str, str, str], tuple[str, str]]) -> ActorTable:
    # the forms that make up each actor, each with the articles it stands for that actor in
    members: dict[Any, list[tuple[tuple[str, str], set[str]]]] = defaultdict(list)
    moved: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    for (aid, name, type_), target in resolutions.items():
        moved[(name, type_)][aid] = union.find(target)
    for k, f in forms.items():
        rest = f.articles - set(moved.get(k, ()))
        if rest:
            members[union.find(kind_key[k])].append((k, rest))
        by_root: dict[Any, set[str]] = defaultdict(set)
        for aid, root in moved.get(k, {}).items():
            by_root[root].add(aid)
        for root, aids in by_root.items():
            members[root].append((k, aids))

    actors: dict[str, Actor] = {}
    aliases: dict[tuple[str, str], str] = {}
    res: dict[tuple[str, str, str], str] = {}
    for root in sorted(members):
        parts = members[root]
        kind = root[0]
        names: Counter[str] = Counter()
        types: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        roles: dict[str, list[Any]] = {}
        articles: set[str] = set()
        mentions = 0
        for (name, type_), aids in parts:
            f = forms[(name, type_)]
            names[name] += len(aids)
            types[type_] += len(aids)
            articles |= aids
            mentions += round(f.mentions * len(aids) / max(1, len(f.articles)))
            countries.update(f.countries)
            for role, (first, last, cnt) in f.roles.items():
                cur = roles.setdefault(role, [first, last, 0])
                cur[2] += cnt
                if first and (cur[0] is None or first < cur[0]):
                    cur[0] = first
                if last and (cur[1] is None or last > cur[1]):
                    cur[1] = last
        display = _display(names, kind, root[1])
        code = root[1][8:] if kind == "place" and root[1].startswith("country:") else None
        country = code or (countries.most_common(1)[0][0] if countries else None)
        role_list = [{"role": r, "first": _iso(v[0]), "last": _iso(v[1]), "articles": v[2], "source": "text"}
                     for r, v in sorted(roles.items(), key=lambda kv: (_iso(kv[1][0]) or "", kv[0]))]
        if kind == "person":
            for t in _tenures().get(person_key(display), ()):
                role_list.append({"role": t.get("office"), "first": t.get("start"), "last": t.get("end"),
                                  "source": "tenures"})
        actor_id = actor_id_of(kind, root[1])
        actors[actor_id] = Actor(actor_id=actor_id, name=display, type=_type_of(kind, types, code),
                                 country=country, countries=sorted(set(countries) | ({code} if code else set())),
                                 aliases=sorted(n for n in names if n != display), roles=role_list,
                                 n_articles=len(articles), n_mentions=mentions)
    for k, f in forms.items():
        decided = moved.get(k, {})
        for aid, root in decided.items():
            res[(aid, k[0], k[1])] = actor_id_of(*root)
        if f.articles - set(decided):
            aliases[k] = actor_id_of(*union.find(kind_key[k]))
        elif decided:
            aliases[k] = actor_id_of(*Counter(decided.values()).most_common(1)[0][0])
    _parts_of_places(actors)
    return ActorTable(actors, aliases, res)


def _parts_of_places(actors: dict[str, Actor]) -> None:
    """A place named as a part of another ("Southern Kurils", "the northern Aleutians") is
    ``part_of`` it: kept apart, never merged ("South Korea" is a country, not Korea)."""
    by_key = {place_key(a.name): a.actor_id for a in actors.values() if a.type in PLACE_TYPES}
    for a in actors.values():
        if a.type not in PLACE_TYPES or a.country and _gazetteer().country(a.name):
            continue
        words = _plain_tokens(a.name)
        if words and words[0] == "the":
            words = words[1:]
        if len(words) >= 2 and words[0] in DIRECTIONS:
            whole = by_key.get(place_key(" ".join(words[1:])))
            if whole and whole != a.actor_id:
                a.part_of = whole


def _type_of(kind: str, types: Counter[str], country_code: str | None) -> str:
    if kind == "person":
        return PERSON
    if kind == "place":
        if country_code:
            return "GPE"
        placed = [t for t in types if t in PLACE_TYPES]
        if placed:
            return max(placed, key=lambda t: (types[t], -_TYPE_ORDER[t]))
        return "GPE"
    return max(types, key=lambda t: (types[t], -_TYPE_ORDER.get(t, 9)))


def _display(names: Counter[str], kind: str, key: str) -> str:
    """The form an actor is listed under: for a country its short name, else the form most used,
    the fullest among those (a person's full name over a bare surname), accents kept."""
    if kind == "place" and key.startswith("country:"):
        return _gazetteer().name_of(key[8:])
    if kind == "person":
        return max(names, key=lambda n: (len(person_tokens(n)) >= 2, _clean_form(n), names[n], not n.isascii(),
                                         len(n), n))
    return max(names, key=lambda n: (names[n], not n.isupper() or kind == "org", len(n), n))


def _clean_form(name: str) -> bool:
    """A name as written in running text: no stray brackets, no title or honour in front."""
    words = _plain_tokens(name)
    return bool(_CLEAN.fullmatch(name)) and bool(words) and words[0] not in HONOURS


_CLEAN = re.compile(r"[\w.'’ -]+")


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if isinstance(d, dt.date) else d


def rows_of_records(records: Iterable[dict[str, Any]]) -> list[EntityRow]:
    """Entity rows of article records (OUTPUT.md dicts)."""
    from .dates import day

    out = []
    for rec in records:
        pub = rec.get("published")
        value = pub.get("date") if isinstance(pub, dict) else pub
        published = day(value)
        span = None if published else published_span(value)
        for e in rec.get("entities") or []:
            if isinstance(e, dict) and e.get("name") and e.get("type"):
                out.append(EntityRow(str(rec.get("id") or ""), str(e["name"]), str(e["type"]), published,
                                     e.get("country"), e.get("role"), len(e.get("mentions") or []) or 1, span))
    return out


# ---------------------------------------------------------------------- the checker

def duplicate_actor_rows(items: Iterable[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """Rows of an actor list (``storyline actors --json`` items) that look like one referent listed twice:
    ``("partial-name", a, b)`` a person whose name's words all occur in another person's name;
    ``("surname-typed", a, b)`` a person's surname listed as an organisation or place;
    ``("place-forms", a, b)`` one place under several types or spellings (plural, diacritics, "Islands")."""
    items = [i for i in items if i.get("name")]
    out: list[tuple[str, str, str]] = []
    people = [i for i in items if i.get("type") == PERSON                     # a bare title ("Amir") names no one
              and not all(t in HONOURS for t in _plain_tokens(i["name"]))]
    toks = {id(p): set(_plain_tokens(p["name"])) for p in people}
    for a in people:
        for b in people:
            if a is b or not toks[id(a)] or len(toks[id(a)]) >= len(toks[id(b)]):
                continue
            if toks[id(a)] <= toks[id(b)]:
                out.append(("partial-name", a["name"], b["name"]))
    surnames = {t: p["name"] for p in people if len(_plain_tokens(p["name"])) >= 2
                for t in (_plain_tokens(p["name"])[0], _plain_tokens(p["name"])[-1])}
    for i in items:
        if i.get("type") in ("ORG", "GPE", "LOC", "FAC", "NORP"):
            t = _plain_tokens(i["name"])
            if len(t) == 1 and t[0] in surnames and not _known_place(i["name"]):
                out.append(("surname-typed", i["name"], surnames[t[0]]))
    seen: dict[str, dict[str, Any]] = {}
    for i in items:
        if i.get("type") not in ("GPE", "LOC", "FAC", "ORG"):
            continue
        k = place_key(i["name"])
        if not k:
            continue
        if k in seen and (seen[k]["type"] != i["type"] or seen[k]["name"] != i["name"]):
            if i.get("type") != "ORG" or seen[k]["type"] != "ORG":
                out.append(("place-forms", seen[k]["name"] + "/" + seen[k]["type"], i["name"] + "/" + i["type"]))
        else:
            seen.setdefault(k, i)
    return out


def _plain_tokens(name: str) -> tuple[str, ...]:
    return tuple(t.casefold() for t in _TOKEN.findall(_ascii(name)))
