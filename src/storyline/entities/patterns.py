"""Word lists and regexes of the entity stage (data, not logic).

Places, demonyms and outlets live in ``data/*.json``; this module holds the
vocabulary of titles and roles and the small closed classes the resolver needs.
"""
from __future__ import annotations

import re

# Nouns that head a person's title ("Foreign *Minister*", "press *secretary*").
ROLE_HEADS = frozenset("""
minister premier president secretary spokesman spokeswoman spokesperson ambassador envoy chancellor
king queen emperor empress prince princess governor mayor senator congressman congresswoman lawmaker
legislator deputy chairman chairwoman chair chairperson director head chief leader commander general
admiral colonel aide adviser advisor official diplomat representative counterpart ceo founder speaker
judge prosecutor attorney negotiator delegate consul attache mufti patriarch pope sheikh emir amir sultan
ayatollah monarch ruler executive commissioner inspector officer administrator coordinator lieutenant
captain sergeant marshal counsellor counselor analyst expert professor researcher economist scientist
journalist editor correspondent businessman businesswoman tycoon oligarch activist candidate mp
vice-president vice-premier secretary-general director-general co-chair co-chairman ombudsman
press-secretary undersecretary statesman viceroy chieftain premier-elect president-elect
sen. rep. gov. gen. lt. col. adm. maj. capt. sgt. amb. cmdr. pres.
""".split())

# Words that may stand inside a title before or after its head ("First Deputy Prime Minister").
ROLE_MODIFIERS = frozenset("""
foreign prime first deputy vice chief senior acting former ex interim outgoing incoming presidential
cabinet press state general defence defense interior finance economy economic development trade industry
energy justice health education culture agriculture transport labour labor emergencies emergency affairs
security national federal parliamentary party opposition government governmental diplomatic mission
ministry embassy council committee commission administration office department service house duma
assembly parliament senate congress top lower upper special permanent un nato eu executive supreme
military armed forces naval navy army air staff joint central bank board intelligence police border
regional local municipal provincial prefectural international public relations information policy
digital science sports tourism environment natural resources investment strategic planning secretariat
imperial royal crown grand spiritual religious orthodox catholic church lead chief-of-staff external
homeland veterans climate under assistant associate principal
""".split())

# Roles posted to a place ("Ambassador *to Japan*"): the place is no nationality.
POSTED_ROLES = frozenset({"ambassador", "envoy", "representative", "consul", "delegate", "emissary", "attache",
                          "ambassador-designate", "consul-general"})

# Connectors allowed between title words ("Secretary *of* State", "Minister *for* Foreign Affairs").
ROLE_CONNECTORS = frozenset({"of", "for", "and", "the", "on"})

# Roles whose holders report the news rather than make it: never actors.
NON_ACTOR_ROLES = frozenset({"photographer", "cameraman", "camerawoman", "photojournalist", "photo", "byline"})

# Nouns after a capitalised word that make the word a place ("the Shantar *Islands*").
PLACE_SUFFIXES = frozenset("""
island islands isles archipelago peninsula strait straits sea ocean gulf bay river lake mountains mountain
range ridge valley desert region province prefecture oblast krai district county canal plateau coast
shelf cape residence palace airport hotel stadium square street avenue bridge cathedral monastery museum
theatre theater station base plant field dam embankment boulevard arena pagoda temple mosque shrine church tomb
memorial mausoleum""".split())

# First words that make a "name" a storm, not a person ("Typhoon Kestrel").
STORM_WORDS = frozenset({"typhoon", "hurricane", "cyclone", "storm", "tropical"})

# Words after a name that make it a news outlet ("the Daily Globe *newspaper*").
OUTLET_SUFFIXES = frozenset({"newspaper", "daily", "weekly", "tabloid", "broadcaster", "magazine",
                             "channel", "tv", "television", "radio", "shimbun", "portal"})

# Nouns before a name that make it an outlet ("the newspaper *Kommersant*").
OUTLET_PREFIXES = frozenset({"newspaper", "daily", "weekly", "tabloid", "magazine", "broadcaster", "channel",
                             "agency", "portal", "outlet", "website"})

# Nouns that, after "the", stand for an outlet named earlier ("the daily wrote").
OUTLET_NOUNS = frozenset({"newspaper", "daily", "paper", "weekly", "tabloid", "agency", "news agency",
                          "broadcaster", "outlet", "publication", "magazine", "channel", "website", "media"})

# Heads of organisation names and of descriptions that stand for an organisation.
ORG_NOUNS = frozenset({"ministry", "department", "service", "office", "committee", "council", "commission",
                       "government", "administration", "embassy", "mission", "agency", "party", "parliament",
                       "cabinet", "secretariat", "bank", "company", "corporation", "organisation", "organization",
                       "bureau", "directorate", "court", "army", "navy", "side"})

# A role's canonical concept, for matching "the premier" to "Prime Minister X".
ROLE_CONCEPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("PM", re.compile(r"\b(prime minister|premier|head of (the )?government|pm)\b")),
    ("FM", re.compile(r"\b(foreign minister|foreign affairs minister|minister (of|for) foreign affairs|"
                      r"top diplomat|chief diplomat|foreign secretary|secretary of state)\b")),
    ("DIPLOMAT", re.compile(r"\b(ambassador|envoy|consul|diplomat|charg[eé] d'affaires|attach[eé])\b")),
    ("SPOKES", re.compile(r"\b(press secretary|press-secretary|spokes(man|woman|person)|press officer)\b")),
    ("PRES", re.compile(r"\b(president|head of state)\b")),
    ("MIN", re.compile(r"\bminister\b")),
)
# Descriptions that may stand for several concepts ("the Russian leader").
CONCEPT_ALIASES = {"LEADER": frozenset({"PRES", "PM"}), "MIN": frozenset({"MIN", "FM"}),
                   "DIPLOMAT": frozenset({"DIPLOMAT", "FM"})}
DEPUTY_RE = re.compile(r"\b(deputy|vice|vice-\w+|assistant)\b")

# Markers of photo credits and bylines: a name after one of these on the same line is no actor.
CREDIT_RE = re.compile(r"©|\([cC]\)|\b[Pp]hoto(?:graph)?s?\s*(?:by|:|/)|\b[Pp]hotographer\b|\bCredit\s*:|\bCourtesy of|"
                       r"\b(?:Additional\s+)?(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Cc]ompiled|[Ee]dited|[Ww]ritten|"
                       r"[Tt]ranslated|[Pp]roduced)\s+by\b")
# Every CREDIT_RE marker contains one of these strings (keep them in step): text without any holds no marker.
CREDIT_CUES = ("©", "(c)", "(C)", "hoto", "Credit", "Courtesy", "by")
# Lower-case words that may stand between a credit marker and the name it credits.
CREDIT_GLUE = frozenset({"and", "in", "from", "by", "with", "for", "of", "photo", "photos"})
# A byline on its own short line: "By Jane Roe".
BYLINE_RE = re.compile(r"^\s*By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:,.*)?$")
# "Name/TASS", "Name / AP": a credit line that names the outlet after a slash.
CREDIT_TAIL_RE = re.compile(r"\s*/\s*[A-Z][\w.-]*")

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})

# Particles inside surnames ("Le Drian", "von der Leyen", "bin Salman").
NAME_PARTICLES = frozenset({"le", "la", "de", "du", "des", "del", "della", "van", "von", "der", "den", "da", "di",
                            "dos", "al", "el", "bin", "ibn", "ben", "abu", "ter", "st."})

# Titles and honorifics that may precede a name and are not part of it.
# titles that go with a given name, not a surname ("Prince Edward", "Queen Astrid", "Pope Leo",
# "Sheikh Nasser"): a one-word name after one of them is never the family name of a full name in the text
GIVEN_NAME_TITLES = frozenset({"prince", "princess", "king", "queen", "emperor", "empress", "pope", "sheikh",
                               "sheikha", "emir", "sultan", "crown"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "mister"})

# Words spaCy sometimes labels PERSON that never name one on their own.
NOT_NAMES = frozenset({"god", "allah", "brexit", "covid", "twitter", "facebook", "telegram", "instagram", "guest",
                       "unknown soldier"})
