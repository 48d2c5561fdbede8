"""Near-duplicate articles by MinHash LSH over character 5-grams."""
from __future__ import annotations

import random

from storyline.link import find_duplicates, sign
from storyline.link.dedup import compare_signatures, shingles

_WORDS = ("minister visit talks treaty islands summit economic cooperation energy sanctions agreement security "
          "delegation president government parliament region border trade investment dialogue negotiations "
          "statement ministry spokesman reporters conference bilateral relations meeting").split()


def story(seed: int, n: int = 120) -> str:
    rng = random.Random(seed)
    sentences = []
    for _ in range(n // 12):
        sentences.append(" ".join(rng.choice(_WORDS) for _ in range(12)).capitalize() + ".")
    return " ".join(sentences)


BASE = story(1)


def test_shingles_are_character_5_grams_of_normalised_text() -> None:
    assert shingles("Ab  Cd’e") == {b"ab cd", b"b cde"}
    assert shingles("") == set()


def test_a_reprint_with_site_furniture_is_found_and_labelled() -> None:
    a = sign("a", BASE, "2016-01-01")
    b = sign("b", "World | Asia\n" + BASE + "\nRead more: subscribe to our newsletter", "2016-01-01")
    res = find_duplicates([a, b])
    assert res.groups == {"a": ("a", "original"), "b": ("a", "reprint")}


def test_an_updated_version_and_a_truncated_copy_join_the_group() -> None:
    sentences = BASE.split(". ")
    updated = ". ".join(sentences[:3] + ["The talks ended late on Friday with a joint statement"] + sentences[3:])
    updated += " " + story(7, 36)
    truncated = ". ".join(sentences[: len(sentences) // 3])
    sigs = [sign("orig", BASE, "2016-01-01"), sign("upd", updated, "2016-01-02"),
            sign("cut", truncated, "2016-01-03")]
    res = find_duplicates(sigs)
    assert res.groups["upd"] == ("orig", "update")
    assert res.groups["cut"] == ("orig", "truncated")


def test_different_stories_on_one_topic_are_not_duplicates() -> None:
    sigs = [sign(f"s{i}", story(100 + i), "2016-01-01") for i in range(12)]
    assert find_duplicates(sigs).groups == {}
    assert compare_signatures(sigs[0], sigs[1]) is None


def test_short_texts_are_never_duplicates() -> None:
    res = find_duplicates([sign("a", "Putin will visit Japan."), sign("b", "Putin will visit Japan.")])
    assert res.groups == {}


def test_groups_are_independent_of_input_order_and_named_after_the_earliest_article() -> None:
    copies = [sign(f"c{i}", BASE + (" Updated." * i), f"2016-01-0{9 - i}") for i in range(5)]
    first = find_duplicates(copies).groups
    assert {g for g, _ in first.values()} == {"c4"}                 # published earliest
    for seed in range(3):
        shuffled = copies[:]
        random.Random(seed).shuffle(shuffled)
        assert find_duplicates(shuffled).groups == first


def test_a_new_copy_merges_existing_groups_incrementally() -> None:
    a, b = sign("a", BASE, "2016-01-01"), sign("b", BASE + " Reprinted.", "2016-01-02")
    old = find_duplicates([a, b]).groups
    c = sign("c", BASE + " Reprinted again.", "2016-01-03")
    res = find_duplicates([c], [a, b], old)
    assert res.groups == {"c": ("a", "reprint")}                     # only what changed


def test_minhash_equals_datasketch_update_batch() -> None:
    """The vectorised MinHash is datasketch's own (affine32, same seed), value for value."""
    import numpy as np

    from storyline.link.dedup import _minhash, _template, shingle_hashes, normalize
    from storyline.link.rules import DEDUP

    rng = np.random.default_rng(7)
    cases = [np.empty(0, dtype=np.uint32), np.array([0, 1, 2**32 - 1], dtype=np.uint32),
             np.unique(rng.integers(0, 2**32, 9000, dtype=np.uint64).astype(np.uint32)),
             shingle_hashes(normalize(BASE))]
    for hashes in cases:
        mh = _template(DEDUP.num_perm, DEDUP.seed).copy()
        if len(hashes):
            mh.update_batch(hashes.tolist())
        got = _minhash(hashes, DEDUP)
        assert got.dtype == np.asarray(mh.hashvalues).dtype
        assert np.array_equal(got, np.asarray(mh.hashvalues))
