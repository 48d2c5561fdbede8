"""Cleaning and dateline patterns, as data.

Each entry is general page furniture seen across news sites, not one site's
markup: add a pattern here rather than a code path in ``clean.py``.
"""
from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
            "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
            "sunday": 6, "sun": 6}

_MONTH_RE = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
MONTH_DAY = rf"(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>(?:19|20)\d\d))?"
DAY_MONTH = rf"(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH_RE})(?:,?\s+(?P<year2>(?:19|20)\d\d))?"
_PLACE = r"(?P<place>[A-Z][A-Z.'’\- ]{1,40}?(?:,\s+[A-Z][A-Za-z.'’\- ]{1,30})?)"

# Datelines at the start of the body. Group names: place, month/day/year (or day2/month2/year2), agency.
DATELINES: list[re.Pattern[str]] = [
    # TOKYO, February 6. /TASS/.     MOSCOW, Dec 3 /ITAR-TASS/.
    re.compile(rf"^{_PLACE},\s+(?:{MONTH_DAY}|{DAY_MONTH})\.?\s*/(?P<agency>[A-Za-z][\w\- ]{{1,30}})/\.?\s*"),
    # MOSCOW, Sept 5 (Reuters) -     TOKYO, Feb. 6 (Kyodo) --
    re.compile(rf"^{_PLACE},\s+(?:{MONTH_DAY}|{DAY_MONTH})\.?\s*\((?P<agency>[A-Za-z][\w\- ]{{1,30}})\)\s*[-–—]+\s*"),
    # TOKYO (Kyodo) --     BEIJING (AP) —
    re.compile(rf"^{_PLACE}\s*\((?P<agency>[A-Za-z][\w\- ]{{1,30}})\)\s*[-–—]+\s*"),
    # Sept. 5, 2016 (Reuters) -
    re.compile(rf"^(?:{MONTH_DAY})\s*\((?P<agency>[A-Za-z][\w\- ]{{1,30}})\)\s*[-–—]+\s*"),
    # MOSCOW, April 28 -- (no agency)
    re.compile(rf"^{_PLACE},\s+(?:{MONTH_DAY}|{DAY_MONTH})\.?\s*[-–—]+\s*"),
    # MOSCOW, December 3. Russian ... (no agency; the place in capitals, then the date and a full stop)
    re.compile(rf"^(?P<place>[A-Z][A-Z.'’\- ]{{1,40}}?),\s+(?:{MONTH_DAY}|{DAY_MONTH})\.\s+(?=[A-Z“\"])"),
]

# Agency spellings in datelines -> outlet name.
AGENCIES = {"TASS": "TASS", "ITAR-TASS": "TASS", "KYODO": "Kyodo", "REUTERS": "Reuters", "AP": "AP", "AFP": "AFP",
            "XINHUA": "Xinhua", "INTERFAX": "Interfax", "RIA NOVOSTI": "RIA Novosti", "UPI": "UPI", "PTI": "PTI",
            "YONHAP": "Yonhap", "ANADOLU": "Anadolu", "DPA": "dpa", "EFE": "EFE", "ANSA": "ANSA", "JIJI": "Jiji"}

# Whole lines that are page furniture (matched case-insensitively against the stripped line).
FURNITURE_LINES: list[re.Pattern[str]] = [re.compile(p, re.I) for p in [
    r"all news", r"read more\.?", r"read also:?.*", r"see also:?", r"x", r"close", r"×", r"share( this)?( article)?:?",
    r"print", r"e-?mail", r"tweet", r"advertisement", r"subscribe.*", r"follow us.*", r"more news",
    r"related (news|stories|articles):?", r"top stories", r"latest news", r"back to top", r"home", r"menu",
    r"updated \d+ (second|minute|hour|day|week|month|year)s? ago", r"\d+ (minute|hour|day|week|month|year)s? ago",
    r"(published|updated|posted):?\s.*\d{1,2}:\d\d.*", r"(by|authors?:?)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}((\s*,\s*|\s+and\s+)[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}){0,4}",
    r"\d+\s+min(ute)?s?\s+read", r"\((additional )?(reporting|writing|editing|compiled) by [^)]*\)",
    r"(id|auther|author|source|tags?)\s*:", r"\d{3,12}", r"(photo|image|video) gallery", r"loading\.*",
    r"click (here )?to .*", r"comments?( \(\d+\))?", r"\d+ comments?",
    # breadcrumbs and section labels: "World | Asia-Pacific", "News > Europe"
    r"[\w&'’ -]{1,25}(\s*[|>»/]\s*[\w&'’ -]{1,25}){1,4}",
]]
# A "related links" header: it and the link titles under it (lines that are not sentences) go.
RELATED_HEADER = re.compile(r"^(related( coverage| stories| articles| news| content| links)?|more on this( story)?|"
                            r"see also|read also|recommended( for you)?|you may also like)\s*:?$", re.IGNORECASE)
# Wire-service tags before a headline: "UPDATE 2-", "REFILE-", "EXCLUSIVE-".
HEADLINE_TAG = re.compile(r"^(?:(?:UPDATE\s*\d*|REFILE|CORRECTED|EXCLUSIVE|RPT|WRAPUP\s*\d*|ANALYSIS|FACTBOX|"
                          r"INSIGHT)\s*[-:]\s*)+")
# An outlet's name alone on a line ("KYODO NEWS", "REUTERS") is a brand label, not a headline.
BRAND_LINE = re.compile(r"^(?P<brand>[A-Z][A-Z&.\- ]{1,30}?)(?:\s+NEWS(?:\s+AGENCY)?)?$")

# A CMS header timestamp, e.g. "Tue, 01/26/2016 - 11:55" (US month/day order) or "2016-01-26 11:55".
HEADER_TIMESTAMPS: list[re.Pattern[str]] = [
    re.compile(r"^(?:(?P<wd>[A-Z][a-z]{2,8}),?\s+)?(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d)(?:\s*[-–,]?\s*\d{1,2}:\d\d(?::\d\d)?\s*(?:[AP]M)?)?$"),
    re.compile(r"^(?:(?P<wd>[A-Z][a-z]{2,8}),?\s+)?(?P<y>(?:19|20)\d\d)-(?P<m>\d{2})-(?P<d>\d{2})(?:[ T]\d{1,2}:\d\d(?::\d\d)?)?$"),
    # "KYODO NEWS - Nov 14, 2018 - 21:47 | World, All", "Published: June 3, 2016 10:15"
    re.compile(rf"^(?:[A-Z][\w .:-]{{0,30}}?\s*[-–|:]\s*)?(?P<mname>{_MONTH_RE})\s+(?P<d>\d{{1,2}}),\s+(?P<y>(?:19|20)\d\d)"
               r"(?:\s*[-–,|]?\s*\d{1,2}:\d\d(?::\d\d)?\s*(?:[AP]M)?)?(?:\s*\|.{0,60})?$"),
]

# Photo credit lines: "© Alexander Shcherbak/TASS", "AP Photo/Eugene Hoshiko", "Photo: Reuters", "EPA/…".
CREDIT = (r"(?:©|\(c\)|copyright\b|photo:|photo by\b|image:|credit:|"
          r"(?:AP|AFP|EPA|Reuters|Getty Images|Sputnik|Xinhua|Kyodo|TASS|Pool)\s*(?:Photo|/))")
_AGENCY_SLASH = r"/(?:TASS|AP|AFP|EPA|Reuters|Sputnik|Kyodo|Xinhua|Pool|Getty Images)"
# a credit alone on its line: "© Name/TASS", "AP Photo/Name", or just "Name Surname/TASS"
CREDIT_LINE = re.compile(rf"^\s*{CREDIT}.*$|^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,3}}{_AGENCY_SLASH}$", re.I)
# a caption with its credit glued on: "Two leaders shake hands Name Surname/TASS"
# a caption with its credit glued on: "Two leaders shake hands Name Surname/TASS"
CREDIT_TAIL = re.compile(rf"\s+(?:{CREDIT}\s*[\w .'’/-]*|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,3}}{_AGENCY_SLASH})$")

# Trailing widgets glued to the last paragraph.
TRAILING = re.compile(r"\s*(?:Read more|Read also|More:|Continue reading)\.?\s*$", re.I)

# Dates inside URLs: /2016/05/06/, /20160506/, /2016-05-06/
URL_DATES = [re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$)"),
             re.compile(r"[/_-](?P<y>(?:19|20)\d\d)-(?P<m>\d{2})-(?P<d>\d{2})(?:[/_.-]|$)"),
             re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:/|$)")]
