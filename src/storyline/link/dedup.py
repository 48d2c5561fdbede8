"""Near-duplicate articles: reprints, updated versions and truncated copies of one story.

Each article's clean text is cut into character 5-gram shingles and summarised by
a MinHash (datasketch, scheme ``affine32``); MinHash LSH finds the pairs worth a
look. A pair is one story when the estimated Jaccard similarity is high, or when
the shorter text lies almost wholly inside the longer one (a truncated copy, an
update that added paragraphs): containment is estimated from the Jaccard estimate
and the two shingle counts, |A∩B| = J(|A|+|B|)/(1+J).

Duplicate groups are connected components of such pairs (so independent of input
order); a group is named after its earliest article (publication date, then id),
the "original"; every other member is a "reprint", an "update" or a "truncated"
copy. Two LSH indexes find candidates: one over the whole text (threshold 0.5:
reprints and updates) and one over its lead (the first 600 characters, threshold
0.8: truncated copies and updates that kept the lead), so that articles on one
topic (Jaccard 0.1-0.2 for 5-grams) are rarely even compared. The band keys are
plain integers, so the store keeps them and finds an old article sharing a band
with a new one by a join (``store.events``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from collections.abc import Iterable, Mapping

import numpy as np

from . import dates
from .rules import DEDUP, DedupRules

SCHEME = "affine32"


@dataclass
class Signature:
    """The MinHashes of one article's text and of its lead, its shingle count and LSH band keys."""

    article_id: str
    published: dt.date | None
    n_shingles: int
    hashvalues: np.ndarray                 # MinHash of the whole text
    lead: np.ndarray                       # MinHash of its first ``rules.lead_chars`` characters
    bands: list[int] = field(default_factory=list)

    @property
    def order(self) -> tuple[str, str]:
        return (self.published.isoformat() if self.published else "9999", self.article_id)


@dataclass
class DuplicateResult:
    """Pairs found and the group of every article in a group that changed."""

    pairs: list[tuple[str, str, float, float]]     # (article, article, Jaccard, containment)
    groups: dict[str, tuple[str, str]]             # article id -> (group id, kind)

    @property
    def changed_articles(self) -> set[str]:
        return set(self.groups)


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[‘’“”\"'`]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def shingles(text: str, k: int = DEDUP.shingle) -> set[bytes]:
    """The character k-grams of the normalised text (the text itself when shorter)."""
    t = normalize(text)
    if len(t) <= k:
        return {t.encode("utf-8")} if t else set()
    return {t[i:i + k].encode("utf-8") for i in range(len(t) - k + 1)}


def _lsh(threshold: float, rules: DedupRules) -> Any:
    from datasketch import MinHashLSH

    ranges = _hashranges(threshold, rules.num_perm)
    return MinHashLSH(threshold=threshold, num_perm=rules.num_perm, params=(len(ranges), ranges[0][1] - ranges[0][0]))


@lru_cache(maxsize=8)
def _hashranges(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    from datasketch import MinHashLSH

    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


def band_keys(hashvalues: np.ndarray, lead: np.ndarray, rules: DedupRules = DEDUP) -> list[int]:
    """Signed 64-bit keys of the LSH bands of the text's and the lead's MinHash, as datasketch's
    ``MinHashLSH`` cuts them for the two thresholds (the band's number and kind are mixed in)."""
    out = []
    for offset, hv, threshold in ((0, hashvalues, rules.lsh_threshold), (1000, lead, rules.lead_threshold)):
        for band, (start, end) in enumerate(_hashranges(threshold, rules.num_perm)):
            digest = hashlib.blake2b(np.ascontiguousarray(hv[start:end]).tobytes(), digest_size=8,
                                     salt=(offset + band).to_bytes(8, "little")).digest()
            out.append(int.from_bytes(digest, "little", signed=True))
    return out


def shingle_hashes(norm: str, k: int = DEDUP.shingle) -> np.ndarray:
    """32-bit hashes of the distinct character k-grams of normalised text, computed at once
    (a polynomial hash over code points and the MurmurHash3 finaliser): ``shingles`` without
    a Python loop per shingle."""
    if not norm:
        return np.empty(0, dtype=np.uint32)
    cps = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    k = min(k, len(cps))
    n = len(cps) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for i in range(k):
        h = h * np.uint64(1_000_003) + cps[i:i + n]
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return np.unique((h >> np.uint64(32)).astype(np.uint32))


def _identity(x: int) -> int:
    return x


@lru_cache(maxsize=4)
def _template(num_perm: int, seed: int) -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME, hashfunc=_identity)


_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_BLOCK = 4096                   # shingles per step: a step's products take 4096 x num_perm x 4 bytes


def _minhash(hashes: np.ndarray, rules: DedupRules) -> np.ndarray:
    """The MinHash of 32-bit shingle hashes, equal to datasketch's ``MinHash.update_batch`` with the
    ``affine32`` scheme and the same seed (its permutations are the ones datasketch draws), computed
    from the array at once: datasketch calls the hash function once per value in Python, which
    was a third of the linking time. ``tests/test_link_dedup.py`` checks the two agree."""
    a, b = _template(rules.num_perm, rules.seed).permutations
    out = np.full(len(a), np.iinfo(np.uint32).max, dtype=np.uint32)
    if not len(hashes):
        return out
    s1, m1, s2, m2, s3 = _FMIX32
    with np.errstate(over="ignore"):
        hv = hashes.astype(np.uint32)
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        hv = hv ^ (hv >> s3)
        for start in range(0, len(hv), _BLOCK):
            phv = hv[start:start + _BLOCK, None] * a[None, :] + b[None, :]     # wraps: mod 2**32
            np.minimum(out, phv.min(axis=0), out=out)
    return out


def sign(article_id: str, text: str, published: dt.date | str | None = None,
         rules: DedupRules = DEDUP) -> Signature:
    """The signature of one article's text."""
    norm = normalize(text)
    hashes = shingle_hashes(norm, rules.shingle)
    hv = _minhash(hashes, rules)
    lead = hv
    if len(norm) > rules.lead_chars:
        lead = _minhash(shingle_hashes(norm[: rules.lead_chars], rules.shingle), rules)
    pub = dates.day(published) if isinstance(published, str) else published
    # a text too short to be judged is never indexed: empty texts would all share every band
    bands = band_keys(hv, lead, rules) if len(hashes) >= rules.min_shingles else []
    return Signature(article_id, pub, len(hashes), hv, lead, bands)


def sign_records(records: Iterable[dict[str, Any]], rules: DedupRules = DEDUP) -> list[Signature]:
    """Signatures of article records (OUTPUT.md): their clean ``text``."""
    out = []
    for rec in records:
        pub = rec.get("published")
        out.append(sign(str(rec.get("id") or ""), rec.get("text") or "",
                        pub.get("date") if isinstance(pub, dict) else pub, rules))
    return out


def compare_signatures(a: Signature, b: Signature, rules: DedupRules = DEDUP) -> tuple[float, float] | None:
    """(Jaccard, containment) estimates when ``a`` and ``b`` are one story, else None."""
    if min(a.n_shingles, b.n_shingles) < rules.min_shingles:
        return None
    j = float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)
    inter = j * (a.n_shingles + b.n_shingles) / (1.0 + j)
    c = min(1.0, inter / min(a.n_shingles, b.n_shingles))
    if j >= rules.same_story or (c >= rules.containment and j >= rules.min_containment_jaccard):
        return j, c
    return None


def _kind(a: Signature, b: Signature, j: float, c: float, rules: DedupRules) -> str:
    """What ``a`` is to ``b`` (the earlier member it matched)."""
    ratio = min(a.n_shingles, b.n_shingles) / max(a.n_shingles, b.n_shingles, 1)
    if j >= rules.reprint or (c >= rules.containment and ratio >= rules.reprint_size_ratio):
        return "reprint"
    if a.n_shingles < b.n_shingles and c >= rules.containment:
        return "truncated"
    return "update"


def find_duplicates(new: Iterable[Signature], existing: Iterable[Signature] = (),
                    groups: Mapping[str, tuple[str, str]] | None = None, *,
                    rules: DedupRules = DEDUP) -> DuplicateResult:
    """Duplicate groups for ``new`` articles, given ``existing`` signatures (at least those that may
    match: the store gives the ones sharing an LSH band) and the existing ``groups`` of those
    articles (article -> (group id, kind)), including every member of each such group."""
    from datasketch import LeanMinHash

    groups = dict(groups or {})
    new = list({s.article_id: s for s in new}.values())
    new_ids = {s.article_id for s in new}
    sigs = {s.article_id: s for s in existing if s.article_id not in new_ids}
    sigs.update({s.article_id: s for s in new})
    indexes = [(_lsh(rules.lsh_threshold, rules), "hashvalues"), (_lsh(rules.lead_threshold, rules), "lead")]
    indexed = sorted(aid for aid, sig in sigs.items() if sig.n_shingles >= rules.min_shingles)
    for lsh, attr in indexes:
        for aid in indexed:
            lsh.insert(aid, LeanMinHash(seed=rules.seed, hashvalues=getattr(sigs[aid], attr), scheme=SCHEME))
    pairs: dict[tuple[str, str], tuple[float, float]] = {}
    checked: set[tuple[str, str]] = set()
    for s in sorted(new, key=lambda s: s.article_id):
        if s.n_shingles < rules.min_shingles:
            continue
        found: set[str] = set()
        for lsh, attr in indexes:
            found.update(lsh.query(LeanMinHash(seed=rules.seed, hashvalues=getattr(s, attr), scheme=SCHEME)))
        for other in sorted(found - {s.article_id}):
            key = (min(s.article_id, other), max(s.article_id, other))
            if key in checked:
                continue
            checked.add(key)
            hit = compare_signatures(sigs[key[0]], sigs[key[1]], rules)
            if hit:
                pairs[key] = hit

    # union-find over articles; existing groups are unions already
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for aid, (gid, _) in groups.items():
        union(aid, gid)
    for a, b in pairs:
        union(a, b)
    touched = {find(a) for pair in pairs for a in pair}
    members: dict[str, list[str]] = {}
    for aid in list(parent):
        root = find(aid)
        if root in touched:
            members.setdefault(root, []).append(aid)

    def order(aid: str) -> tuple[str, str]:
        s = sigs.get(aid)
        if s is not None:
            return s.order
        return ("9999", aid) if aid not in groups or groups[aid][0] != aid else ("0000", aid)

    best: dict[str, tuple[float, str]] = {}
    for (a, b), (j, _) in pairs.items():
        for x, y in ((a, b), (b, a)):
            if x not in best or (j, y) > best[x]:
                best[x] = (j, y)
    out: dict[str, tuple[str, str]] = {}
    for ids in members.values():
        canonical = min(ids, key=order)
        for aid in ids:
            if aid == canonical:
                out[aid] = (canonical, "original")
            elif aid in best and aid in sigs and best[aid][1] in sigs:
                j, other = best[aid]
                key = (min(aid, other), max(aid, other))
                out[aid] = (canonical, _kind(sigs[aid], sigs[other], j, pairs[key][1], rules))
            else:
                out[aid] = (canonical, groups.get(aid, (canonical, "update"))[1])
    changed = {aid: g for aid, g in out.items() if groups.get(aid) != g}
    return DuplicateResult(pairs=[(a, b, j, c) for (a, b), (j, c) in sorted(pairs.items())], groups=changed)
