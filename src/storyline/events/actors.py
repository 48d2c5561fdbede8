"""Who takes part: noun-phrase heads to :class:`Actor` records.

A head is read, in order, as a relative or personal pronoun (the latest person
in subject position, or the speaker of the quote it stands in), an entity
mention (the entities stage's canonical name and country), an appositive name
("his French counterpart *Jean-Marc Ayrault*"), a plural description of the two
sides ("the sides", "the two leaders", "the countries' foreign ministers"), or
a description with a nationality ("the German side", "Germany's
chancellor", "one of China's provinces"). Outlets never act.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..entities.geo import gazetteer
from ..entities.holders import holder_title_words
from ..records import Actor, Entity
from .index import DocIndex
from .lexicon import lemma
from .patterns import LEADER_NOUNS, LEADER_ROLE, PAIR_NOUNS, PERSON_PRONOUNS, PERSON_ROLES, PLACE_TYPES, PLURAL_PRONOUNS, SPEAKER_PRONOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_MODIFIER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
_INNER_DEPS = frozenset({"poss", "amod", "compound", "nmod", "prep", "pobj", "appos", "npadvmod", "acl", "agent"})
_INNER_PREPS = frozenset({"of", "by", "from", "in", "on", "over"})
_PRONOUNS = PERSON_PRONOUNS | SPEAKER_PRONOUNS | PLURAL_PRONOUNS
EARLIER_MENTION_WINDOW = 400   # tokens back (a few paragraphs) where "the resolution" finds "a U.S. resolution"
PAIR_WINDOW = 4          # sentences within which "the sides" refers back to the last two-sided event


# Forms of address that head a phrase before the name they stand for ("Their Majesties King X and Queen Y").
_HONORIFIC_HEADS = frozenset({"majesty", "majesties", "highness", "highnesses", "excellency", "excellencies"})


@dataclass
class Party:
    actor: Actor
    tok: int
    kind: str            # person | org | place | state | country | pair | speaker
    group: str | None = None     # the named group of states it stands in ("P5+1"): never paired within

    @property
    def country(self) -> str | None:
        return self.actor.country

    @property
    def is_person(self) -> bool:
        return self.kind == "person"

    @property
    def is_official(self) -> bool:
        """A person, named or only described ("the French leader")."""
        return self.kind in ("person", "official", "speaker")


class Parties:
    """Resolves heads to parties, remembering the last two-sided event for "the sides"."""

    def __init__(self, index: DocIndex):
        self.index = index
        self.last_pair: tuple[Party, Party] | None = None
        self.last_pair_sent = -99
        self.guessed: dict[str, str] = {}     # person entity id -> country read from the article's pair
        # events told so far: (sentence, type, travel word?, mode, source, target)
        self.told: list[tuple[int, str, bool, str | None, Party, Party]] = []

    # ------------------------------------------------------------ context

    def remember(self, a: Party, b: Party, tok: int) -> None:
        if a.country and b.country and a.country != b.country:
            sent = self.index.sent_of[tok]
            last = self.last_pair
            before = {last[0].country, last[1].country} if last is not None else set()
            if sent == self.last_pair_sent and len(before & {a.country, b.country}) == 1:
                return      # "X met A and B" of three countries: "the two" later are the first pair named
            self.last_pair = (a, b)
            self.last_pair_sent = sent

    def told_event(self, sent: int, kind: str, travel: bool, mode: str | None, src: Party, tgt: Party) -> None:
        self.told.append((sent, kind, travel, mode, src, tgt))

    def antecedent_event(self, tok: int, kind: str, travel: bool) -> tuple[Party, Party, str | None] | None:
        """The sides of the latest event of this kind told shortly before: "the visit" names a visit
        again, "the talks" or "the conversation" a meeting or a call."""
        here = self.index.sent_of[tok]
        for sent, k, was_travel, m, src, tgt in reversed(self.told):
            if here - sent > PAIR_WINDOW - 1:
                return None
            if k == kind and was_travel == travel:
                return src, tgt, m
        return None

    def counterpart_of(self, party: Party, tok: int) -> list[Party]:
        """The other side of the two-sided event told just before, when ``party`` is one side of it
        ("they held talks ... X put forward a plan": to the other)."""
        found = self.pair(tok, article_fallback=False)
        if len(found) == 2 and party.country in (found[0].country, found[1].country):
            return [p for p in found if p.country != party.country]
        return []

    def pair(self, tok: int, article_fallback: bool, leaders: bool = False) -> list[Party]:
        """The two sides "the sides", "they" or "the two leaders" stand for: those of the latest
        two-sided event told a few sentences before (for "leaders", only if they lead), else the
        article's two countries, each with its most named person."""
        last = self.last_pair
        recent = last is not None and self.index.sent_of[tok] - self.last_pair_sent <= PAIR_WINDOW
        if last is not None and recent and not (leaders and not all(self._may_lead(p) for p in last)):
            return [Party(p.actor, tok, "pair") for p in last]
        if article_fallback and self.index.pair:
            return [Party(self.index.main_actor(c), tok, "pair") for c in self.index.pair]
        return []

    def _may_lead(self, party: Party) -> bool:
        e = self.index.entities.get(party.actor.entity or "")
        if e is None or e.type != "PERSON" or not e.role:
            return True
        return LEADER_ROLE.search(e.role) is not None

    # ------------------------------------------------------------ heads

    def of(self, tok: "Token", *, plural: bool = True, inner: bool = False) -> list[Party]:
        """The parties a noun phrase names, one per conjunct."""
        out: list[Party] = []
        heads = [tok, *tok.conjuncts]
        e = self.index.entity(tok.i)
        if e is not None and e.type == "PERSON":
            # "hosted X and French leader Y" parsed with X as a modifier of Y's name: X is a party too
            mods = [c for c in tok.children if c.dep_ in ("nmod", "compound") and c.i < tok.i]
            mods += [g for c in mods for g in c.children if g.dep_ in ("nmod", "compound") and g.i < c.i]
            heads = [c for c in mods if c.dep_ == "nmod" and self._other_person(c, e)] + heads
        for h in heads:
            found = self._one(h, plural=plural, inner=inner)
            out.extend(found)
        return out

    def _other_person(self, tok: "Token", than: Entity) -> bool:
        e = self.index.entity(tok.i)
        return e is not None and e.type == "PERSON" and e.id != than.id and any(c.dep_ == "cc" for c in tok.children)

    def complete(self, known: Party, unknown: Party) -> Party:
        """A person the entities stage left without a country, facing one side of the article's
        pair, is taken to be from the other side (and stays so for the rest of the article)."""
        pair = self.index.pair
        if unknown.country or not unknown.is_person or not pair or known.country not in pair:
            return unknown
        code = pair[1] if known.country == pair[0] else pair[0]
        if not self._named_near(unknown, code):
            return unknown
        if unknown.actor.entity:
            self.guessed.setdefault(unknown.actor.entity, code)
        a = unknown.actor
        return Party(Actor(a.name, a.entity, code), unknown.tok, unknown.kind)

    def _named_near(self, person: Party, code: str) -> bool:
        """Whether ``code``'s country is named in a sentence that names ``person``."""
        index = self.index
        e = index.entities.get(person.actor.entity or "")
        if e is None:
            return False
        sents = {index.sent_of[index.token_at(s)] for s, _ in e.mentions}
        return any(index.word_country[t.i] == code for k in sents for t in index.sents[k])

    def from_entity(self, e: Entity, tok: int) -> Party | None:
        code = self.index.country_of(e) or self.guessed.get(e.id)
        if code is None and e.type in ("ORG", "LOC", "GPE", "FAC"):
            gaz = gazetteer()                    # "Crimea" tagged ORG: a place the gazetteer knows
            code = gaz.country(e.name) or gaz.city(e.name)
            if code:
                return Party(Actor(e.name, e.id, code), tok, "place")
        if e.type == "NORP":
            return Party(Actor(None, None, code), tok, "country") if code else None
        if e.type in PLACE_TYPES:
            return Party(Actor(e.name, e.id, code), tok, "place")
        return Party(Actor(e.name, e.id, code), tok, "person" if e.type == "PERSON" else "org")

    def speaker(self, tok: "Token") -> Party | None:
        index = self.index
        q = index.quote_of(tok.i)
        if q is not None and q.entity is not None:
            return self.from_entity(q.entity, tok.i)
        sent = index.sent_of[tok.i]
        for k in (sent, sent + 1, sent + 2, sent - 1):
            if 0 <= k < len(index.sents):
                subj = index.reporting_subject(k)
                if subj is not None and subj.lower_ not in SPEAKER_PRONOUNS:
                    found = self._one(subj, plural=False, inner=False)
                    if found:
                        return Party(found[0].actor, tok.i, "speaker")
        return None

    def _one(self, h: "Token", *, plural: bool, inner: bool) -> list[Party]:
        index = self.index
        low = h.lower_
        if low in _RELATIVE and h.head.dep_ == "relcl":
            h = h.head.head
            low = h.lower_
        if h.pos_ == "PRON" or low in _PRONOUNS:
            if low in PERSON_PRONOUNS:
                e = index.antecedent(h.i)
                p = self.from_entity(e, h.i) if e is not None else None
                return [p] if p else []
            if low in ("i", "me", "my", "we", "us", "our"):
                s = self.speaker(h)
                return [s] if s else []
            if low in ("they", "them", "their") and plural:
                # "their meeting": the two sides of the article, if no two-sided event is at hand
                owner = h.dep_ == "poss" and h.head.pos_ == "NOUN"
                return self.pair(h.i, article_fallback=owner)
            return []
        if h.i < index.dateline_end:
            # "GENEVA (Reuters) -- President X and ... agreed": the dateline read as the subject;
            # the first name after the dateline, in the phrase, is the real one
            heads_named = [(t, e) for t in h.subtree if t.i >= index.dateline_end and (e := index.entity(t.i)) is not None
                     and index.referent[t.head.i] is not index.referent[t.i]]        # a mention's head word
            if heads_named:
                t = min(heads_named, key=lambda te: (te[1].type not in ("PERSON", "ORG"), te[0].i))[0]
                return [p for x in (t, *t.conjuncts) if x.i >= index.dateline_end
                        for p in self._one(x, plural=plural, inner=inner)]
            return []
        if index.outlet[h.i] is not None or any(index.outlet[c.i] is not None for c in h.children
                                                if c.dep_ == "compound"):
            return []
        named_group = index.group_at.get(h.i)
        if named_group is not None and not (h.dep_ in ("compound", "nmod", "amod") and h.head.pos_ == "NOUN"
                                            and h.head.i not in index.group_at):
            # "the E3": each member, as one group; not a group naming a thing ("an E3 proposal")
            g, first = named_group
            return [Party(Actor(None, None, code), first, "country", g.id) for code in g.members]
        e = index.entity(h.i)
        if e is not None:
            p = self.from_entity(e, h.i)
            if p is not None and p.country is None and e.type == "PERSON":
                # "Queen Letizia of Spain", "President Ruto of Kenya": the country the name is "of"
                codes = self._of_countries(h)
                if len(codes) == 1:
                    p = Party(Actor(p.actor.name, p.actor.entity, codes[0]), p.tok, p.kind)
            return [p] if p else []
        for c in h.children:
            if c.dep_ == "appos":
                e = index.entity(c.i)
                if e is not None:
                    p = self.from_entity(e, h.i)
                    if e.type == "PERSON":
                        p = self._couple_country(p, c)
                    return [p] if p else []
        if lemma(h) in PERSON_ROLES or h.lower_ in _HONORIFIC_HEADS:
            titled = self._name_after_title(h)
            if titled is not None:
                return [titled]
        if lemma(h) in PERSON_ROLES and not self._modifier_countries(h):
            of_codes = self._of_countries(h)     # "the security advisers of Japan, Korea and the US"
            if of_codes:
                return [self._office_holder(h, code) for code in of_codes]
        if lemma(h) in ("host", "guest", "visitor"):
            poss = next((c for c in h.children if c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS), None)
            antecedent = index.antecedent(poss.i) if poss is not None else None
            code = index.country_of(antecedent) if antecedent is not None else None
            pair = index.pair or ()
            if code in pair and len(pair) == 2:
                other = pair[1] if code == pair[0] else pair[0]   # "X invited his host": the other side
                return [Party(index.main_actor(other), h.i, "person")]
        named = [p for c in self._including(h) for x in c.children if x.dep_ == "pobj"
                 for p in self.of(x, plural=False)]
        if named:
            return named            # "a number of leaders, including X and Y": those named
        if plural and self._is_pair(h):
            return self.pair(h.i, article_fallback=True, leaders=lemma(h) in LEADER_NOUNS)
        for c in h.children:
            # "agencies and companies from the two countries"
            if plural and c.dep_ == "prep" and c.lower_ in ("from", "of"):
                for obj in c.children:
                    if obj.dep_ == "pobj" and self._is_pair(obj) and lemma(obj) in ("country", "nation", "side", "state"):
                        return self.pair(h.i, article_fallback=True)
        codes = self._modifier_countries(h)
        if not codes and inner:
            code = self._inner_country(h) or self._earlier_mention_country(h)
            codes = [code] if code else []
        kind = "official" if lemma(h) in PERSON_ROLES and len(codes) == 1 else "country"
        return [Party(Actor(None, None, code), h.i, kind) for code in codes]

    def _name_after_title(self, h: "Token") -> Party | None:
        """"Minister of Foreign Affairs of the Republic of X Ivan Petrov met ...": a long title before a
        name, which the parser often heads on the title word and hangs the name under the last "of"."""
        index = self.index
        for t in h.subtree:
            if t.i <= h.i:
                continue
            if t.pos_ in ("VERB", "AUX") or t.is_punct and t.text not in ".-":
                return None
            e = index.entity(t.i)
            if e is not None and e.type == "PERSON":
                return self._couple_country(self.from_entity(e, t.i), t)
        return None

    def _couple_country(self, p: Party | None, t: "Token") -> Party | None:
        """"King X and Queen Y of Spain": a person of no known country takes the one the pair is "of"."""
        if p is None or p.country is not None:
            return p
        head = t.head if t.dep_ == "compound" else t
        codes = {c for x in (head, *head.conjuncts) for c in self._of_countries(x)}
        if len(codes) == 1:
            return Party(Actor(p.actor.name, p.actor.entity, codes.pop()), p.tok, p.kind)
        return p

    def _clause_subject(self, h: "Token") -> set[str]:
        """The entity the clause's subject names, when ``h`` is not that subject: "his" in
        "Frederiksen dismissed his idea" is not Frederiksen."""
        t = h
        for _ in range(6):
            if t.dep_ in ("nsubj", "nsubjpass"):
                return set()
            if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
                break
            t = t.head
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        e = self.index.referent[subj.i] if subj is not None else None
        return {e.id} if e is not None else set()

    def _is_pair(self, h: "Token") -> bool:
        if lemma(h) not in PAIR_NOUNS:
            return False
        if h.tag_ in ("NNS", "NNPS"):
            if self._modifier_country(h):
                return False
            return True
        poss = next((c for c in h.children if c.dep_ == "poss"), None)
        return poss is not None and lemma(poss) in PAIR_NOUNS and poss.tag_ == "NNS"

    def _modifier_countries(self, h: "Token") -> list[str]:
        """Countries of a head's modifiers, coordinated ones included ("the French and German ministers")."""
        index = self.index
        out: list[str] = []
        for c in h.children:
            if c.dep_ in _MODIFIER_DEPS and c.i < h.i:
                for m in (c, *c.conjuncts):
                    code = index.word_country[m.i]
                    if not code and m.lower_ == "based":     # "Pakistan-based militants"
                        code = next((index.word_country[g.i] for g in m.children if g.i < m.i
                                     and g.dep_ in ("npadvmod", "compound", "nmod") and index.word_country[g.i]), None)
                    if code and code not in out:
                        out.append(code)
        return out

    @staticmethod
    def _including(h: "Token") -> list["Token"]:
        """"including ..." right after the phrase of ``h``, wherever the parser hung it."""
        own = [c for c in h.children if c.dep_ == "prep" and c.lower_ in ("including", "notably")]
        if own:
            return own
        doc = h.doc
        right = h.right_edge.i
        for k in range(right + 1, min(len(doc), right + 6)):
            t = doc[k]
            if t.lower_ in ("including", "notably") and t.dep_ == "prep":
                return [t]
            if not (t.is_punct or t.ent_type_ == "DATE" or t.dep_ in ("det", "npadvmod")):
                break
        return []

    def owners(self, h: "Token") -> list[Party]:
        """The countries a noun's modifiers name ("a *U.S.* resolution", "*Germany's* proposal")."""
        codes = self._modifier_countries(h)
        return [Party(Actor(None, None, code), h.i, "country") for code in codes]

    def _earlier_mention_country(self, h: "Token") -> str | None:
        """"the resolution" after "a U.S. resolution": the country of the latest earlier mention of
        the same noun that names one (a definite noun refers back)."""
        if h.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in h.children):
            return None
        doc = h.doc
        for k in range(h.i - 1, max(-1, h.i - EARLIER_MENTION_WINDOW), -1):
            t = doc[k]
            if t.pos_ == "NOUN" and t.lemma_ == h.lemma_:
                code = self._modifier_country(t) or self._inner_country(t)
                if code:
                    return code
        return None

    def _office_holder(self, h: "Token", code: str) -> Party:
        """"the foreign ministers of X and Y": X's side is the person of X whose role has those words."""
        words = {lemma(h)} | {c.lower_ for c in h.children if c.dep_ in ("amod", "compound") and c.i < h.i}
        index = self.index
        people = [e for e in index.article.entities if e.type == "PERSON" and index.country_of(e) == code
                  and (e.role and words <= set(e.role.casefold().replace("ministers", "minister").split())
                       or words <= holder_title_words(e.name))]    # the office the table knows the name by
        if people:
            top = max(people, key=lambda e: len(e.mentions))
            return Party(Actor(top.name, top.id, code), h.i, "person")
        return Party(Actor(None, None, code), h.i, "official")

    def _of_countries(self, h: "Token") -> list[str]:
        """Countries named in "of X, Y and Z" after a role noun, one per conjunct."""
        index = self.index
        out: list[str] = []
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    for m in (p, *p.conjuncts):
                        e = index.entity(m.i)
                        code = index.country_of(e) if e is not None and e.type in PLACE_TYPES else \
                            index.word_country[m.i]
                        if code and code not in out:
                            out.append(code)
        return out

    def _modifier_country(self, h: "Token") -> str | None:
        index = self.index
        for c in h.children:
            if c.dep_ in _MODIFIER_DEPS and c.i < h.i:
                code = index.word_country[c.i]
                if code:
                    return code
        return None

    def _inner_country(self, h: "Token") -> str | None:
        """A country inside the phrase: "one of China's provinces", "Germany's proposal"."""
        index = self.index
        todo = [(c, 1) for c in h.children if c.dep_ in _INNER_DEPS]
        while todo:
            c, depth = todo.pop(0)
            if c.dep_ == "prep" and c.lower_ not in _INNER_PREPS:
                continue
            if index.outlet[c.i] is None:
                e = index.entity(c.i)
                if e is None and c.lower_ in PERSON_PRONOUNS:
                    e = index.antecedent(c.i, exclude=self._clause_subject(c))     # "dismissed his idea"
                code = index.country_of(e) if e is not None else index.word_country[c.i]
                if code:
                    return code
            if depth < 3:
                todo.extend((g, depth + 1) for g in c.children if g.dep_ in _INNER_DEPS)
        return None

    def place(self, tok: "Token") -> tuple[str | None, str | None] | None:
        """(name, country) of a place phrase ("Berlin", "a German region"), or None."""
        e = self.index.entity(tok.i)
        if e is not None and e.type in PLACE_TYPES | {"ORG"} and self.index.country_of(e):
            return e.name, self.index.country_of(e)        # "in Berlin", "in the White House"
        if e is not None and e.type not in PLACE_TYPES:
            return None
        code = self._modifier_country(tok) or self._inner_country(tok)
        return (None, code) if code else None
