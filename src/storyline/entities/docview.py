"""A parsed Doc as plain Python objects, read once and shared by the stages of one article.

spaCy computes a Token's attributes on every access: ``tok.dep_`` looks its label
up in the string store, ``tok.head`` and ``tok.children`` build new Token objects
each time. The rules of the entity, quote, time and event stages walk the parse
tens of thousands of times per article, so they read a :class:`DocView` instead:
the same attributes, read once from the Doc's arrays into slots, heads and children
linked once. Subtrees and conjuncts follow spaCy's definitions; the edges spaCy keeps
for each token and the roots of sentences are asked of spaCy on first use and kept.

``view_of(doc)`` builds the view of a Doc once: the stages run one after the other
on the same Doc, which is never changed after the parse, so they share it (the view
of the latest Doc is kept until another Doc is asked for). A view answers the parts
of the Doc, Token and Span interfaces the stages use; functions written against
spaCy objects take either.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from spacy.attrs import (DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_QUOTE, IS_SPACE,
                         IS_UPPER, LEMMA, ORTH, POS, SPACY, TAG)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

_ATTRS = [ORTH, LEMMA, POS, TAG, DEP, ENT_TYPE, ENT_IOB, HEAD, IDX, SPACY]
_IOB = ("", "I", "O", "B")
_STRINGS: dict[int, str] = {}          # string hash (or symbol id) -> string: the same in every vocab
_LEXEMES: dict[int, tuple[object, dict[int, tuple]]] = {}     # id(vocab) -> (vocab, orth -> lexeme facts)


def _strings(strings, keys: list[int]) -> list[str]:
    """The strings of a column of hashes (symbol ids for POS), through a process-wide memo."""
    try:
        return list(map(_STRINGS.__getitem__, keys))
    except KeyError:
        for key in set(keys) - _STRINGS.keys():
            _STRINGS[key] = strings[key]
        return list(map(_STRINGS.__getitem__, keys))


def _lexemes(vocab, orths: list[int]) -> list[tuple]:
    """Per token, what it takes from its lexeme: (text, lower_, is_alpha, is_punct, is_space, is_upper,
    is_lower, is_quote), through a memo per vocab (the flags come from the vocab's language)."""
    entry = _LEXEMES.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        entry = _LEXEMES[id(vocab)] = (vocab, {})
    facts = entry[1]
    try:
        return list(map(facts.__getitem__, orths))
    except KeyError:
        for orth in set(orths) - facts.keys():
            lex = vocab[orth]
            facts[orth] = (lex.orth_, lex.lower_, lex.check_flag(IS_ALPHA), lex.check_flag(IS_PUNCT),
                           lex.check_flag(IS_SPACE), lex.check_flag(IS_UPPER), lex.check_flag(IS_LOWER),
                           lex.check_flag(IS_QUOTE))
        return list(map(facts.__getitem__, orths))


class TokenView:
    """One token: spaCy's attribute names, plain values."""

    __slots__ = ("doc", "i", "idx", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_", "ent_iob_",
                 "whitespace_", "head", "children", "_lex", "_left_edge", "_right_edge")
    head: TokenView                     # linked by DocView once every token exists
    children: tuple[TokenView, ...]

    def __init__(self, doc: DocView, i: int, idx: int, lex: tuple, lemma: str, pos: str, tag: str, dep: str,
                 ent_type: str, ent_iob: str, space: int):
        self.doc = doc
        self.i = i
        self.idx = idx
        self._lex = lex
        self.text = lex[0]
        self.lower_ = lex[1]
        self.lemma_ = lemma
        self.pos_ = pos
        self.tag_ = tag
        self.dep_ = dep
        self.ent_type_ = ent_type
        self.ent_iob_ = ent_iob
        self.whitespace_ = " " if space else ""
        self._left_edge: TokenView | None = None
        self._right_edge: TokenView | None = None

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__

    def __len__(self) -> int:
        return len(self.text)

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    @property
    def is_alpha(self) -> bool:
        return self._lex[2]

    @property
    def is_punct(self) -> bool:
        return self._lex[3]

    @property
    def is_space(self) -> bool:
        return self._lex[4]

    @property
    def is_upper(self) -> bool:
        return self._lex[5]

    @property
    def is_lower(self) -> bool:
        return self._lex[6]

    @property
    def is_quote(self) -> bool:
        return self._lex[7]

    @property
    def lefts(self) -> list[TokenView]:
        i = self.i
        return [c for c in self.children if c.i < i]

    @property
    def rights(self) -> list[TokenView]:
        i = self.i
        return [c for c in self.children if c.i > i]

    @property
    def subtree(self) -> list[TokenView]:
        """The token and its descendants, in spaCy's order (each left child's subtree, the token,
        each right child's subtree)."""
        out: list[TokenView] = []
        _walk(self, out)
        return out

    @property
    def conjuncts(self) -> tuple[TokenView, ...]:
        """The tokens coordinated with this one (spaCy's walk: up the "conj" arcs, then down the right ones)."""
        start = self
        while start.dep_ == "conj" and start.head is not start:
            start = start.head
        output = [start]
        for word in output:                 # grows while read: a breadth-first walk
            for c in word.children:
                if c.i > word.i and c.dep_ == "conj":
                    output.append(c)
        return tuple([w for w in output if w is not self])

    # the edges spaCy keeps for each token (its own rules for non-projective trees): asked once, then kept
    @property
    def left_edge(self) -> TokenView:
        if self._left_edge is None:
            self._left_edge = self.doc.tokens[self.doc.doc[self.i].left_edge.i]
        return self._left_edge

    @property
    def right_edge(self) -> TokenView:
        if self._right_edge is None:
            self._right_edge = self.doc.tokens[self.doc.doc[self.i].right_edge.i]
        return self._right_edge

    @property
    def sent(self) -> SpanView:
        return self.doc.sent_of(self.i)

    def is_ancestor(self, descendant: TokenView) -> bool:
        """Whether ``descendant`` hangs below this token (spaCy's walk up the heads)."""
        if descendant.doc is not self.doc:
            return False
        t = descendant
        for _ in range(len(self.doc.tokens)):
            if t.head is t:
                return False
            t = t.head
            if t.i == self.i:
                return True
        return False


def _walk(t: TokenView, out: list[TokenView]) -> None:
    i = t.i
    for c in t.children:
        if c.i < i:
            _walk(c, out)
    out.append(t)
    for c in t.children:
        if c.i > i:
            _walk(c, out)


class SpanView:
    """Tokens ``start`` to ``end`` (exclusive) of a view: a slice or a sentence."""

    __slots__ = ("doc", "start", "end", "label_", "_root")

    def __init__(self, doc: DocView, start: int, end: int, label: str = ""):
        self.doc = doc
        self.start = start
        self.end = end
        self.label_ = label
        self._root: TokenView | None = None

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self):
        return iter(self.doc.tokens[self.start:self.end])

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop = _normalize_slice(len(self), i)
            return self.doc[self.start + start:self.start + stop]
        return self.doc.tokens[self.start:self.end][i]

    @property
    def start_char(self) -> int:
        return self.doc.tokens[self.start].idx

    @property
    def end_char(self) -> int:
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char]

    @property
    def root(self) -> TokenView:
        if self._root is None:
            self._root = self.doc.tokens[self.doc.doc[self.start:self.end].root.i]
        return self._root


def _normalize_slice(length: int, s: slice) -> tuple[int, int]:
    """spaCy's reading of ``doc[a:b]``: no step, bounds clipped to the doc."""
    if s.step not in (None, 1):
        raise ValueError("slices of a Doc take no step")
    start = 0 if s.start is None else (s.start + length if s.start < 0 else s.start)
    start = min(length, max(0, start))
    stop = length if s.stop is None else (s.stop + length if s.stop < 0 else s.stop)
    stop = min(length, max(start, stop))
    return start, stop


class DocView:
    """A Doc's tokens as :class:`TokenView` objects; ``doc`` is the spaCy Doc itself."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.vocab = doc.vocab
        n = len(doc)
        tokens: list[TokenView] = []
        if n:
            strings = doc.vocab.strings
            arr = doc.to_array(_ATTRS)
            heads = arr[:, 7].astype("int64").tolist()
            orth, lemma, pos, tag, dep, ent_type, iob, _, idx, space = arr.T.tolist()
            tokens = list(map(TokenView, [self] * n, range(n), idx, _lexemes(doc.vocab, orth),
                              _strings(strings, lemma), _strings(strings, pos), _strings(strings, tag),
                              _strings(strings, dep), _strings(strings, ent_type), map(_IOB.__getitem__, iob),
                              space))
            kids: dict[TokenView, list[TokenView]] = {}
            for t, off in zip(tokens, heads):
                t.head = h = tokens[t.i + off]
                t.children = ()
                if off:
                    if h in kids:
                        kids[h].append(t)
                    else:
                        kids[h] = [t]
            for h, k in kids.items():
                h.children = tuple(k)
        self.tokens = tokens
        self.text = "".join([t.text + t.whitespace_ for t in tokens])
        self._sents: list[SpanView] | None = None
        self._sent_index: list[int] | None = None
        self._ents: tuple[SpanView, ...] | None = None

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getitem__(self, i):
        if not isinstance(i, slice):
            return self.tokens[i]
        start, stop = i.start, i.stop
        if not (type(start) is int and type(stop) is int and 0 <= start < stop <= len(self.tokens)
                and i.step is None):
            start, stop = _normalize_slice(len(self.tokens), i)
            if start >= stop:
                return self.doc[start:stop]
        return SpanView(self, start, stop)

    @property
    def sents(self) -> list[SpanView]:
        if self._sents is None:
            self._sents = [SpanView(self, s.start, s.end) for s in self.doc.sents]
            index = [0] * len(self.tokens)
            for k, s in enumerate(self._sents):
                index[s.start:s.end] = [k] * (s.end - s.start)
            self._sent_index = index
        return self._sents

    def sent_of(self, i: int) -> SpanView:
        sents = self.sents
        assert self._sent_index is not None     # set by ``sents``
        return sents[self._sent_index[i]]

    @property
    def ents(self) -> tuple[SpanView, ...]:
        """The named entities, read from the tokens' IOB tags as ``Doc.ents`` reads them."""
        if self._ents is None:
            found: list[SpanView] = []
            start, label = -1, ""
            for t in self.tokens:
                iob = t.ent_iob_
                if iob == "I":
                    if start == -1:             # an "I" opening an entity: spaCy says what is wrong
                        self._ents = tuple(SpanView(self, e.start, e.end, e.label_) for e in self.doc.ents)
                        return self._ents
                elif iob in ("O", "") or not t.ent_type_:
                    if start != -1:
                        found.append(SpanView(self, start, t.i, label))
                    start, label = -1, ""
                else:                           # "B"
                    if start != -1:
                        found.append(SpanView(self, start, t.i, label))
                    start, label = t.i, t.ent_type_
            if start != -1:
                found.append(SpanView(self, start, len(self.tokens), label))
            self._ents = tuple(e for e in found if e.label_)
        return self._ents

    def char_span(self, start: int, end: int, **kwargs) -> Span | None:
        return self.doc.char_span(start, end, **kwargs)

    def has_annotation(self, attr: str, **kwargs) -> bool:
        return self.doc.has_annotation(attr, **kwargs)

    def to_array(self, attrs):
        return self.doc.to_array(attrs)


_LAST: DocView | None = None


def view_of(doc: Doc | DocView) -> Doc:
    """The view of ``doc``, built on the first call for that Doc. A Doc with user hooks (which may
    change what its tokens and spans answer) is read through spaCy itself.

    Typed as a ``Doc``: the view answers the parts of the Doc interface the stages read, and
    their functions are annotated with spaCy's types (a Protocol of those parts would be as long
    as this module and checked nowhere else)."""
    global _LAST
    if isinstance(doc, DocView):
        return cast("Doc", doc)
    if doc.user_hooks or doc.user_token_hooks or doc.user_span_hooks:
        return doc
    last = _LAST
    if last is None or last.doc is not doc:
        last = _LAST = DocView(doc)
    return cast("Doc", last)
