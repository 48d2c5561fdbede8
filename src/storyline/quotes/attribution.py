"""Who said it: resolve the speaker of each quoted span.

Every reporting verb outside quotes ("said", "told", "wrote", "quoted ... as
saying", "according to") is resolved once, in text order, to a speaker: the
entity its subject names, a description that fits a person or an organisation
named earlier ("the press secretary", "the ministry", "the daily"), a pronoun's
latest fitting speaker, or the subject phrase itself ("a Japanese governmental
official"). A quote then takes the verb that governs it: the one after it
(`"…," X said`) or before it (`X told reporters: "…"`), and a quote with no
verb of its own continues the speaker of the one just before.
"""
from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..entities.docview import view_of
from ..entities.geo import gazetteer
from ..entities.patterns import DETERMINERS, OUTLET_NOUNS, ORG_NOUNS
from ..entities.roles import parse_description, pick_described
from ..records import Entity
from .patterns import (ANAPHORIC_NOUNS, CONTINUATION_CHARS, DOCUMENT_CHARS, DOCUMENT_NOUNS, OBJECT_SPEAKER_VERBS, ORG_PRONOUNS, PERSON_PRONOUNS,
                       RELATIVE_PRONOUNS, REPORTING_VERBS)
from .spans import QuoteSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_CUT_DEPS = frozenset({"relcl", "appos", "acl", "punct", "advcl", "cc", "conj", "prep"})
_SENTENCE_END = frozenset({".", "!", "?"})
_ORG_KINDS = ("org", "outlet")
_ACCORDING = frozenset({"according"})
_NP_PREPS = frozenset({"of", "in", "at", "from", "within"})   # "sources in the government", "head of the ministry"
_NEWS_WORDS = OUTLET_NOUNS | {"news", "press", "service", "office", "website", "site"}
_INSTITUTION_WORDS = ORG_NOUNS | _NEWS_WORDS      # "the Kremlin *press service*": the phrase speaks for the entity


@dataclass
class Speaker:
    name: str | None
    entity: Entity | None = None
    kind: str | None = None        # person | org | outlet | place | None


_KIND = {"PERSON": "person", "ORG": "org", "OUTLET": "outlet", "GPE": "place", "NORP": "place", "LOC": "place"}


class Attributor:
    """Speakers of the quotes of one article; build once per Doc."""

    def __init__(self, doc: "Doc", entities: list[Entity], spans: list[QuoteSpan], text: str | None = None):
        self.doc = doc = view_of(doc)
        self.text = doc.text if text is None else text
        self.gaz = gazetteer()
        self.tok_starts = [t.idx for t in doc]
        self.mentions = sorted((s, e, ent) for ent in entities for (s, e) in ent.mentions)
        self.mention_starts = [m[0] for m in self.mentions]
        self.people = [e for e in entities if e.type == "PERSON"]
        self.quotes = spans
        self.quote_opens = [q.open for q in spans]
        self.events: list[tuple[int, Speaker]] = []        # (position, speaker), sorted by position
        self.verb_speaker: dict[int, Speaker] = {}
        self.verbs = [t.i for t in doc if (t.lemma_ in REPORTING_VERBS or t.lower_ in _ACCORDING)
                      and (t.pos_ in ("VERB", "AUX") or t.lower_ == "according") and not self.inside_quote(t.idx)]
        self._verb_set = set(self.verbs)
        self.has_sents = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
        self._resolved = 0          # verbs are resolved lazily, in text order, so that pronouns see
                                    # every speaker before them, quotes' speakers included

    # ------------------------------------------------------------ lookups
    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.tok_starts, char) - 1)

    def inside_quote(self, char: int) -> bool:
        k = bisect_right(self.quote_opens, char) - 1
        return k >= 0 and char <= self.quotes[k].close

    def entity_at(self, tok: "Token") -> Entity | None:
        k = bisect_right(self.mention_starts, tok.idx) - 1
        best = None
        while k >= 0 and self.mentions[k][0] > tok.idx - 200:
            s, e, ent = self.mentions[k]
            if s <= tok.idx < e and (best is None or ent.type == "PERSON"):
                best = ent
            k -= 1
        return best

    def last_event(self, pos: int, kinds: tuple[str | None, ...]) -> Speaker | None:
        self._advance(pos)
        for at, sp in reversed(self.events):
            if at < pos and sp.kind in kinds:
                return sp
        return None

    def add_event(self, pos: int, speaker: Speaker) -> None:
        insort(self.events, (pos, speaker), key=lambda e: e[0])

    def _event_at(self, speaker: Speaker) -> int:
        return max((at for at, sp in self.events if sp is speaker), default=-1)

    def last_mention(self, pos: int, types: tuple[str, ...], contains: str | None = None) -> Entity | None:
        k = bisect_right(self.mention_starts, pos) - 1
        while k >= 0:
            s, _, ent = self.mentions[k]
            if s < pos and ent.type in types and not self.inside_quote(s) and self.text[s - 1:s] != "/":
                if contains is None or contains in ent.name.casefold():
                    return ent
            k -= 1
        return None

    # ------------------------------------------------------------ verbs
    def _advance(self, pos: int) -> None:
        """Resolve every reporting verb before ``pos`` not resolved yet."""
        while self._resolved < len(self.verbs) and self.doc[self.verbs[self._resolved]].idx < pos:
            tok = self.doc[self.verbs[self._resolved]]
            self._resolved += 1
            speaker = self.resolve(self._speaker_token(tok), tok.idx)
            if speaker is None or speaker.kind == "place":
                # a dateline parsed as the subject ("LONDON, May 2 - ... Johnson said"): the name
                # right before the verb is the speaker
                speaker = self._adjacent_speaker(tok) or speaker
            if speaker is not None:
                self.verb_speaker[tok.i] = speaker
                self.add_event(tok.idx, speaker)

    def speaker_of_verb(self, i: int) -> Speaker | None:
        self._advance(self.doc[i].idx + 1)
        return self.verb_speaker.get(i)

    def _adjacent_speaker(self, verb: "Token") -> Speaker | None:
        if verb.i == 0 or verb.lower_ == "according":
            return None
        ent = self.entity_at(self.doc[verb.i - 1])
        if ent is not None and ent.type in ("PERSON", "ORG", "OUTLET"):
            return Speaker(ent.name, ent, _KIND[ent.type])
        return None

    def _speaker_token(self, verb: "Token") -> "Token | None":
        if verb.lower_ == "according":
            for to in verb.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return obj
            return None
        if verb.lemma_ in OBJECT_SPEAKER_VERBS:
            for c in verb.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    return c
        v = verb
        for _ in range(3):
            for c in v.children:
                if c.dep_ == "nsubj":
                    return c
            if v.dep_ not in ("xcomp", "conj") or v.head is v:
                break
            v = v.head
        return None

    # ------------------------------------------------------------ subjects
    def resolve(self, tok: "Token | None", pos: int) -> Speaker | None:
        if tok is None:
            return None
        low = tok.lower_
        if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.resolve(tok.head.head, pos)
        if low in PERSON_PRONOUNS:
            sp = self.last_event(pos, ("person",))
            if sp is None:
                ent = self.last_mention(pos, ("PERSON",))
                sp = Speaker(ent.name, ent, "person") if ent else None
            return sp
        if low in ORG_PRONOUNS:
            return self.last_event(pos, _ORG_KINDS)
        if tok.pos_ == "PRON":
            return None
        ent = self.entity_at(tok)
        phrase = self._phrase(tok)
        if ent is not None:
            if ent.type in ("ORG", "GPE") and tok.lower_ in _INSTITUTION_WORDS and len(phrase) > 1:
                return Speaker(_phrase_name(phrase), ent, "org")
            return Speaker(ent.name, ent, _KIND.get(ent.type))
        for c in tok.children:
            if c.dep_ == "appos":
                e = self.entity_at(c)
                if e is not None and e.type == "PERSON":
                    return Speaker(e.name, e, "person")
        named = self._name_closing(tok)
        if named is not None:
            return named
        if tok.lemma_.lower() in DOCUMENT_NOUNS and phrase and phrase[0].lower_ in ("the", "this", "that"):
            # "the statement read": whoever issued it spoke shortly before ("the ministry said in a statement")
            last = self.last_event(pos, ("org", "person", None))
            if last is not None and pos - self._event_at(last) <= DOCUMENT_CHARS:
                return last
        return self._describe(tok, phrase, pos)

    def _name_closing(self, head: "Token") -> Speaker | None:
        """"Israel's ambassador to the UN Dan Gillerman said": a person's name that closes the subject
        phrase, right after a title's words (not after a preposition: "the spokesman for X" is not X)."""
        last = head.right_edge
        if last.i <= head.i:
            return None
        e = self.entity_at(last)
        if e is None or e.type != "PERSON":
            return None
        first = last
        while first.i > head.i + 1 and self.entity_at(self.doc[first.i - 1]) is e:
            first = self.doc[first.i - 1]
        before = self.doc[first.i - 1]
        if before.pos_ == "ADP" or before.lower_ in (",", "and", "or"):
            return None
        return Speaker(e.name, e, "person")

    def _phrase(self, tok: "Token") -> list["Token"]:
        """The subject's noun phrase: modifiers and "of"-phrases, no clauses or appositives."""
        keep = {tok.i}
        stack = [c for c in tok.children if c.dep_ not in _CUT_DEPS or (c.dep_ == "prep" and c.lower_ in _NP_PREPS)]
        while stack:
            t = stack.pop()
            keep.add(t.i)
            stack.extend(c for c in t.children if c.dep_ not in ("relcl", "appos", "acl", "punct"))
        toks = [self.doc[i] for i in sorted(keep)]
        return [t for t in toks if not self.inside_quote(t.idx)]

    def _describe(self, head: "Token", phrase: list["Token"], pos: int) -> Speaker | None:
        lemma = head.lemma_.lower()
        definite = bool(phrase) and phrase[0].lower_ in DETERMINERS - {"a", "an"}
        left = [t for t in phrase if t.i < head.i]
        left_ents = [e for e in (self.entity_at(t) for t in left) if e is not None]
        if lemma in _NEWS_WORDS or head.lower_ in _NEWS_WORDS:
            for e in left_ents:
                if e.type == "OUTLET":
                    return Speaker(e.name, e, "outlet")
            if definite and (lemma in OUTLET_NOUNS or head.lower_ in OUTLET_NOUNS):
                ent = self.last_mention(pos, ("OUTLET",))
                if ent is not None:
                    return Speaker(ent.name, ent, "outlet")
        desc = parse_description(phrase, self.gaz)
        if desc is not None and desc.definite:
            person = self._match_person(desc.words, desc.country, pos)
            if person is not None:
                return Speaker(person.name, person, "person")
        if definite and (lemma in ANAPHORIC_NOUNS or desc is not None):
            # "the diplomat stressed", "the source added", "the Japanese prime minister told reporters" of
            # someone whose title was never stated: the person who spoke last, named or not, if nothing known
            # about them contradicts the description
            last = self.last_event(pos, ("person",))
            if last is not None and pos - self._event_at(last) <= CONTINUATION_CHARS \
                    and self._may_be(last, desc, generic=lemma in ANAPHORIC_NOUNS):
                return last
        if desc is not None:
            return Speaker(_phrase_name(phrase), None, "person")
        if lemma in ORG_NOUNS or head.lower_ in ORG_NOUNS:
            for e in left_ents:
                if e.type in ("ORG", "GPE"):
                    return Speaker(_phrase_name(phrase), e, "org")
            if definite:
                ent = self.last_mention(pos, ("ORG",), contains=lemma)
                if ent is not None:
                    return Speaker(ent.name, ent, "org")
            return Speaker(_phrase_name(phrase), None, "org")
        if head.pos_ in ("NOUN", "PROPN") and phrase:
            return Speaker(_phrase_name(phrase), None, None)
        return None

    @staticmethod
    def _may_be(speaker: Speaker, desc, generic: bool) -> bool:
        ent = speaker.entity
        if ent is None:
            return generic
        if desc is not None and desc.country and ent.country not in (None, desc.country):
            return False
        return generic or ent.role is None

    def _match_person(self, words: str, country: str | None, pos: int) -> Entity | None:
        return pick_described(((p, p.role, p.country, max((s for s, _ in p.mentions if s < pos), default=-1))
                               for p in self.people), words, country)

    # ------------------------------------------------------------ quotes
    def speaker_of(self, q: QuoteSpan, prev: tuple[QuoteSpan, Speaker | None] | None) -> tuple[Speaker | None, str]:
        """The speaker of ``q`` and how it was found: "verb", "subject", "continued" or "none"."""
        after = self._verb_after(q)
        before = self._verb_before(q, prev[0] if prev else None)
        first, last = self.doc[self.token_at(q.start)], self.doc[self.token_at(q.end - 1)]
        choice: Token | None
        if after is not None and after.is_ancestor(last):
            choice = after
        elif before is not None and (before.is_ancestor(first) or before.lower_ == "according"):
            choice = before
        else:
            choice = after if after is not None else before
        if choice is not None:
            return self.verb_speaker.get(choice.i), "verb"
        root_speaker = self._root_subject(q, prev[0] if prev else None)
        if root_speaker is not None:
            self.add_event(q.open, root_speaker)
            return root_speaker, "subject"
        if prev is not None and q.open - prev[0].close <= CONTINUATION_CHARS and self._starts_sentence(q):
            latest = self.last_event(q.open, ("person", "org", "outlet", None))
            speaker = latest if latest is not None and self._event_at(latest) > prev[0].close else prev[1]
            if speaker is not None:
                self.add_event(q.open, speaker)
            return speaker, "continued"
        return None, "none"

    def _starts_sentence(self, q: QuoteSpan) -> bool:
        """A quote standing as its own sentence (it may continue the last speaker), not one inside narration."""
        before = self.text[max(0, q.open - 80):q.open].rstrip()
        return not before or before[-1] in ".!?:\n\"”»"

    def _verb_after(self, q: QuoteSpan) -> "Token | None":
        text = self.text
        content_end = text[q.end - 1] if q.end > q.start else ""
        nxt = text[q.close + 1:q.close + 3].lstrip()
        if content_end == "." and not (nxt[:1].islower() or nxt[:1] == ","):
            return None
        i = self.token_at(q.close + 1) if q.close + 1 < len(text) else len(self.doc)
        while i < len(self.doc) and self.doc[i].idx <= q.close:
            i += 1
        for k in range(i, min(i + 25, len(self.doc))):
            tok = self.doc[k]
            if tok.text in _SENTENCE_END or "\n" in tok.text or self.inside_quote(tok.idx):
                return None
            if k in self._verb_set and self.speaker_of_verb(k) is not None:
                return tok
        return None

    def _verb_before(self, q: QuoteSpan, prev: QuoteSpan | None) -> "Token | None":
        i = self.token_at(q.open)
        window = max(0, q.open - 200)
        before = self.text[window:q.open].rstrip()
        colon = before.endswith(":")        # "X told reporters:" closing the paragraph before the quote
        anchor = self.token_at(window + len(before) - 1) if colon else i
        start = self.doc[anchor].sent.start if self.has_sents else max(0, anchor - 40)
        if prev is not None:
            start = max(start, self.token_at(prev.close) + 1)
        for k in range(i - 1, start - 1, -1):
            tok = self.doc[k]
            if "\n" in tok.text and not colon:
                return None
            if k in self._verb_set and self.speaker_of_verb(k) is not None:
                return tok
        return None

    def _root_subject(self, q: QuoteSpan, prev: QuoteSpan | None) -> Speaker | None:
        """No reporting verb: "The ministry hopes to hold "a comprehensive discussion"" -> the ministry."""
        i = self.token_at(q.open)
        if not self.has_sents:
            return None
        root = self.doc[i].sent.root
        if self.inside_quote(root.idx) or (prev is not None and root.idx < prev.close):
            return None
        for c in root.children:
            if c.dep_ == "nsubj" and c.i < i:
                ent = self.entity_at(c)
                if ent is not None and ent.type in ("PERSON", "ORG", "OUTLET"):
                    return Speaker(ent.name, ent, _KIND[ent.type])
        return None


def _phrase_name(phrase: list["Token"]) -> str:
    toks = list(phrase)
    while toks and toks[0].lower_ in ("the", "this", "that"):
        toks = toks[1:]
    text = "".join(t.text_with_ws for t in toks).strip()
    return " ".join(text.split())
