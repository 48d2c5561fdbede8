"""Places and nationalities to ISO 3166-1 alpha-3 codes.

Countries come from pycountry (names, official and common names, with their
", Republic of"-style tails cut) overlaid by ``data/geo.json`` (aliases pycountry
lacks such as "Russia" or "Turkey", demonyms, metonyms, capitals and major cities).
Everything is built once per process.

The table covers the world, not the big powers only: a demonym and the capital (and
seat of government) of every UN member and observer state and of the reported
territories, from the UN member list and the Factbook's nationality and capital fields.
A form that names two states or is as often something else is left out (the file's
note gives the rule and the list): an unknown form costs an event, a wrong one gives a
wrong country. Measured: "Micronesian President X will make a state visit to China" gave
no event before and gives CONSULT FSM->CHN; on devreal the events are unchanged but for
a trilateral meeting whose host city became known (its pairs now carry the gold's modes
and place), seeds and samples hold.

Country and city names match in any case ("JAPAN", "DAR ES SALAAM" in a dateline) but
acronyms and ISO codes only as written: casefolded, "KEN", "BEN", "AND", "HUN", "PAN" were
"Ken", "Ben", "And", "Hun", "Pan", and "Prime Minister Ken will visit Japan" gave a KEN->JPN
visit. On the 255 TimeBank/AQUAINT news texts (never tuned on), the table and these rules
changed the entities of 41 articles: five persons lost the country Andorra (from "And"),
a name part "Hun" no longer meant Hungary nor an airline's "Pan" Panama, new capitals and
summit towns found their country and new demonyms became nationalities; 2 events more.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, str]      # "Japan" -> "JPN"; keys also casefolded
    demonyms: dict[str, str]       # "Japanese" -> "JPN"
    metonyms: dict[str, str]       # "Kremlin" -> "RUS"
    cities: dict[str, str]         # "Tokyo" -> "JPN"
    country_names: dict[str, str]  # "JPN" -> "Japan" (a short common name)

    def country(self, name: str) -> str | None:
        """ISO-3 code of a country name ("Russia", "the United States"), else None."""
        key = _clean(name)
        return self.countries.get(key) or self.countries.get(key.casefold())

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(_clean(word))

    def city(self, name: str) -> str | None:
        """ISO-3 code of a city as written or in any case ("DAR ES SALAAM", "PORT-AU-PRINCE"), else None."""
        key = _clean(name)
        return self.cities.get(key) or self.cities.get(key.casefold())

    def metonym(self, name: str) -> str | None:
        return self.metonyms.get(_clean(name))

    def place(self, name: str) -> tuple[str, str] | None:
        """``(kind, code)`` of a place name: kind is "country" or "city"; None if unknown."""
        code = self.country(name)
        if code:
            return "country", code
        code = self.city(name)
        if code:
            return "city", code
        return None

    def any_code(self, text: str) -> str | None:
        """Country code of a country, city, metonym or demonym, in that order."""
        return self.country(text) or self.city(text) or self.metonym(text) or self.demonym(text)

    def name_of(self, code: str) -> str:
        return self.country_names.get(code, code)


@lru_cache(maxsize=16384)
def _clean(name: str) -> str:
    name = " ".join(name.split())
    name = _THE.sub("", name)
    return _POSSESSIVE.sub("", name).strip()


def _pycountry_names() -> tuple[dict[str, str], dict[str, str]]:
    import pycountry

    names: dict[str, str] = {}
    short: dict[str, str] = {}
    for c in pycountry.countries:
        forms = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        for form in forms:
            if not form:
                continue
            for variant in (form, form.split(",")[0].strip(), re.sub(r"\s*\(.*?\)", "", form).strip()):
                names.setdefault(variant, c.alpha_3)
        short[c.alpha_3] = forms[0] or c.name
        names.setdefault(c.alpha_3, c.alpha_3)
    return names, short


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = json.loads((DATA_DIR / "geo.json").read_text(encoding="utf-8"))
    names, short = _pycountry_names()
    names.update(data["country_aliases"])
    # "Korea" alone is cut from "Korea, Republic of" and would be ambiguous: aliases decide.
    # Any case of a name ("JAPAN" in a dateline), but acronyms and ISO codes only as written:
    # casefolded, "AND", "CAN", "BEN", "SEN", "US" are the words "and", "can", "Ben", "Sen.", "us".
    countries = dict(names)
    for k, v in names.items():
        if not k.isupper():
            countries.setdefault(k.casefold(), v)
    named: set[str] = set()
    for alias, code in data["country_aliases"].items():   # the first alias of a code is its short name
        if code not in named:
            named.add(code)
            short[code] = alias
    short.update({"USA": "United States", "GBR": "United Kingdom"})
    # Cities in any case too: a title-cased lookup missed the all-caps datelines of names with
    # small words, hyphens or apostrophes ("Port-Au-Prince", "Dar Es Salaam", "Nuku'Alofa").
    cities = dict(data["cities"])
    for k, v in data["cities"].items():
        if not k.isupper():
            cities.setdefault(k.casefold(), v)
    return Gazetteer(countries=countries, demonyms=data["demonyms"], metonyms=data["metonyms"],
                     cities=cities, country_names=short)


@lru_cache(maxsize=1)
def outlets() -> dict[str, tuple[str, str | None]]:
    """Every written form of a known outlet -> (canonical name, country)."""
    data = json.loads((DATA_DIR / "outlets.json").read_text(encoding="utf-8"))["outlets"]
    table: dict[str, tuple[str, str | None]] = {}
    for name, info in data.items():
        for form in [name, *info.get("aliases", [])]:
            table[form] = (name, info.get("country"))
            if form.startswith("The "):
                table.setdefault(form[4:], (name, info.get("country")))
    return table


@dataclass(frozen=True)
class WordFinder:
    r"""Whole-word occurrences of some forms: the matches of ``(?<![\w-])(?:form|form|...)(?![\w-])``.

    A pattern that opens with a lookbehind is tried at every position of the text; the bare
    alternation lets ``re`` jump to where one of the forms starts, and the whole pattern is tried
    there only. ``finditer`` yields what ``pattern.finditer`` would."""

    pattern: re.Pattern[str]
    starts: re.Pattern[str] | None      # None when a form is empty (then the pattern runs alone)

    @classmethod
    def of(cls, forms: Iterable[str]) -> WordFinder:
        forms = list(forms)
        alternation = "|".join(re.escape(f) for f in forms)
        pattern = re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])")
        return cls(pattern, re.compile(alternation) if all(forms) else None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.starts is None:
            yield from self.pattern.finditer(text)
            return
        pos = 0
        while True:
            found = self.starts.search(text, pos)
            if found is None:
                return
            m = self.pattern.match(text, found.start())
            if m is None:
                pos = found.start() + 1
            else:
                yield m
                pos = m.end()


@lru_cache(maxsize=1)
def outlet_regex() -> WordFinder:
    """Every known outlet form, found as a whole word (the longest form first)."""
    return WordFinder.of(sorted(outlets(), key=len, reverse=True))
