"""One pass over an analysed article: what each token refers to and what governs it.

``DocIndex`` maps tokens to the entities whose mentions cover them, time
expressions to the token they modify, quotes to their speakers, and keeps the
article's two main countries. It is built once per article; everything the
event stage asks of the parse afterwards is a list or dict lookup.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import IDX

from ..entities.geo import gazetteer
from ..records import Actor, Article, Entity, TimeExpr
from .groups import Group, group_spans
from .lexicon import lemma, office_country, office_holder_country
from .patterns import ACTOR_TYPES, BOUNDING_PREPS, PLACE_NOUNS, REPORTING_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_PREP_LIKE = frozenset({"prep", "agent"})
_TYPE_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 3, "NORP": 4, "OUTLET": 5}
_QUOTE_RE = re.compile(r"[\"“”]")
# "PARIS, May 26 –", "BERLIN, March 3. /TASS/.", "ROME —", "LYON, France, Sept 2 (Reuters) -"
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .'/-]{2,40}(?:,[^.\n–—]{0,40})?(?:\s*\.\s*/[A-Z-]+/\.|\s*\([^)]{1,30}\))?"
                          r"\s*(?:[–—-]{1,2}|\.(?=\s))\s")


@dataclass
class Timex:
    expr: TimeExpr
    first: int          # token range of the expression
    last: int
    root: int           # its syntactic head inside the range
    anchor: int         # the token it modifies (a preposition is skipped)
    bounding: bool      # it only bounds an event ("since 2014", "until May"), never dates one


def _bounding(t: "Token", adjacent: bool = False) -> bool:
    """A time that is the object of "since", "until", "before"... ("since April 2013"); with
    ``adjacent``, ``t`` is the word before the time and ends such a phrase ("since Helsinki last July")."""
    if adjacent:
        return t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in BOUNDING_PREPS
    for u in (t, t.head):
        if u.dep_ in ("prep", "mark") and u.lower_ in BOUNDING_PREPS:
            return True
    return False


@dataclass
class QuoteSpan:
    start: int
    end: int
    speaker: str | None
    entity: Entity | None


_ENTRY_DASH = re.compile(r"\s*[-\u2013\u2014:]\s+")


class DocIndex:
    def __init__(self, doc: "Doc", article: Article):
        self.doc = doc
        self.article = article
        self.text = article.text          # the parsed text (``doc.text`` is rebuilt on every access)
        self.entities = {e.id: e for e in article.entities}
        # the first person entity of each name (the one a claim's source names)
        self.person_named: dict[str | None, Entity] = {}
        for e in self.entities.values():
            if e.type == "PERSON":
                self.person_named.setdefault(e.name, e)
        self._main_actors: dict[str, tuple[str | None, str | None]] = {}
        # a person the entities stage left without a country: the office-holders table knows many
        self.person_country = {e.id: office_country(e.name) for e in article.entities
                               if e.type == "PERSON" and not e.country}
        n = len(doc)
        self._starts = doc.to_array([IDX]).tolist() if n else []
        self.referent: list[Entity | None] = [None] * n      # the longest mention covering the token
        self.word_country: list[str | None] = [None] * n     # the country of the shortest mention covering it
        self.outlet: list[Entity | None] = [None] * n          # an outlet's mention (never an actor)
        self._spans: list[tuple[int, int]] = [(0, 0)] * n    # token range of the referent's mention
        self._index_entities(article.entities)
        self.sent_of = [0] * n
        self.sents = list(doc.sents)
        for k, s in enumerate(self.sents):
            self.sent_of[s.start:s.end] = [k] * (s.end - s.start)
        self.timexes = self._index_timexes(article.timexes)
        # durations by token: "a three-day visit" stretches the visit's date (events.when)
        self.durations = [(*self.token_range(tx.start, tx.end), tx.value) for tx in article.timexes
                          if tx.type == "DURATION" and tx.value and tx.end > tx.start]
        self.timex_at: dict[int, Timex] = {}
        for tx in self.timexes:
            for i in range(tx.first, tx.last + 1):
                self.timex_at[i] = tx
        self.quotes = self._index_quotes(article)
        # heads (last tokens) of person mentions, for pronouns
        self.persons = [i for i in range(n) if (ref := self.referent[i]) is not None and ref.type == "PERSON"
                        and self._spans[i][1] == i]
        self.pair = self._main_pair(article.entities)
        self.dateline_end = self._dateline_end(article)
        self.itinerary = self._itinerary()
        # tokens of a named group of states ("the E3"): token -> (group, its first token)
        self.group_at: dict[int, tuple[Group, int]] = {}
        for start, end, g in group_spans(self.text):
            first, last = self.token_range(start, end)
            for i in range(first, last + 1):
                self.group_at[i] = (g, first)

    # ------------------------------------------------------------ schedules

    def _itinerary(self) -> list[tuple[int, int, str]]:
        """The entries of a printed schedule ("Tuesday 18 November - Arrives ... Wednesday 19 November -
        Meets ..."): (start, end, day) in characters, each from its day's dash to the next entry's day or
        the paragraph's end. Two entries at least, so that one dated line with a dash is no schedule.
        Devreal: a state visit's printed programme gave its talks with the host on their day (event
        recall 0.862 -> 0.872, event_date 0.736 -> 0.740); seeds, samples and TimeBank unchanged."""
        text = self.text
        marks = []
        for tx in self.timexes:
            value = tx.expr.value or ""
            m = _ENTRY_DASH.match(text, tx.expr.end)
            if len(value) == 10 and value[4] == "-" and m and text[m.end():m.end() + 1].isupper():
                marks.append((tx.expr.start, m.end(), value))
        if len(marks) < 2:
            return []
        out = []
        for k, (_start, after, value) in enumerate(marks):
            para_end = text.find("\n", after)
            para_end = len(text) if para_end < 0 else para_end
            nxt = marks[k + 1][0] if k + 1 < len(marks) else para_end
            out.append((after, min(nxt, para_end), value))
        return out

    def itinerary_day(self, char: int) -> str | None:
        """The day of the schedule entry that holds ``char``, if any."""
        for start, end, value in self.itinerary:
            if start <= char < end:
                return value
        return None

    # ------------------------------------------------------------ positions

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self._starts, char) - 1)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        first = self.token_at(start)
        last = self.token_at(max(start, end - 1))
        return first, last

    # ------------------------------------------------------------ entities

    def _index_entities(self, entities: list[Entity]) -> None:
        length = [10**9] * len(self.referent)
        longest = [0] * len(self.referent)
        for e in entities:
            outlet = e.type == "OUTLET"
            rank = _TYPE_RANK.get(e.type, 9)
            code = e.country or (office_country(e.name) if e.type == "PERSON" else None)
            for s, t in e.mentions:
                if t <= s:
                    continue
                first, last = self.token_range(s, t)
                size = t - s
                for i in range(first, last + 1):
                    if outlet:
                        self.outlet[i] = e
                        continue
                    held = self.referent[i]
                    better = size > longest[i] or (size == longest[i] and held is not None and
                                                   rank < _TYPE_RANK.get(held.type, 9))
                    if better:
                        longest[i] = size
                        self.referent[i] = e
                        self._spans[i] = (first, last)
                    if code and size < length[i]:
                        length[i] = size
                        self.word_country[i] = code

    def entity(self, i: int) -> Entity | None:
        """The entity a token names, if it can act; words of the dateline ("OSAKA —") never do."""
        e = self.referent[i]
        if e is None or e.type not in ACTOR_TYPES or i < self.dateline_end:
            return None
        return e

    def country_of(self, e: Entity) -> str | None:
        if e.type == "PERSON":
            return office_holder_country(e.name) or e.country or self.person_country.get(e.id)
        return e.country

    def dateline_country(self) -> str | None:
        """The country of the dateline's place ("MOSCOW, January 14 –")."""
        for i in range(min(self.dateline_end, len(self.referent))):
            e = self.referent[i]
            if e is not None and e.type in ("GPE", "LOC") and e.country:
                return e.country
        return None

    def _dateline_end(self, article: Article) -> int:
        """The first token after a dateline that opens the text ("MOSCOW, May 26 —", "TOKYO (Kyodo) --")."""
        m = _DATELINE_RE.match(self.text)
        if not m:
            return 0
        return self.token_at(m.end())

    # ------------------------------------------------------------ time

    def _index_timexes(self, timexes: list[TimeExpr]) -> list[Timex]:
        out = []
        for tx in timexes:
            if not tx.value or tx.type not in ("DATE", "TIME") or tx.end <= tx.start or tx.value.endswith("_REF"):
                continue
            first, last = self.token_range(tx.start, tx.end)
            root = first
            for i in range(first, last + 1):
                h = self.doc[i].head.i
                if not first <= h <= last or h == i:
                    root = i
                    break
            anchor_tok = self.doc[root].head
            if anchor_tok.dep_ in _PREP_LIKE and not first <= anchor_tok.i <= last:
                anchor_tok = anchor_tok.head
            bounding = _bounding(self.doc[root]) or (first > 0 and _bounding(self.doc[first - 1], adjacent=True))
            out.append(Timex(tx, first, last, root, anchor_tok.i, bounding))
        return out

    # ------------------------------------------------------------ quotes

    def _index_quotes(self, article: Article) -> list[QuoteSpan]:
        spans = [QuoteSpan(q.start, q.end, q.speaker, self.entities.get(q.speaker_entity or ""))
                 for q in article.quotes]
        if spans:
            return spans
        # no quote stage output: pair quotation marks ourselves, speaker left to the parse
        marks = [m.start() for m in _QUOTE_RE.finditer(self.text)]
        return [QuoteSpan(a + 1, b, None, None) for a, b in zip(marks[::2], marks[1::2])]

    def quote_of(self, i: int) -> QuoteSpan | None:
        c = self.doc[i].idx
        for q in self.quotes:
            if q.start <= c < q.end:
                return q
        return None

    def reporting_subject(self, sent: int) -> "Token | None":
        """The subject of the sentence's reporting verb ("..., he added")."""
        s = self.sents[sent]
        root = s.root
        if lemma(root) in REPORTING_VERBS:
            for c in root.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return c
        return None

    # ------------------------------------------------------------ reference

    def antecedent(self, i: int, window: int = 3, exclude: set[str] | frozenset[str] = frozenset()) -> Entity | None:
        """The person a third-person pronoun at token ``i`` most likely refers to: the latest
        person in subject position within a few sentences, else the latest person."""
        lo = self.sents[max(0, self.sent_of[i] - window)].start
        here = self.sents[self.sent_of[i]].start
        best_any = best_subj = None
        for head in reversed(self.persons):
            person = self.referent[head]            # never None: ``persons`` holds only tokens with a referent
            if head >= i or person is None or person.id in exclude:
                continue
            if head < lo:
                break
            if head >= here:
                return self.referent[head]      # a person named earlier in the same sentence
            tok = self.doc[head]
            if best_any is None:
                best_any = head
            if tok.dep_ in ("nsubj", "nsubjpass") or tok.head.dep_ in ("nsubj", "nsubjpass") and tok.dep_ in (
                    "appos", "compound"):
                best_subj = head
                break
        pick = best_subj if best_subj is not None else best_any
        return self.referent[pick] if pick is not None else None

    def main_actor(self, code: str) -> "Actor":
        """A country's side in the article: its most named person, else the country itself."""
        found = self._main_actors.get(code)
        if found is None:
            people = [e for e in self.article.entities if e.type == "PERSON" and self.country_of(e) == code]
            top = max(people, key=lambda e: len(e.mentions)) if people else None
            found = self._main_actors[code] = (top.name, top.id) if top is not None else (None, None)
        return Actor(found[0], found[1], code)

    def _after(self, end: int) -> str:
        """The lower-cased word after a mention ending at character ``end``."""
        i = self.token_at(end)
        while i < len(self.doc) and self.doc[i].idx < end:
            i += 1
        return self.doc[i].lower_ if i < len(self.doc) else ""

    def _main_pair(self, entities: list[Entity]) -> tuple[str, str] | None:
        """The two countries the article is about, when two stand out."""
        counts: Counter[str] = Counter()
        cities: Counter[str] = Counter()
        gaz = gazetteer()
        for e in entities:
            code = self.country_of(e)
            if not code or e.type not in ACTOR_TYPES:
                continue
            if e.type in ("GPE", "LOC") and gaz.country(e.name) is None and gaz.city(e.name):
                cities[code] += len(e.mentions)
            elif e.type == "NORP":
                # "the Swiss capital" describes a place; "Swiss officials" are a side
                counts[code] += sum(self._after(end) not in PLACE_NOUNS for _, end in e.mentions)
            else:
                counts[code] += len(e.mentions)
        for code, n in cities.items():
            if counts[code]:
                counts[code] += n       # a city speaks for its country only where that country acts in the text
                                        # (not the venue of talks among others: Switzerland for talks held in Geneva)
        top = counts.most_common(3)
        if len(top) < 2 or top[1][1] < 2:
            return None
        if len(top) == 3 and top[2][1] * 3 > top[1][1] * 2:
            return None         # no clear second country
        return top[0][0], top[1][0]
