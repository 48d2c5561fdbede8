"""Resolve mention candidates into one ``Entity`` per referent.

People: full names are clustered by surname and compatible given names; short
forms ("Petrov"), surnames the model mislabels ("Tanaka" as ORG) and definite
descriptions ("the Japanese prime minister", "the press secretary") join the
person they fit. Roles and countries come from the titles around the names;
"his Japanese counterpart" borrows the role of the person named before it; a
title with no nationality, in an article datelined from a capital, is the
local office-holder's. Everything else is grouped by name or by country.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Article, Entity
from .docview import view_of
from .geo import Gazetteer, WordFinder, gazetteer
from .holders import holder_country, holder_short_forms, titled_holder_names
from .mentions import DocIndex, Mention, doc_text, find_mentions
from .names import clean_name, fold, fullness, same_person, surname
from .patterns import DETERMINERS, GIVEN_NAME_TITLES, NON_ACTOR_ROLES, ROLE_HEADS, ROLE_MODIFIERS, STORM_WORDS
from .roles import Title, parse_description, pick_described, title_after, title_before

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

ID_PREFIX = {"PERSON": "p", "ORG": "o", "GPE": "g", "LOC": "l", "NORP": "n", "OUTLET": "m"}
_DATELINE_RE = re.compile(r"^\s*([A-Z][A-Za-z .'-]+?),\s")
_LOCAL_WORDS = ("cabinet", "governor", "mayor", "prefect", "municipal", "parliament speaker")
# Offices abroad: their holders are usually foreigners in the dateline's country.
_ABROAD_WORDS = ("mission", "embassy", "consul", "ambassador", "envoy", "representative", "delegation")


@dataclass
class _Person:
    names: list[Mention] = field(default_factory=list)
    described: list[tuple[int, int]] = field(default_factory=list)
    role: str | None = None
    country: str | None = None
    weak_country: str | None = None      # from a description, used only when nothing better is known
    guess_country: str | None = None     # from the dateline beside a counterpart, weaker still
    _best: Mention | None = field(default=None, repr=False)

    @property
    def best(self) -> str:
        """The fullest name form (more parts, then longer; the earliest of equals)."""
        if self._best is None:
            self._best = max(self.names, key=lambda m: (fullness(m.text), -m.start))
        return self._best.text

    def add(self, m: Mention) -> None:
        self.names.append(m)
        if self._best is not None and (fullness(m.text), -m.start) > (fullness(self._best.text), -self._best.start):
            self._best = m

    @property
    def first(self) -> int:
        return self.names[0].start


def extract_entities(doc: "Doc", article: Article | None = None) -> list[Entity]:
    """One ``Entity`` per referent of ``doc`` (the parse of ``article.text``), ordered by first mention."""
    gaz = gazetteer()
    doc = view_of(doc)
    text = doc_text(doc, article)
    index = DocIndex(doc, text)
    mentions = find_mentions(doc, gaz, text, index)
    people_mentions = [m for m in mentions if m.label == "PERSON"]
    others = [m for m in mentions if m.label != "PERSON"]
    people_mentions, others = _drop_place_names(people_mentions, others, index)
    storms = _storm_names(doc)
    people_mentions = [m for m in people_mentions if not (" " not in m.text and m.text in storms)]
    ands = {t.i for t in doc if t.lower_ == "and"}
    given = {m.start: doc[m.tok_start - 1].text for m in people_mentions
             if m.tok_start > 0 and doc[m.tok_start - 1].lower_ in GIVEN_NAME_TITLES}
    people = [p for p in _cluster_people(people_mentions, ands, given) if not _names_a_thing(doc, p)]
    others = _recover_surnames(doc, text, people, others, index)
    dateline_code = _dateline_code(text, article, gaz)
    _assign_titles(doc, people, gaz, dateline_code)
    _add_descriptions(doc, people, index, gaz)
    _fallback_countries(people, dateline_code)
    people = [p for p in people if not (p.role and set(p.role.casefold().split()) & NON_ACTOR_ROLES)]
    return _records(people, _group_others(others, gaz, _acronyms(text)))


# ---------------------------------------------------------------- people

def _drop_place_names(people: list[Mention], others: list[Mention], index: DocIndex):
    """A one-word "name" that elsewhere heads "X Islands" or is tagged a place is a place."""
    placey = set(index.place_words) | {m.text for m in others if m.label in ("LOC", "GPE")}
    keep = []
    for m in people:
        if " " not in m.text and m.text in placey:
            others.append(Mention(m.start, m.end, m.text, "LOC", m.tok_start, m.tok_end))
        else:
            keep.append(m)
    return keep, others


def _coordinated_after(m: Mention, p: _Person, ands: AbstractSet[int]) -> bool:
    """Whether ``p``'s first (full) name follows the lone surname ``m`` within a few words, joined by "and"."""
    first = min(p.names, key=lambda x: x.start)
    return " " in first.text and 0 < first.tok_start - m.tok_end <= 6 and any(
        m.tok_end <= i < first.tok_start for i in ands)


def _storm_names(doc: "Doc") -> set[str]:
    """Words that name a storm somewhere in the text ("Typhoon Kestrel", "the Kestrel typhoon"):
    the same word alone later ("Kestrel is expected to ...") is the storm, not a person."""
    out: set[str] = set()
    for t in doc:
        if t.lower_ in STORM_WORDS:
            if t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper():
                out.add(doc[t.i + 1].text)
            if t.i > 0 and doc[t.i - 1].text[:1].isupper() and doc[t.i - 1].lower_ not in STORM_WORDS:
                out.add(doc[t.i - 1].text)
    return out


def _cluster_people(mentions: list[Mention], ands: AbstractSet[int] = frozenset(),
                    given: Mapping[int, str] | None = None) -> list[_Person]:
    """People of one article: full names by ``same_person``, then one-word forms into the person
    whose surname they are (or, family name first, whose first name they are: "Xi" of "Xi
    Jinping") -- except a one-word name after a title that goes with a given name (``given``:
    their start offsets and the title), which is a person of its own ("Prince Edward" beside
    "Edward Marsh") unless the tenure table prints that office-holder so ("Sheikh Nawaf")."""
    given = given or {}
    people: list[_Person] = []
    full = [m for m in mentions if " " in m.text]
    short = [m for m in mentions if " " not in m.text]
    for m in full:
        for p in people:
            if same_person(p.best, m.text):
                p.add(m)
                break
        else:
            people.append(_Person(names=[m]))
    for m in short:
        key = fold(m.text.casefold())
        # "King Hussein" beside "Saddam Hussein": after such a title the word is a given name, never a surname
        fits = [p for p in people if " " not in p.best and fold(p.best.casefold()) == key] if m.start in given \
            else [p for p in people if surname(p.best) == key]
        if not fits and m.start not in given:       # "Xi" after "Xi Jinping": family name first
            fits = [p for p in people if " " in p.best and fold(p.best.split()[0].casefold()) == key]
            fits = fits if len(fits) == 1 else []
        elif not fits:                              # "Sheikh Nawaf" of "Nawaf Al-Ahmad Al-Jaber Al-Sabah"
            known = titled_holder_names(given[m.start], m.text)
            fits = [p for p in people if " " in p.best and any(same_person(p.best, n) for n in known)]
            fits = fits if len(fits) == 1 else []
        if fits:
            before = [p for p in fits if p.first < m.start]
            if not before and any(_coordinated_after(m, p, ands) for p in fits):
                people.append(_Person(names=[m]))    # "President Okafor and first lady Ada Okafor": two
                continue
            target = max(before, key=lambda p: max(x.start for x in p.names if x.start < m.start)) if before \
                else fits[0]
            target.add(m)
        else:
            people.append(_Person(names=[m]))
    for p in people:
        p.names.sort(key=lambda m: m.start)
    people.sort(key=lambda p: p.first)
    return people


def _names_a_thing(doc: "Doc", p: _Person) -> bool:
    """A lone one-word "name" that only ever modifies a common noun ("Bal missile systems",
    "the Shantar group") names a thing or a place, not a person."""
    if " " in p.best:
        return False
    for m in p.names:
        tok = doc[m.tok_end - 1]
        head = tok.head
        if not (tok.dep_ in ("compound", "nmod", "amod") and head.i != tok.i and head.pos_ == "NOUN"
                and head.text.islower() and head.lower_ not in ROLE_HEADS and head.lower_ not in ROLE_MODIFIERS):
            return False
    return True


def _recover_surnames(doc: "Doc", text: str, people: list[_Person], others: list[Mention],
                      index: DocIndex) -> list[Mention]:
    """Occurrences of a known surname that the model missed or mislabelled ("Tanaka" as ORG)."""
    taken = {i for p in people for m in p.names for i in range(m.tok_start, m.tok_end)}
    by_token = {i: m for m in others for i in range(m.tok_start, m.tok_end)}
    drop: set[int] = set()
    for p in people:
        forms = {m.text.split()[-1] for m in p.names} | set(holder_short_forms(p.best))
        if len(p.names) == 1 and " " not in p.best and forms & index.place_words:
            continue
        given = clean_name(p.best).split()[:-1]
        for match in WordFinder.of(sorted(forms)).finditer(text):
            span = doc.char_span(match.start(), match.end())
            if span is None or len(span) != 1:
                continue
            i = span.start
            if i in taken:
                continue
            other = by_token.get(i)
            if other is not None and (other.label == "OUTLET" or other.tok_end - other.tok_start > 1
                                      and not p.best.endswith(" " + other.text)):
                continue
            if other is not None:
                drop.add(id(other))
            start = i - 1 if given and i > 0 and doc[i - 1].text == given[-1] else i
            if other is not None:          # "Le Drian" tagged ORG: the whole tail of a known name
                start = min(start, other.tok_start)
            span = doc[start:i + 1]
            p.add(Mention(span.start_char, span.end_char, clean_name(span.text), "PERSON", start, i + 1))
            taken.update(range(start, i + 1))
        p.names.sort(key=lambda m: m.start)
    return [m for m in others if id(m) not in drop]


def _assign_titles(doc: "Doc", people: list[_Person], gaz: Gazetteer, dateline_code: str | None) -> None:
    owner = {i: p for p in people for m in p.names for i in range(m.tok_start, m.tok_end)}
    found: list[tuple[Mention, _Person, Title]] = []
    for p in people:
        for m in p.names:
            t = title_before(doc, m.tok_start, gaz, owner.keys())
            if not (t.role or t.country or t.possessor is not None):
                t = title_after(doc, m.tok_end, gaz)
            found.append((m, p, t))
    found.sort(key=lambda x: x[0].start)
    for _, p, t in found:
        if t.role and not p.role and not t.counterpart:
            p.role = t.role
        if t.country and not p.country:
            p.country = t.country
    for k, (_, p, t) in enumerate(found):     # counterparts and possessors last: they borrow
        if t.counterpart:
            other = _counterpart_of(doc, found, k)
            if other is not None:
                role = other.role
                if not p.role and role and "counterpart" not in role.casefold() and not (
                        set(role.casefold().split()) <= GIVEN_NAME_TITLES):
                    p.role = role         # an office, not a rank of birth ("Prince X and his counterpart Y")
                # "Foreign Minister X and his Japanese counterpart Y", datelined from a third country's
                # capital or from X's: X is of the dateline's country when that is not Y's
                if not other.country and dateline_code and p.country and dateline_code != p.country:
                    other.guess_country = other.guess_country or dateline_code
        if t.possessor is not None and not p.country and t.possessor in owner:
            p.country = owner[t.possessor].country
    places = {e.start: e for e in doc.ents if e.label_ in ("GPE", "LOC")}
    for p in people:
        # "President of the Federated States of Micronesia Wesley Simina": the country named right
        # before the name (the model had run the two together)
        for m in p.names:
            if p.country or m.tok_start == 0:
                break
            before = doc[m.tok_start - 1]
            if before.text[:1].isupper() and before.ent_type_ != "ORG":
                p.country = gaz.country(before.text)
        # "King Abdullah of Jordan", "President X of the Philippines": the country the name is "of"
        for m in p.names:
            if p.country:
                break
            j = m.tok_end + 1
            if j < len(doc) and doc[m.tok_end].lower_ == "of":
                j += doc[j].lower_ == "the"
                place = places.get(j)
                p.country = gaz.country(place.text) if place is not None else None


def _has_sents(doc: "Doc") -> bool:
    return doc.has_annotation("SENT_START") or doc.has_annotation("DEP")


def _counterpart_of(doc: "Doc", found, k: int) -> _Person | None:
    """The person whose counterpart the k-th mention is: the last one with a role named before it
    in the same sentence."""
    m, p, _ = found[k]
    sent_start = doc[m.tok_start].sent.start if _has_sents(doc) else 0
    for m2, p2, t2 in reversed(found[:k]):
        if m2.tok_start < sent_start:
            break
        if p2 is not p and (p2.role or t2.role):
            return p2
    return None


def _add_descriptions(doc: "Doc", people: list[_Person], index: DocIndex, gaz: Gazetteer) -> None:
    """"the Russian president" after "President Ivan Petrov": a mention of him."""
    if not people:
        return
    name_tokens = {i for p in people for m in p.names for i in range(m.tok_start, m.tok_end)}
    n = len(doc)
    for h in index.heads:
        nxt = doc[h + 1] if h + 1 < n else None
        if nxt is not None and (nxt.lower_ in ROLE_HEADS or nxt.lower_ in ROLE_MODIFIERS or nxt.i in name_tokens
                                or nxt.lower_ == "of" or nxt.text[:1].isupper()):
            continue
        i = h - 1
        while i >= 0 and i > h - 6 and doc[i].lower_ not in DETERMINERS and (
                doc[i].lower_ in ROLE_MODIFIERS or doc[i].lower_ in ROLE_HEADS or doc[i].tag_ == "POS"
                or (doc[i].text[:1].isupper() and gaz.any_code(doc[i].text))):
            i -= 1
        if i < 0 or doc[i].lower_ not in ("the", "this"):
            continue
        desc = parse_description(list(doc[i:h + 1]), gaz)
        if desc is None:
            continue
        target = _match_description(people, desc.words, desc.country, doc[i].idx)
        if target is None:
            continue
        target.described.append((doc[i].idx, doc[h].idx + len(doc[h].text)))
        if desc.country and not target.country:
            target.weak_country = target.weak_country or desc.country


def _match_description(people: list[_Person], words: str, country: str | None, pos: int) -> _Person | None:
    return pick_described(((p, p.role, p.country, max((m.start for m in p.names if m.start < pos), default=-1))
                           for p in people), words, country)


def _dateline_code(text: str, article: Article | None, gaz: Gazetteer) -> str | None:
    place = article.dateline.place if article is not None and article.dateline is not None else None
    if not place:
        m = _DATELINE_RE.match(text)
        place = m.group(1) if m else None
    return (gaz.city(place) or gaz.country(place)) if place else None


def _fallback_countries(people: list[_Person], dateline_code: str | None) -> None:
    for p in people:
        if p.country:
            continue
        held = holder_country(p.best)       # the office's country, for a full name the tenure table knows
        if held:
            p.country = held
        elif p.weak_country or p.guess_country:
            p.country = p.weak_country or p.guess_country
        elif dateline_code and p.role and _local_office(p.role):
            p.country = dateline_code


def _local_office(role: str) -> bool:
    """Offices whose holders work at home ("Chief Cabinet Secretary", "governor"): in an article datelined
    from a country's city, an untitled-by-nationality holder is that country's. Heads of state, ministers
    and envoys travel, so their titles say nothing about the dateline."""
    low = role.casefold()
    return any(w in low for w in _LOCAL_WORDS) and not any(w in low for w in _ABROAD_WORDS)


# ---------------------------------------------------------------- the rest

def _org_key(m: Mention) -> str:
    words = [w for w in re.findall(r"[\w'-]+", m.text.casefold()) if w not in DETERMINERS]
    text = " ".join(words)
    text = re.sub(r"^ministry (?:of|for) (.+?) affairs\b", r"\1 ministry", text)
    text = re.sub(r"^ministry (?:of|for) (.+)$", r"\1 ministry", text)
    gaz = gazetteer()
    kept = [w for w in text.split() if not (gaz.demonym(w.title()) or gaz.country(w.title()))]
    return " ".join(kept)


def _group_others(mentions: list[Mention], gaz: Gazetteer,
                  acronyms: AbstractSet[str] = frozenset()) -> list[tuple[str, str, str | None, list[Mention]]]:
    groups: dict[tuple, list[Mention]] = {}
    for m in mentions:
        if m.label == "OUTLET":
            key: tuple = ("OUTLET", m.canon or m.text)
        elif m.label == "GPE" and m.canon:
            key = ("GPE", "country", m.code)
        elif m.label == "NORP":
            key = ("NORP", m.code)
        elif m.label == "ORG":
            key = ("ORG", m.code, _org_key(m))
        else:
            key = (m.label, m.text.casefold())
        groups.setdefault(key, []).append(m)
    # "the Foreign Ministry" without a country joins the one ministry of that name that has one
    for key in [k for k in groups if k[0] == "ORG" and k[1] is None]:
        same = [k for k in groups if k[0] == "ORG" and k[1] is not None and k[2] == key[2]]
        if len(same) == 1:
            groups[same[0]].extend(groups.pop(key))
    out = []
    for key, ms in groups.items():
        ms.sort(key=lambda m: m.start)
        label = key[0]
        code = next((m.code for m in ms if m.code), None)
        if label == "GPE" and key[1] == "country":
            name = gaz.name_of(key[2])
        elif label == "OUTLET":
            name = key[1]
        else:
            forms = [m.text for m in ms if not m.text.isupper()] or [_uncapped(m.text, acronyms) for m in ms]
            name = max(forms, key=len) if label == "ORG" else forms[0]
        out.append((label, name, code, ms))
    return out


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "la", "le", "al"})
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z.&]{1,6}\b")
_CAPS_RUN = re.compile(r"[(\"“]?[A-Z][A-Z&'-]{2,}[,:;)\"”]?")          # a capitalised word without dots


def _acronyms(text: str) -> frozenset[str]:
    """Words the text prints in capitals inside running text ("the FBI said"): acronyms, not words set in
    capitals for a dateline or a heading ("NEW YORK --")."""
    out = set()
    for line in text.split("\n"):
        if sum(c.islower() for c in line) > len(line) // 3:
            # not the line's first words: a dateline ("TOKYO, May 2 --", "NEW YORK (AP) --") opens a paragraph
            # nor a run of capitals ("... said. LOS ANGELES --"): an acronym stands among lower-case words
            for m in _CAPS_WORD.finditer(line):
                before, after = line[:m.start()].split(), line[m.end():].split()
                dateline = bool(after) and after[0] in ("-", "--", "—", "–", "---")      # "... ROME -- ..."
                if before and not dateline and not any(_CAPS_RUN.fullmatch(w) for w in (before[-1], *after[:1])):
                    out.add(m[0])
    return frozenset(out)


def _uncapped(text: str, acronyms: AbstractSet[str] = frozenset()) -> str:
    """A name printed in capitals ("BANK OF JAPAN", "U.S. FBI") as running text writes it: the acronyms the
    text itself prints in capitals kept ("FBI"), and dotted ones ("U.S."), small words lower-cased, the other
    words title-cased. A one-word name of four letters or fewer stays as printed ("NATO")."""
    words = text.split()
    if len(words) == 1 and len(text) <= 4:
        return text
    out = []
    for k, w in enumerate(words):
        bare = w.strip(".,")
        if bare in acronyms or "." in bare:
            out.append(w)
        elif k and bare.lower() in _SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append(w.title())
    return " ".join(out)


def _records(people: list[_Person], others) -> list[Entity]:
    items: list[tuple[int, str, str, str | None, str | None, list[tuple[int, int]]]] = []
    for p in people:
        spans = sorted({(m.start, m.end) for m in p.names} | set(p.described))
        items.append((p.first, "PERSON", clean_name(p.best), p.country, p.role, spans))
    for label, name, code, ms in others:
        items.append((ms[0].start, label, name, code, None, sorted({(m.start, m.end) for m in ms})))
    items.sort(key=lambda x: x[0])
    counters: dict[str, int] = defaultdict(int)
    entities = []
    for _, label, name, code, role, spans in items:
        counters[label] += 1
        entities.append(Entity(id=f"{ID_PREFIX.get(label, 'x')}{counters[label]}", name=name, type=label,
                               country=code, role=role, mentions=spans))
    return entities

