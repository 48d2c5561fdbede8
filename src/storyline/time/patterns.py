"""Lexicons and regular expressions of the time normaliser: data, not logic.

Everything language-specific lives here: calendar names, the modifiers and
relative words that shift or qualify a period, the cue words that tell tense
when no parse is at hand, and the context words that stop a number from being
read as a year. ``candidates`` compiles the regexes built at the bottom; the
resolver only ever sees the normalised group values.

Case: calendar names are matched in Title or UPPER case only (``may`` the modal
and ``march`` the verb are lower case); function words match in any case.
"""
from __future__ import annotations

# ------------------------------------------------------------------ calendar

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}


def _slips(word: str) -> set[str]:
    """One dropped or two swapped letters after the first: the typing slips of a long month name
    ("Jauary", "Febuary", "Setpember"). Short names are left out: their slips are other words."""
    out = {word[:i] + word[i + 1:] for i in range(1, len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1)}
    return out - {word}


# Misspelt long month names, read only with a day number next to them ("Jauary 2", "2 Febuary");
# printed pages carry them (typed copy, OCR), and the day makes the reading safe.
MONTH_SLIPS: dict[str, int] = {
    slip: n for name, n in MONTHS.items() if len(name) >= 6 for slip in _slips(name)
    if slip not in MONTHS and slip not in MONTH_ABBREVIATIONS
}
# Month names that are also common words or given names: standing alone (no
# day, no year) they count as a month only after a preposition or modifier.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "april", "june", "august"})
# Capitalised words that may stand before a month without making it a surname
# ("In May", "Since March"); any other ("Theresa May", "Mrs May") does.
NOT_FIRST_NAMES = frozenset({
    "in", "on", "by", "for", "since", "until", "till", "from", "during", "through", "throughout", "before",
    "after", "around", "of", "last", "next", "this", "early", "late", "mid", "the", "and", "or", "to",
    "between", "coming", "past", "starting", "beginning", "end", "as", "at", "every", "each",
})

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
# "Good Friday", "Black Friday": names of days that are not the plain weekday.
WEEKDAY_NAME_PREFIXES = frozenset({"good", "black", "bloody", "cyber", "super", "ash", "holy", "maundy", "easter"})

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_ORDER = ("SP", "SU", "FA", "WI")          # a season year runs spring..winter
SEASON_OF_MONTH = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                   9: "FA", 10: "FA", 11: "FA", 12: "WI", 1: "WI", 2: "WI"}

# Holidays on the n-th weekday of a month (US): (month, weekday, n); n = -1 is the last.
MOVABLE_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 3, 4), "labor day": (9, 0, 1), "memorial day": (5, 0, -1),
    "martin luther king day": (1, 0, 3), "presidents' day": (2, 0, 3),
}
# Fixed-date holidays, (month, day); feasts that move with the moon are left out on purpose.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "victory day": (5, 9), "valentine's day": (2, 14), "halloween": (10, 31),
}

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "last": -1, "final": -1,
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a hundred": 100, "one hundred": 100, "a dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2,
}
ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
VAGUE_NUMBERS = ("several", "a few", "few", "many", "a number of", "some")

# Expressions placed relative to the last date the text mentioned, not to the
# publication date ("On March 3 they met; the next day they signed"). "the next"
# only for days: "in the next week" is the week after publication.
NARRATIVE_STEP: dict[str, int] = {
    "the next": 1, "the following": 1, "the previous": -1, "the same": 0, "that": 0, "that same": 0,
}
NARRATIVE_DIRECTION: dict[str, int] = {"later": 1, "earlier": -1}

# ------------------------------------------------------------------ modifiers

# Relative words before a named period. LAST/NEXT skip the current instance,
# THIS means the instance around the anchor.
RELATIVE: dict[str, str] = {
    "last": "LAST", "past": "LAST", "this past": "LAST", "the past": "LAST",
    "next": "NEXT", "coming": "NEXT", "this coming": "NEXT", "the coming": "NEXT",
    "this": "THIS", "current": "THIS", "the current": "THIS", "the": "THE",
}
# Relative words that may stand before a weekday or a month name ("the coming"
# and "the" are for periods only: "the coming week", "the end of the year").
NAME_RELATIVE = ("this past", "this coming", "last", "next", "this", "coming", "past")
PERIOD_RELATIVE = ("this past", "this coming", "the coming", "the current", "current",
                   "last", "next", "this", "coming", "the")
PERIOD_UNITS = ("weekend", "week", "month", "quarter", "year")
YEAR_RELATIVE_OFFSET = {"this": 0, "last": -1, "next": 1, "the": 0}
# Future seen from the past ("would visit in October") points forward unless the
# past instance is this many times nearer than the next one.
CONDITIONAL_PAST_BIAS = 3
# A month-day after these under a past verb is a deadline: when last year's instance is more
# than TENSE_REACH_DAYS back and this year's within NEAR_DAYS ahead, it is this year's.
DEADLINE_PREPOSITIONS = frozenset({"to", "until", "till", "through", "by"})
TENSE_REACH_DAYS, NEAR_DAYS = 270, 75

# Modifiers inside a period: they keep the value of the period they qualify
# ("In late September" is 2015-09, "by the end of the year" is 2015).
POSITION_MODIFIERS = (
    r"(?:early|late|mid|earlier|later)(?:\s+in(?:\s+the)?)?",
    r"(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|turn|rest|remainder|first\s+days|last\s+days)\s+of",
)
POSITION_MODIFIERS_HYPHEN = ("mid-", "end-", "early-", "late-")

PREPOSITIONS = ("as early as", "as late as", "as of", "on", "in", "by", "for", "since", "until", "till", "from", "to",
                "during", "through", "throughout", "before", "after", "around", "starting", "at",
                "between")
RANGE_SEPARATORS = (r"\s*[-\u2013\u2014]\s*", r"\s+(?:to|through|until|till|thru)\s+")

DAY_PARTS = ("morning", "afternoon", "evening", "night")

DAY_RELATIVE: dict[str, int] = {
    "the day before yesterday": -2, "the day after tomorrow": 2, "today": 0, "tonight": 0,
    "yesterday": -1, "tomorrow": 1, "last night": -1, "this morning": 0, "this afternoon": 0,
    "this evening": 0,
}

# ------------------------------------------------------------------ durations, sets, references, clock times

# Duration units: (TIMEX3 letter, how many of it, in the time part?). A decade is
# ten years and a quarter three months in TimeML values ("two decades" is P20Y).
DURATION_UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "month": ("M", 1, False), "year": ("Y", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False), "quarter": ("M", 3, False),
}
# Half a unit, in the next smaller one ("2 1/2 years" is P2Y6M).
HALF_UNIT: dict[str, str] = {"year": "6M", "month": "15D", "week": "3DT12H", "day": "T12H", "hour": "30M",
                             "minute": "30S"}
# Words between "the" and a counted duration: "the past two months", "the first nine months".
DURATION_RELATIVE = ("past", "last", "next", "first", "coming", "previous", "following", "final", "remaining",
                     "latest", "initial", "ensuing", "preceding", "recent", "past few", "last few", "next few")
# Approximators TimeML keeps inside the span ("almost four years ago", "at least 72 hours").
# Measured on TimeBank: "about", "almost", "only" and "just" stay outside more often than not.
QUANTIFIERS = ("around", "nearly", "more than", "less than", "fewer than", "at least", "at most", "up to", "over",
               "under", "no more than", "just over", "just under", "well over")
# Words inside a counted duration ("two more weeks", "eight trading days").
DURATION_INSERTS = ("more", "additional", "straight", "consecutive", "full", "trading", "business", "calendar",
                    "extra", "long")
# Vague plural durations: "recent years" (PXY), "coming months", "for decades".
VAGUE_DURATION_WORDS = ("recent", "coming", "the coming", "the past few", "the last few", "the next few",
                        "past few", "last few", "next few")

# Words that make a set ("daily" is P1D, "every Thursday" XXXX-WXX-4).
SET_ADVERBS: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M", "hourly": "PT1H",
}   # "quarterly", "annually": more often "a quarterly dividend" than a set on TimeBank (10 of 10, 4 of 6)
# "once a year", "$5 a day", "three times a week": a duration after these is a set.
PER_WORDS = frozenset({"once", "twice", "thrice", "times", "per", "percent"})

# References without a calendar value (TimeML's PRESENT_REF / PAST_REF / FUTURE_REF).
REFERENCES: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "current": "PRESENT_REF", "at present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "most recently": "PAST_REF", "the past": "PAST_REF",
    "lately": "PAST_REF", "once upon a time": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "a later date": "FUTURE_REF",
}   # "soon", "shortly": annotated 5 times of 18 on TimeBank

# Parts of the day: TimeML time codes ("Friday afternoon" is 2016-02-05TAF).
PART_CODES: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                              "tonight": "NI", "midday": "MI", "overnight": "NI"}
CLOCK_WORDS: dict[str, str] = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}
TIME_ZONES = ("EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET")

# Financial periods: "the latest quarter" is the last one reported, "the year-ago quarter"
# the same quarter a year before.
FIN_SAME = ("latest", "most recent", "recent", "current", "same", "that", "this", "the")
FIN_YEAR_BEFORE = ("year-ago", "year-earlier", "year earlier", "prior-year", "year-before")

# ------------------------------------------------------------------ tense cues (no parse)

FUTURE_AUX = frozenset({"will", "shall", "wo", "'ll"})
MODAL_AUX = frozenset({"may", "might", "can", "should", "must", "ought"})
# "could" is past ability as often as possibility in news ("could not be reached Wednesday"):
# the nearer instance, like "would" (tbaq value F1 0.797 -> 0.798, devreal unchanged).
CONDITIONAL_AUX = frozenset({"would", "could"})
PAST_AUX = frozenset({"was", "were", "had", "did"})
PRESENT_AUX = frozenset({"is", "are", "am", "has", "have", "does", "do"})
PERFECT_AUX = frozenset({"has", "have"})
BE_FORMS = frozenset({"be", "been", "being"})
# Words that make the clause about something still ahead ("is scheduled for",
# "plans to", "upcoming"), whatever the tense of the finite verb.
FUTURE_LEXICON = frozenset({
    "scheduled", "slated", "expected", "due", "set", "planned", "planning", "plans", "plan", "intends",
    "intend", "intended", "going", "upcoming", "forthcoming", "hopes", "hope", "aims", "aim", "wants",
    "want", "prepares", "prepare", "preparing", "tomorrow", "next", "announced", "invited", "agreed",
})
# "Was supposed to open in April": a plan told as unfulfilled is mostly one whose day has passed
# (the visit was called off or moved), so its time is placed in the past.
UNFULFILLED = frozenset({"supposed"})
# Lexicon entries that are ordinary past verbs unless an infinitive follows
# ("agreed to meet", "announced to hold" are future; "agreed on" is past).
FUTURE_ONLY_BEFORE_TO = frozenset({"announced", "invited", "agreed", "set", "hope", "hopes", "want", "wants",
                                   "aim", "aims", "plan", "prepare", "prepares", "preparing", "intended"})
# Verbs whose infinitive happens when they do ("managed to climb the gates on Monday", "failed to
# agree on Friday"): the infinitive takes the governor's tense, not the future of "to".
IMPLICATIVE_VERBS = frozenset({"manage", "managed", "manages", "fail", "failed", "fails", "try", "tried", "tries",
                               "attempt", "attempted", "attempts", "refuse", "refused", "refuses", "decline",
                               "declined", "declines", "begin", "began", "begins", "start", "started", "starts",
                               "continue", "continued", "continues", "rush", "rushed", "hurried", "dare",
                               "dared", "neglected", "happened", "bothered"})
IRREGULAR_PAST = frozenset({
    "said", "told", "met", "held", "gave", "made", "took", "came", "went", "saw", "spoke", "wrote",
    "paid", "left", "began", "sent", "won", "lost", "led", "brought", "thought", "found", "kept",
    "became", "got", "felt", "flew", "drew", "grew", "knew", "sought", "fought", "struck", "stood",
    "rose", "fell", "broke", "chose", "ran", "sat", "heard", "meant", "sold", "bought", "taught",
    "caught", "ate", "forgot", "froze", "hid", "shook", "swore", "threw", "understood", "withdrew",
    "wore", "overtook", "undertook", "ago", "earlier", "recently", "already",
})
# Lower-case words in -ed that are not past verbs.
NOT_PAST_ED = frozenset({
    "need", "indeed", "speed", "feed", "seed", "proceed", "exceed", "succeed", "breed", "bleed",
    "hundred", "red", "bed", "shed", "based", "so-called", "called", "related", "concerned",
    "interested", "involved", "united", "limited", "advanced", "detailed", "armed", "embed",
})
# Words that open another clause: a verb on their far side governs less often.
SUBORDINATORS = frozenset({"if", "when", "while", "because", "although", "though", "unless", "whereas",
                           "that", "which", "who", "whom", "where", "after", "before", "since", "until"})
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "his", "her", "their", "our", "my", "your"})
ADVERBS_IN_VERB_GROUP = frozenset({"not", "also", "already", "still", "then", "reportedly", "soon", "now",
                                   "never", "just", "again", "probably", "likely", "finally", "even", "only"})

# ------------------------------------------------------------------ year guards

# A number followed by one of these is a quantity, not a year ("2016 tons").
QUANTITY_NOUNS = frozenset({
    "ton", "tons", "tonnes", "tonne", "people", "persons", "troops", "soldiers", "servicemen", "km",
    "kilometres", "kilometers", "miles", "metres", "meters", "feet", "dollars", "euros", "rubles",
    "roubles", "yen", "yuan", "pounds", "barrels", "cars", "vehicles", "units", "residents",
    "refugees", "migrants", "workers", "employees", "jobs", "cases", "deaths", "votes", "seats",
    "pieces", "items", "hectares", "acres", "square", "cubic", "kg", "kilograms", "mw", "megawatts",
    "households", "families", "children", "civilians", "fighters", "militants", "prisoners",
    "points", "percent", "per", "times", "hours", "minutes", "days", "weeks", "months", "years",
    "companies", "firms", "students", "tourists", "visitors", "participants", "delegates",
    "members", "aircraft", "planes", "ships", "tanks", "missiles", "rockets", "shells", "bombs",
    "meter", "metre", "mile", "dollar", "euro", "ruble", "rouble", "barrel",
})
# ... and one preceded by these is a count or an identifier ("about 2000",
# "Resolution 2231", "No. 2015").
QUANTITY_PRECEDERS = frozenset({
    "about", "some", "nearly", "almost", "approximately", "than", "total", "totalling", "totaling",
    "exactly", "least", "most", "resolution", "no", "number", "flight", "page", "article", "model",
    "route", "highway", "code", "room", "tel", "id", "item", "paragraph", "section", "decree", "order",
    "law", "bill", "protocol", "chapter", "file", "case", "reference", "ref", "pp", "p",
})
YEAR_MIN_BARE, YEAR_MIN_WITH_PREP, YEAR_MAX = 1900, 1000, 2099
DATE_YEAR_MIN = 1800                          # "March 3, 1500 protesters" is not a date in 1500

# ------------------------------------------------------------------ regex building


def _alternation(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _cased(words: list[str] | tuple[str, ...]) -> list[str]:
    """Title and UPPER case forms (calendar names are never lower case)."""
    out: list[str] = []
    for w in words:
        out += [w.title(), w.upper()]
    return out


def _function_words(words: tuple[str, ...] | list[str]) -> str:
    """Case-insensitive alternation of phrases, spaces matching any whitespace."""
    return "(?i:" + "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


def _abbrev(words: list[str]) -> str:
    return "|".join(rf"{w}\b\.?" for w in sorted(_cased(words), key=len, reverse=True))


MONTH_FULL = rf"(?:{_alternation(_cased(list(MONTHS)))})\b"
MONTH_ANY = rf"(?:{MONTH_FULL}|{_abbrev(list(MONTH_ABBREVIATIONS))})"
MONTH_DAYED = rf"(?:{MONTH_ANY}|(?:{_alternation([w.title() for w in MONTH_SLIPS])})\b)"   # before or after a day
WEEKDAY_FULL = rf"(?:{_alternation(_cased(list(WEEKDAYS)))})\b"
WEEKDAY_ANY = rf"(?:{WEEKDAY_FULL}|{_abbrev(list(WEEKDAY_ABBREVIATIONS))})"
SEASON = r"(?:" + _alternation(list(SEASONS) + [s.title() for s in SEASONS]) + r")"

# "earlier Sunday", "late yesterday", "later that year": TimeML keeps these in the span
EDGE = r"(?:(?P<edge>(?i:earlier|later|early|late))\s+)?"
PREP = rf"(?:(?P<prep>{_function_words(PREPOSITIONS)})\s+)?"
POSMOD = (r"(?:(?P<posmod>(?i:" + "|".join(POSITION_MODIFIERS_HYPHEN) + "|(?:" + "|".join(POSITION_MODIFIERS)
          + r")\s+)))?")
RSEP = "(?:" + "|".join(RANGE_SEPARATORS) + ")"
ORD_SUFFIX = r"(?:st|nd|rd|th)?"
YEAR4 = r"\d{4}(?!\d)"
WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY_ANY}),?\s+(?:the\s+)?)?"
YEAR_TAIL = rf"(?:,?\s+(?i:of\s+)?(?P<y>{YEAR4}))?"
YEAR_QUALIFIER = (rf"(?:,?\s+(?i:of\s+)?(?:(?P<y>{YEAR4})|(?P<yrel>(?i:this|last|next))\s+(?i:year)\b))?")


_SPACED_NUMBER_WORDS = tuple(w.replace(" ", r"\s+") for w in NUMBER_WORDS)
NUMBER_WORD = rf"(?:(?:{_alternation(TENS)})[-\s](?:{_alternation(ONES)})\b|(?:{_alternation(_SPACED_NUMBER_WORDS)})\b)"
NUMBER = rf"(?:\d{{1,4}}(?:\.\d+)?(?:\s+1/2)?(?![\d,])|(?i:{NUMBER_WORD}))"
QUANT = rf"(?:(?P<quant>{_function_words(QUANTIFIERS)})\s+)?"
DURATION_UNIT = (r"(?P<unit>(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|"
                 r"century|centuries|quarters?))\b")
CENTURY_WORDS = {"eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
                 "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
                 "twenty-first": 21, "twenty first": 21}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}

HOLIDAY_NAMES = _function_words(tuple(h.replace("'", "['\u2019]") for h in HOLIDAYS))


def _day(name: str) -> str:
    return rf"(?P<{name}>\d{{1,2}}){ORD_SUFFIX}(?!\d)"


# Each entry: (kind, pattern). Order breaks ties between equally long matches.
FAMILIES: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"),
    ("numeric", rf"{WD_PREFIX}\b(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}})(?!\d)"),
    # Month Day[-Day | - Month Day][, Year]
    ("mdy", rf"{PREP}{WD_PREFIX}(?P<mon>{MONTH_DAYED})\s*(?i:the\s+)?{_day('d')}"
            rf"(?:(?P<rsep>{RSEP})(?:(?P<mon2>{MONTH_ANY})\s*)?{_day('d2')})?{YEAR_TAIL}"),
    ("mdy", rf"(?P<prep>(?i:between))\s+{WD_PREFIX}(?P<mon>{MONTH_ANY})\s*{_day('d')}"
            rf"(?P<rsep>\s+(?i:and)\s+)(?:(?P<mon2>{MONTH_ANY})\s*)?{_day('d2')}{YEAR_TAIL}"),
    # two days running joined by "and" ("May 26 and 27"; candidates checks that they are consecutive)
    ("mdy", rf"{PREP}{WD_PREFIX}(?P<mon>{MONTH_DAYED})\s*{_day('d')}(?P<rsep>\s+(?i:and)\s+){_day('d2')}{YEAR_TAIL}"),
    ("dmy", rf"{PREP}{WD_PREFIX}(?<![\d.,/:-]){_day('d')}(?P<rsep>\s+(?i:and)\s+){_day('d2')}"
            rf"\s+(?i:of\s+)?(?P<mon>{MONTH_DAYED}){YEAR_TAIL}"),
    # Day[-Day] Month[ - Day Month][ Year]
    ("dmy", rf"{PREP}{WD_PREFIX}(?<![\d.,/:-])(?i:the\s+)?{_day('d')}(?:(?P<rsep>{RSEP})(?i:the\s+)?{_day('d2')})?"
            rf"\s+(?i:of\s+)?(?P<mon>{MONTH_DAYED})(?:{RSEP}{_day('d3')}\s+(?i:of\s+)?(?P<mon2>{MONTH_ANY}))?"
            rf"{YEAR_TAIL}"),
    # [mod] [rel] Month[-Month][, Year | of last year]
    ("month", rf"{PREP}{POSMOD}(?:(?P<rel>{_function_words(NAME_RELATIVE)})\s+)?(?P<mon>{MONTH_ANY})"
              rf"(?:{RSEP}(?P<mon2>{MONTH_FULL}))?{YEAR_QUALIFIER}"),
    ("month", rf"(?P<prep>(?i:between))\s+(?P<mon>{MONTH_FULL})\s+(?i:and)\s+(?P<mon2>{MONTH_FULL})"
              rf"(?:,?\s+(?P<y>{YEAR4}))?"),
    ("year", rf"{PREP}{POSMOD}(?:(?i:the\s+(?:fiscal\s+)?year|fiscal)\s+)?(?P<y>{YEAR4})"
             rf"(?:(?P<rsep>{RSEP}|/)(?P<y2>{YEAR4})|[-\u2013/](?P<y2s>\d{{2}})(?!\d))?"),
    ("year", rf"(?P<prep>(?i:between))\s+(?P<y>{YEAR4})\s+(?i:and)\s+(?P<y2>{YEAR4})"),
    ("decade", r"(?P<prep>(?i:in|during|since|by|until|through|throughout)\s+)?(?P<the>(?i:the)\s+)?"
               r"(?:(?P<posmod>(?i:early|mid|late))[-\s])?(?P<apos>['\u2019])?(?<![\w.,])(?P<dec>\d|\d{3})0s\b"),
    ("season", rf"{PREP}{POSMOD}(?:(?P<rel>{_function_words(('the',) + NAME_RELATIVE)})\s+)?"
               rf"(?:(?P<early>(?i:early|late|mid))[-\s])?(?P<season>{SEASON})(?:time)?\b"
               rf"(?:,?\s+(?P<of>(?i:of)\s+)?(?:(?P<y>{YEAR4})|(?P<yrel>(?i:this|last|next))\s+(?i:year)\b))?"),
    # "the second half of May": a day interval (1-15, 16-end), as day-level gold marks it
    ("part", rf"{PREP}(?P<the>(?i:the)\s+)?(?P<ord>(?i:first|second|latter|last))\s+(?P<hq>(?i:half))\s+(?i:of)\s+"
             rf"(?P<mon>{MONTH_FULL})(?:,?\s+(?P<y>{YEAR4}))?"),
    ("part", rf"{PREP}(?P<the>(?i:the)\s+)?(?:(?i:fiscal)[-\s]+)?(?P<ord>(?i:{_alternation(list(ORDINALS))}))[-\s]+(?P<hq>(?i:half|quarter))\b"
             rf"(?:\s+(?i:of)\s+(?:(?P<y>{YEAR4})|(?P<yrel>(?i:this|last|next|the))\s+(?i:year)\b))?"),
    ("part", rf"{PREP}(?P<code>[QH][1-4])(?:\s+|\s*[-/']\s*)(?P<y>{YEAR4}|\d{{2}}(?!\d))"),
    ("period", rf"{PREP}{POSMOD}(?P<rel>{_function_words(PERIOD_RELATIVE)})\s+"
               rf"(?P<unit>(?i:{_alternation(PERIOD_UNITS)}))\b(?![-\u2010]\w)"),
    ("period", rf"{PREP}(?P<unit>(?i:year))[-\s](?P<posmod>(?i:end))\b"),
    # "the past weekend" (only the weekend: "the past week" is most often a span of seven days), and a weekend
    # told with an article and its content ("a long weekend of negotiations"): placed by tense
    ("period", rf"{PREP}(?P<rel>(?i:the past))\s+(?P<unit>(?i:weekend))\b(?![-\u2010]\w)"),
    ("period", r"(?P<rel>(?i:an?))\s+(?:(?i:[a-z-]+)\s+){0,2}(?P<unit>(?i:weekend))(?=\s+(?i:of)\s)"),
    ("dayrel", rf"{PREP}{EDGE}(?P<drel>{_function_words(tuple(DAY_RELATIVE))})\b"
               rf"(?:\s+(?P<part>(?i:{_alternation(DAY_PARTS)})))?"),
    ("weekday", rf"{PREP}{EDGE}(?:(?P<rel>{_function_words(NAME_RELATIVE)})\s+)?(?P<wd>{WEEKDAY_FULL})"
                rf"(?:\s+(?P<part>(?i:{_alternation(DAY_PARTS)}))\b)?"
                rf"(?:,?\s+(?i:of\s+)?(?P<wkrel>(?i:last|next|this))\s+(?i:week)\b)?"),
    ("ago", rf"{QUANT}(?P<n>{NUMBER}|{_function_words(VAGUE_NUMBERS)})\s+"
            r"(?P<unit>(?i:day|week|month|year|decade))s?(?:\s+(?i:or\s+so))?\s+(?i:ago)\b"),
    ("narrative", rf"{PREP}{EDGE}(?:(?P<step>(?i:the\s+next))\s+(?P<unit>(?i:day))\b"
                  r"|(?P<step2>(?i:the\s+(?:following|previous|same)|that(?:\s+same)?))\s+"
                  r"(?P<unit2>(?i:day|week|month|year))\b(?![-\u2010]\w)"
                  rf"|(?P<n>\d{{1,2}}|(?i:{_alternation(list(NUMBER_WORDS))}))\s+(?P<unit3>(?i:day|week|month|year))s?"
                  r"\s+(?P<dir>(?i:later|earlier))\b)"),
    # "the year" of business copy: "sales for the full year", "net for the year ended June 30" (a duration)
    ("fyear", r"(?P<prep>(?i:for|in|during|through|throughout|of))\s+(?P<det>(?i:the))\s+(?:(?P<fy>(?i:full|fiscal|entire|whole))\s+)?(?P<unit>(?i:year))\b"
              r"(?![-\u2010]|\s+(?i:before|after|earlier|ago|later|of|in|when|that|which|since|\d))"),
    ("movable", rf"{PREP}(?:(?P<rel>(?i:last|next|this))\s+)?(?P<mh>(?i:{_alternation(tuple(MOVABLE_HOLIDAYS))}))"
                rf"(?:\s+(?i:day))?\b{YEAR_TAIL}"),
    ("holiday", rf"{PREP}(?P<hol>{HOLIDAY_NAMES})\b"
                rf"{YEAR_TAIL}"),
    # durations: "three days", "the past two months", "a 16-hour", "at least 72 hours", "recent years"
    ("duration", rf"(?:(?P<det>(?i:the|these|those|its|their|his|her)\s+))?"
                 rf"(?:(?P<drel>{_function_words(DURATION_RELATIVE)})\s+)?{QUANT}(?P<n>{NUMBER}|{_function_words(VAGUE_NUMBERS)})"
                 rf"(?:[-\s]+(?P<ins>{_function_words(DURATION_INSERTS)}))?[-\s]+{DURATION_UNIT}"
                 rf"(?:(?P<half>\s+(?i:and\s+a\s+half)))?(?P<suffix>-(?i:long|old)\b)?"),
    ("duration", rf"(?P<vague>{_function_words(VAGUE_DURATION_WORDS)})\s+{DURATION_UNIT}"),
    ("duration", r"(?P<prep>(?i:for|over|in|within))\s+(?P<bare>(?:(?i:the)\s+)?(?i:years|months|weeks|decades|centuries))\b"
                 r"(?!\s+(?:of|before|after|ago|to|since|when|that|which|between|and)\b)"),
    # "a decades-long feud", "a day-long meeting"
    ("duration", r"(?P<long>(?i:years|months|weeks|decades|centuries|day|week|month|year))-(?i:long)\b"),
    ("duration", r"(?P<dec>(?i:a|one|the\s+(?:past|last|next))\s+(?:decade|century))\b"),
    # sets: "daily", "every Thursday", "each year", "every two weeks", "on Mondays", "Tuesday nights"
    ("set", rf"(?P<adv>{_alternation(tuple(SET_ADVERBS))})\b"),
    ("set", rf"(?P<every>(?i:every|each|per))\s+(?:(?P<other>(?i:other))\s+)?(?:(?P<n>{NUMBER})\s+)?"
            rf"(?:{DURATION_UNIT}|(?P<wd>{WEEKDAY_FULL})|(?P<mon>{MONTH_FULL}))"
            rf"(?:\s+(?P<part>(?i:{_alternation(DAY_PARTS)})))?\b"),
    ("set", rf"{PREP}(?P<wds>{_alternation(_cased(list(WEEKDAYS)))})(?:s|\s+(?P<part>(?i:{_alternation(DAY_PARTS)}))s)\b"),
    # PRESENT_REF / PAST_REF / FUTURE_REF
    ("ref", rf"{PREP}(?P<ref>{_function_words(tuple(REFERENCES))})\b(?![-\u2010]\w)"),
    # clock times: "10:35 a.m.", "6 a.m. Tuesday", "noon Thursday", "midnight"
    ("clock", rf"{PREP}{QUANT}(?:(?P<h>\d{{1,2}})(?::(?P<min>\d{{2}}))?\s*(?P<ampm>(?i:[ap]\.?\s?m\b\.?))"
              rf"|(?P<h24>\d{{1,2}}):(?P<min24>\d{{2}})(?!\d)(?=\s+(?i:local|GMT|UTC|hours|[A-Z]{{2}}T\b))"
              rf"|(?P<word>(?i:noon|midday|midnight))\b)"
              rf"(?:\s+(?P<tz>{_alternation(TIME_ZONES)})\b)?"
              rf"(?:,?\s+(?:(?i:on)\s+)?(?:(?P<wd>{WEEKDAY_FULL})|(?P<drel>(?i:today|yesterday|tomorrow))\b"
              rf"|(?P<mon>{MONTH_ANY})\s*{_day('d')}))?"),
    # financial periods: "the third quarter", "third-quarter", "the latest quarter", "the year-ago period"
    ("fin", rf"{PREP}(?:(?P<det>(?i:the|that|this|its|their))\s+|(?P<yrel>(?i:last|next|this))\s+(?i:year)['\u2019]s\s+)?"
            rf"(?:(?P<comp>(?i:comparable))\s+)?"
            rf"(?:(?P<fin>{_function_words(FIN_YEAR_BEFORE + ('latest', 'most recent', 'recent', 'current', 'same', 'previous', 'prior'))})\s+)?"
            rf"(?:(?P<y>{YEAR4})\s+)?(?:(?P<fiscal>(?i:fiscal))[-\s]+)?(?:(?P<ord>(?i:first|second|third|fourth))[-\s]+)?"
            rf"(?P<unit>(?i:quarter|period))\b(?!s)"),
    ("fin", r"(?P<fin>(?i:year-ago|year-earlier))\b"),
    # centuries and decades in words: "the 20th century", "the nineties"
    ("century", rf"{PREP}(?P<the>(?i:the)\s+)?(?P<c>\d{{1,2}})(?:st|nd|rd|th)[-\s](?i:century)\b"),
    ("century", rf"{PREP}(?P<the>(?i:the)\s+)?(?P<cw>(?i:{_alternation(tuple(CENTURY_WORDS))}))[-\s](?i:century)\b"),
    ("decade", rf"(?P<prep>(?i:in|during|since|by|until|through|throughout)\s+)?(?P<the>(?i:the)\s+)"
               rf"(?:(?P<posmod>(?i:early|mid|late))[-\s])?(?P<decw>(?i:{_alternation(tuple(DECADE_WORDS))}))\b"),
    # years in words, as spoken: "nineteen ninety-six", "the year two thousand"
    ("spoken_year", rf"(?:(?i:the\s+year)\s+|(?P<mon>{MONTH_FULL})\s+|(?:(?i:the)\s+)?(?P<season>{SEASON})\s+(?i:of)\s+)?"
                    rf"(?i:(?P<sy>nineteen|eighteen)\s+(?:(?P<st>{_alternation(TENS)})"
                    rf"(?:[-\s](?P<so>{_alternation(ONES)}))?\b|(?P<teen>ten|eleven|twelve|thirteen|fourteen|fifteen"
                    r"|sixteen|seventeen|eighteen|nineteen)\b))"),
    ("spoken_year", rf"(?P<the>(?i:the\s+year)\s+)?(?P<tt>(?i:two\s+thousand))(?:\s+(?:(?i:and)\s+)?(?P<so>(?i:{_alternation(ONES)})))?\b"),
]

# ------------------------------------------------------------------ triggers

# The family regexes are only run in windows around a trigger word, found by one
# cheap word scan; a family absent from a text costs nothing.
_CALENDAR_FAMILIES = ("mdy", "dmy", "month")
WORD_TRIGGERS: dict[str, tuple[str, ...]] = {
    **{w: _CALENDAR_FAMILIES for w in list(MONTHS) + list(MONTH_ABBREVIATIONS)},
    **{w: ("mdy", "dmy") for w in MONTH_SLIPS},
    **{w: ("weekday",) for w in WEEKDAYS},
    **{w: ("season",) for w in SEASONS},
    **{w + "time": ("season",) for w in SEASONS},
    "half": ("part",), "quarter": ("part", "period"), "week": ("period", "narrative"), "weekend": ("period",),
    "month": ("period", "narrative"), "year": ("period", "narrative"), "ago": ("ago",),
    "day": ("narrative",), "days": ("narrative",), "weeks": ("narrative",), "months": ("narrative",),
    "years": ("narrative",),
    **{w.split()[-1]: ("dayrel",) for w in DAY_RELATIVE},
    **{h.split()[0].split("'")[0]: ("holiday",) for h in HOLIDAYS},
}
for _w in ("second", "seconds", "minute", "minutes", "hour", "hours", "night", "nights", "decade", "decades",
           "century", "centuries", "quarters", "days", "weeks", "months", "years", "day", "week", "month", "year",
           "quarter"):
    WORD_TRIGGERS[_w] = tuple(dict.fromkeys(WORD_TRIGGERS.get(_w, ()) + ("duration",)))
WORD_TRIGGERS["century"] = WORD_TRIGGERS["century"] + ("century",)
for _w in SET_ADVERBS:
    WORD_TRIGGERS[_w] = ("set",)
for _w in ("every", "each", "per"):
    WORD_TRIGGERS[_w] = ("set",)
for _w in WEEKDAYS:
    WORD_TRIGGERS[_w] = ("weekday", "set")
    WORD_TRIGGERS[_w + "s"] = ("set",)
for _w in REFERENCES:
    WORD_TRIGGERS[_w.split()[-1]] = WORD_TRIGGERS.get(_w.split()[-1], ()) + ("ref",)
for _w in list(CLOCK_WORDS) + ["a.m", "p.m", "am", "pm", "a.m.", "p.m."] + [z.lower() for z in TIME_ZONES]:
    WORD_TRIGGERS[_w] = ("clock",)
for _w in ("quarter", "period", "year-ago", "year-earlier"):
    WORD_TRIGGERS[_w] = tuple(dict.fromkeys(WORD_TRIGGERS.get(_w, ()) + ("fin",)))
WORD_TRIGGERS["year"] = WORD_TRIGGERS["year"] + ("fyear",)
for _w in MOVABLE_HOLIDAYS:
    WORD_TRIGGERS[_w.split()[0].split("'")[0]] = ("movable",)
for _w in DECADE_WORDS:
    WORD_TRIGGERS[_w] = ("decade",)
for _w in ("nineteen", "eighteen", "thousand"):
    WORD_TRIGGERS[_w] = tuple(dict.fromkeys(WORD_TRIGGERS.get(_w, ()) + ("spoken_year",)))
YEAR_TRIGGERS = ("iso", "numeric", "year", "part", "mdy", "dmy")
CODE_TRIGGERS = ("part",)                      # "Q1", "H2"
DECADE_TRIGGERS = ("decade",)
WINDOW_BEFORE, WINDOW_AFTER = 50, 50
# Families whose expressions end at most this far after their trigger ("three days" ends
# at "days"; "2 1/2 years and a half"-like tails are short): a narrower window, ~1.3x faster.
SHORT_AFTER = {"duration": 16, "fyear": 8, "century": 8, "ref": 4}
