"""Closed word classes of the event stage (data, not logic).

The trigger lexicon per PLOVER type and mode lives in ``data/triggers.json``;
this module holds the words that decide status, mode, reporting and reference.
All entries are lower-case lemmas unless said otherwise.
"""
from __future__ import annotations

import re

from ..codes import Status

# Verbs that report speech or writing: their clause makes a quote, never an event,
# and their date is the report's, not the event's.
REPORTING_VERBS = frozenset("""
say tell write report add note state stress emphasize emphasise explain claim quote cite announce confirm
declare inform comment remark reiterate repeat insist assert argue point mention suggest indicate reveal
disclose acknowledge admit warn predict believe think know hope expect assume suppose reckon speak answer
respond reply tweet post publish deny recall
""".split())

# Verbs of attitude among them: a hedge there still makes what they govern a possibility ("hopes that").
ATTITUDE_VERBS = frozenset({"hope", "expect", "believe", "think", "know", "assume", "suppose", "predict"})

# Auxiliaries and modals.
FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
HEDGE_MODALS = frozenset({"may", "might", "could", "can", "ca"})
COND_MODALS = frozenset({"would", "'d", "’d"})
DEMAND_MODALS = frozenset({"must", "should"})     # "X said Y must ...": a demand

# Words that make the event they govern (or modify) a mere possibility.
POSSIBLE_CUES = frozenset("""
possible possibly possibility option likely likelihood potential potentially prospect perhaps maybe
hope hopeful wish want desire readiness willingness consider mull weigh explore discuss discussion debate idea proposal propose suggest
suggestion offer ready willing seek try attempt may might could probable probably chance speculate speculation
rumour rumor suppose supposing assume unclear uncertain undecided topic
""".split())

# Words that make it announced, scheduled, agreed or intended.
PLANNED_CUES = frozenset("""
plan planned planning schedule scheduled upcoming forthcoming future next intend intention intent aim
prepare preparation preparations arrange arrangement organise organize organising organizing set due
expect expected agree decide decision confirm announce invite invitation pledge promise
commit realise realize
""".split())

# Nouns of a phase of an event: "the final day of X's visit" is under way, "the eve of" it is ahead.
PHASE_HAPPENED = frozenset({"day", "end", "conclusion", "course", "start", "beginning", "close", "wake", "outcome",
                            "result", "results"})
PHASE_PLANNED = frozenset({"eve", "run-up", "runup", "ahead", "prelude"})

# Words that mark it as having taken place.
HAPPENED_CUES = frozenset({"recent", "last", "previous", "past", "earlier", "former", "latest", "held"})

# Governors that look back on it: "recalled his meeting with X" took place.
MEMORY_CUES = frozenset({"recall", "remember", "recollect", "reminisce"})

# Governors that call it off ("called off", "ruled out") or put it back.
CANCEL_CUES = frozenset({"cancel", "cancellation", "scrap", "abandon", "shelve", "drop", "rule", "deny",
                         "refuse", "decline", "reject", "axe", "nix", "abort", "defeat", "veto", "block"})
CANCEL_PHRASES = frozenset({("call", "off"), ("rule", "out")})
POSTPONE_CUES = frozenset({"postpone", "postponement", "delay", "defer", "reschedule", "put", "push"})
POSTPONE_PHRASES = frozenset({("put", "off"), ("push", "back"), ("put", "back")})

# "nothing has been finalised", "no decision has been made": the event stays possible.
UNDECIDED_SUBJECTS = frozenset({"nothing", "no"})
UNDECIDED_VERBS = frozenset({"finalize", "finalise", "decide", "agree", "settle", "confirm", "fix", "set", "determine"})

# Verbs whose object is only the topic of talk: a CONSULT there is possible, other types are not events.
TOPIC_VERBS = frozenset({"discuss", "consider", "debate", "raise", "study", "explore", "examine", "mention",
                         "address", "weigh", "mull", "talk", "speak"})

# Nouns that hold another event as their content without making it an act ("the aim of signing").
ABSTRACT_HEADS = frozenset({"invitation", "offer", "proposal", "call", "readiness", "willingness", "desire",
                            "attempt", "effort", "bid", "aim", "goal", "purpose", "interest", "emphasis", "prospect", "prospects", "issue",
                            "issues", "question", "problem", "topic", "agenda", "importance", "need", "stage",
                            "hope", "idea", "possibility", "option", "chance", "way", "ground", "grounds"})

# Words that put a consultation on the telephone or a screen.
PHONE_WORDS = frozenset({"phone", "telephone", "telephonic", "video", "videolink", "video-link", "videoconference",
                         "teleconference", "phonecall", "call"})

# Markers of a multilateral setting ("on the sidelines of the APEC summit").
MULTILATERAL_NOUNS = frozenset({"summit", "forum", "assembly", "conference", "sidelines", "congress", "plenary",
                                "ministerial", "session", "meeting"})
MULTILATERAL_NAMES = frozenset("""
g20 g-20 g7 g-7 g8 g-8 apec asean brics sco eef spief nato un osce wef davos opec cis eaeu csto oas au eu
""".split())
# Words that make "conference" something else ("a news conference").
NOT_MULTILATERAL = frozenset({"news", "press", "video", "phone", "telephone"})

# Adjuncts that tie a nominal event to the time and actors of the clause around it.
ADJUNCT_PREPS = frozenset({"during", "at", "in", "on", "amid", "after", "following", "within", "through", "via",
                           "over", "for"})
# Motion verbs that carry "on a visit" ("come to France on a visit").
MOTION_VERBS = frozenset({"come", "go", "travel", "arrive", "fly", "head", "be", "leave", "return", "make"})

# Prepositions of a time that only bounds an event ("since 2014", "until May").
BOUNDING_PREPS = frozenset({"since", "until", "till", "before", "after", "ahead"})

# Temporal marks of an adverbial clause that shares the time of its head ("after they agreed").
COTEMPORAL_MARKS = frozenset({"after", "when", "as", "while", "once", "following"})

# Plural descriptions that stand for the two sides of the article's pair ("the sides").
PAIR_NOUNS = frozenset({"side", "leader", "party", "country", "nation", "minister", "president", "diplomat",
                        "government", "delegation", "state", "premier", "counterpart", "capital", "head"})
# "the two leaders" are heads of state or government, not the ministers talked about just before
LEADER_NOUNS = frozenset({"leader", "president", "premier", "head"})
LEADER_ROLE = re.compile(r"(?i)\b(president|prime minister|premier|chancellor|king|queen|emperor|leader|head of)")

# Heads of descriptions of one official ("the French leader"): a person the entities stage did not name.
PERSON_ROLES = frozenset({"leader", "president", "minister", "premier", "chancellor", "king", "queen", "emperor",
                          "envoy", "ambassador", "diplomat", "secretary", "spokesman", "spokeswoman", "official",
                          "counterpart", "head", "monarch", "prince", "governor", "mayor", "senator",
                          "adviser", "advisor", "negotiator", "representative"})

# Seats of assemblies a leader travels to: a visit to the body is a visit to its host country
# ("X's trip to the UN General Assembly" is a trip to the United States). Lower-case names.
ASSEMBLY_SEATS = {"un general assembly": "USA", "united nations general assembly": "USA", "unga": "USA",
                  "un headquarters": "USA", "united nations headquarters": "USA", "general assembly": "USA"}

# Pronouns.
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
SPEAKER_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})

# Entity types that can act in an event; outlets only report.
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
# nouns a nationality describes as a place, not a side ("the Swiss capital", "on Japanese soil")
PLACE_NOUNS = frozenset({"capital", "city", "territory", "territories", "soil", "border", "coast", "waters",
                         "airspace", "region", "province", "island", "islands", "port", "resort", "town", "village"})
PLACE_TYPES = frozenset({"GPE", "LOC"})

# Order of statuses when one happening is stated several times (the most definite wins).
STATUS_RANK: dict[str, int] = {Status.CANCELLED: 5, Status.POSTPONED: 4, Status.HAPPENED: 3, Status.PLANNED: 2, Status.POSSIBLE: 1}
