"""Page furniture, as data: the kinds a removed line can have and the line shapes that name them.

Each pattern describes a *shape* that recurs across news sites (a skip link, a
"N minutes ago" stamp, a photo-credit tail, a comment-box prompt), never one
site's wording. ``lines.py`` applies them; which line is the headline, the lead
or the body is decided there from position and sentence shape, not here.

Kinds (``Removed.kind``):

- ``navigation``  menus, breadcrumbs, skip links, section labels, site mastheads
- ``caption``     photo and video captions and the alt text printed above them
- ``credit``      photo credits, agency tags ("(AFP)" glued to the end), sign-offs
- ``byline``      author lines, staff-writer lines, reporters' e-mail addresses
- ``timestamp``   published/updated stamps and date lines of the page
- ``share``       share/print/play buttons, reaction counters
- ``related``     related-headline lists and their headers
- ``comments``    comment boxes and their prompts
- ``promo``       newsletter, subscription, donation and app appeals
- ``consent``     cookie/consent banners and browser notices
- ``ad``          advertisement labels
- ``widget``      everything else a page prints around a story: IDs, tag boxes,
                  font-size switches, server errors, "more than N years old" notices,
                  disclaimers, lines in another script than the story's
- ``duplicate``   a paragraph or headline printed a second time
"""
from __future__ import annotations

import re

FURNITURE_KINDS = ("navigation", "caption", "credit", "byline", "timestamp", "share", "related", "comments",
                   "promo", "consent", "ad", "widget", "duplicate")

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"
_DATE = (rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|"
         rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?:19|20)\d\d|"
         r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4})")
_CLOCK = r"\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*\(?(?:gmt|utc|ist|est|edt|cet|jst|kst|msk)[^)]{0,6}\)?)?"

# Whole lines (stripped, matched case-insensitively with fullmatch), by kind.
LINE_PATTERNS: list[tuple[str, str, str]] = [
    # (kind, why, pattern)
    ("navigation", "skip link", r"skip to (main )?(content|navigation|search)\b.*"),
    ("navigation", "menu word", r"(all news|more news|home|menu|search|advanced search|sitemap|site ?map|archives?|"
                                r"help|about us|contact( us)?|feedback|employment|careers|back to top|top stories|"
                                r"latest( news)?|most (read|popular|viewed)|world news|navigation|languages?|"
                                r"main menu|sections?|topics?|editions?|view settings|settings)"),
    ("navigation", "language switch", r"(eng|english|choose from \d+ languages|select language)"),
    ("navigation", "site masthead", r"(the )?official (web)?site of .{3,60}"),
    ("navigation", "numbered menu item", r"\d{1,2}\.\s+\S+(\s+\S+){0,3}"),
    ("promo", "appeal header", r"(a )?(message|note|letter|word) from .{2,40}:?|dear (readers?|friends|subscribers),?"),
    ("share", "media player note", r"\((quicktime|real|windows media|flash)[^)]*\)"),
    ("widget", "server error", r"\[?an? (error|exception) (occurred|has occurred)\b.*\]?|\[[^\]]{0,120}\]"),
    ("widget", "article-age notice", r"this (article|story|page) is (more|older) than \d+ \w+ old"),
    ("widget", "id line", r"(\w+\s)?(id|no\.?|number)\s*:\s*[\w-]*\d[\w-]*"),
    ("widget", "tag box", r"(tags?|labels?|keywords?|topics?|categor(y|ies)|filed under)\s*:?(\s.{0,120})?"),
    ("widget", "font switch", r"(font|text) size:?.*|a\s*a\s*a|t\s+t"),
    ("widget", "counter", r"\d+\s+(persons?|people|views?|reads?|likes?|shares?)|((image|photo|picture|slide)s?\s+)?"
                          r"\d+\s*(of|/)\s*\d+"),
    ("widget", "loading", r"loading\.*"),
    ("widget", "editor's note in parentheses", r"\((this|the) (story|article|report|content)\b.{10,300}\)"),
    ("widget", "embed note in parentheses", r"\((translation|watch|video|listen|audio|read)\b.{0,300}\)"),
    ("widget", "only digits and marks", r"[\d\W_]{1,40}"),
    ("timestamp", "relative time", r"(updated |posted |published )?\d+ (second|minute|min|hour|hr|day|week|month|year)s? ago"),
    ("timestamp", "stamp with a label", r"[•·\s]*(last )?(updated|published|posted|created|modified|first published|"
                                        r"date|released?)\s*(on|at)?\s*:?\s*.{0,60}\d.{0,60}"),
    ("timestamp", "date line", rf"[•·\s]*{_DATE}(\s*[,|•-]?\s*(at\s+)?{_CLOCK})?(\s*[,|•-]\s*[^.!?]{{0,40}})?"),
    ("timestamp", "date with update time", rf".{{0,40}}{_DATE}.{{0,12}}updated at .{{0,30}}"),
    ("timestamp", "clock line", rf".{{0,30}}\d{{1,2}}[-/.月]\d{{1,2}}\S*\s*{_CLOCK}.{{0,40}}|{_CLOCK}"),
    ("timestamp", "reading time", r"\d+\s+min(ute)?s?\s+read"),
    ("byline", "by-line", r"(by|author|authors|written by|reporting by)\s*:?\s+[A-Z\w][\w.'’-]*(\s+[\w.'’-]+){0,4}"
                          r"((\s*,\s*|\s+and\s+)[\w.'’-]+(\s+[\w.'’-]+){0,4}){0,3}(\s*[|,]\s*.{0,40})?"),
    ("byline", "staff line", r".{0,60}\b(staff (writer|reporter)|correspondent|contributor|editor|columnist)\b.{0,40}"),
    ("byline", "author note", r"[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){0,3} (is|was) our [\w ,'-]{0,40}"
                              r"(editor|correspondent|reporter|writer|columnist)\b.{0,120}"),
    ("byline", "e-mail address", r"\S+@\S+\.\w+"),
    ("credit", "photo credit", r"(photo(graph)?s?|image|picture|pic|video|source photos?|file photo|credit|courtesy)"
                               r"( credit)?\s*(:|by)\s*.{1,80}"),
    ("credit", "agency photo credit", r"[\w .&'-]{0,30}\b(photo|pool|handout)\s*/\s*.{1,60}|"
                                      r"[\w .&'-]{1,40}/\s*(getty images|handout|pool|file|afp|ap|reuters|epa)"),
    ("credit", "source line", r"(source|sources|via)\s*:\s*.{1,60}"),
    ("credit", "copyright", r"(©|\(c\)|copyright\b).{0,160}"),
    ("credit", "agency bullet", r"[•·]\s*[\w.&' -]{1,40}"),
    ("credit", "domain", r"[\w-]+(\.[\w-]+)*\.(com|org|net|ru|gov|int|info|io|co|uk|cn|jp|kr|de|fr|in)"),
    ("credit", "end mark", r"\(?(end|ends|endit|xxx|###|-30-)\)?\.?"),
    ("credit", "wire credit in parentheses", r"\([\w .,&/-]{1,40}\)"),
    ("credit", "contribution note", r".{3,80}\b(contributed|contributing)( reporting)? to this (report|story|article)\.?"),
    ("credit", "reporting credit in parentheses", r"\((additional )?(reporting|writing|editing|compiled|translated)"
                                                  r"( by)?\b.{0,160}\)"),
    ("credit", "additional reporting", r"\(?(additional )?(reporting|writing|editing|compiled|translated)( by)?\b.{0,160}\)?"),
    ("share", "share button", r"(share|share this( article| story)?|print|e-?mail|tweet|whatsapp|facebook|twitter|"
                              r"linkedin|telegram|copy link|pin|save|x|close|×|play video|watch( video)?|listen|"
                              r"shareables|[\w ]{0,20} shareables)(\s*[:|,]\s*\w*)*"),
    ("share", "article tool", r"(share|print|e-?mail|save|gift|bookmark|listen to|copy|send)( this| the)?"
                              r"( article| story| page| link| report)( for later| now)?"),
    ("share", "reaction counter", r"(reaction|like|love|haha|wow|sad|angry)( icon)?\s*\d*"),
    ("related", "related header", r"(related( \w+){0,2}|more on this( story| topic)?|see also|read also|also read|"
                                  r"read more|more from [\w' ]{1,30}|more stories|more in [\w' ]{1,30}|read next|up next|"
                                  r"what to read next|recommended( for you| stories| reading)?|you (may|might) (also )?like|"
                                  r"in this section|editor'?s picks|trending( now| stories)?|(most )?popular( now| stories| news)?|"
                                  r"top stories|latest stories|other news)\s*:?"),
    ("comments", "comment box", r"(no |\d+ |read |view |show |hide )?comments?(\s*\(\d+\))?:?"),
    ("comments", "comment prompt", r"(post|leave|add|write|submit|your) (a |your )?(comment|reply|response)s?.{0,40}|"
                                   r"comments? (are|is) (closed|disabled)\.?|you are replying to:?.{0,60}|"
                                   r"(reply|report abuse|log ?in to comment|sign in to comment)"),
    ("promo", "briefing offer", r"(get|receive|read) (our|the) ([\w-]+ ){0,3}(briefing|newsletter|digest|alerts?|"
                                r"bulletin)s?\b.{0,60}"),
    ("promo", "newsletter", r".{0,40}\b(newsletters?|subscribe|subscription|subscribers?|sign up|sign-up|"
                            r"download (our|the) app|get the app|follow us|join us|join our|donate|donation|support (us|our)|"
                            r"become a (member|supporter|subscriber))\b.{0,120}"),
    ("promo", "support appeal", r"support [\w' ]{2,40}!"),
    ("consent", "cookie banner", r".{0,80}\b(cookies?|privacy (policy|settings)|consent|terms of (use|service))\b.{0,160}"),
    ("consent", "consent button", r"(manage|accept|reject|allow|decline)( all)? (cookies|preferences|consent|"
                                  r"settings|tracking)"),
    ("consent", "browser notice", r".{0,60}\b(update|upgrade) your browser\b.{0,120}|.{0,60}browser (is )?(not supported|"
                                  r"out of date|outdated).{0,120}|.{0,20}javascript (is )?(disabled|required).{0,120}"),
    ("ad", "advertisement", r"(advertisement|advertising|sponsored( content)?|ad|ads|promoted|partner content)"
                            r"(\s*[-–:|]\s*[\w ]{0,40})?"),
    # the break an ad slot leaves inside a story: "Story continues below advertisement", "Continue reading the
    # main story", "Scroll to continue with content", "Skip advert"
    ("ad", "ad break", r"(the )?(story|article|text|content|report) continues (below|after|under)( (the|this))?"
                       r"( (advertisement|advert|ad|video|image))?|continue reading( (the|this))?( main)?( story| article)?"
                       r"|scroll (down )?to (continue|read)( with content| reading| the story)?|skip (this )?(advert|ad)\w*"),
    # a link to another story inside this one: "Read more: …", "Watch: … (2:14)", "Also read: …"
    ("related", "link to another story", r"(read more|read also|also read|see also|more|related|recommended|watch|"
                                         r"listen|video|opinion|analysis|explainer|live)\s*:\s*[^.!?]{3,120}[.!?]?"
                                         r"(\s*\(\d{1,2}:\d\d\))?"),
    ("widget", "form label", r"[\w'-]+( [\w'-]+){0,2}\s*:"),
    # separators last: a credit "Agency Photo/Name" or a byline "Name | Place" is named above
    ("navigation", "menu of separated items", r"[^|>»]{1,30}(\s*[|>»]\s*[^|>»]{1,30}){2,}\s*[|>»]?"),
    ("navigation", "breadcrumb", r"[\w&'’ .-]{1,25}(\s*[|>»/]\s*[\w&'’ .-]{1,25}){1,4}\s*[|>»/]?"),
    ("navigation", "breadcrumb", r"[\w&'’ .-]{1,30}\s*[/>»|]"),
]

LINES: list[tuple[str, str, re.Pattern[str]]] = [(k, why, re.compile(p, re.I)) for k, why, p in LINE_PATTERNS]

# Markers that make a line a photo or video caption wherever it stands.
CAPTION_MARKERS = re.compile(
    r"\((?:l|r|c|left|right|centre|center|front|back|top|bottom|2nd|3rd|[lr]-r|l to r|from left|file( photo)?|"
    r"pictured|photo|file picture)\)|^(?:this|the|a) (?:photo|picture|image|file photo|handout photo|screenshot|"
    r"video grab|still)\b|^(?:photo|file photo|image|picture)\s*:|\bpictured\b", re.I)
# A photo credit glued to the end of a caption: "… in Tokyo. Photograph: Agency/Name",
# "… [Handout via Outlet]", "… (Name via AP)", "… AGENCYPIX", "… AGENCY/Name/Handout".
CREDIT_TAIL = re.compile(
    r"(?:\s*(?i:photo(?:graph)?|image|picture|credit|image credit|photo credit)\s*:\s*[^.]{1,80}"
    r"|\s*[\[(][^\])]{0,60}\b(?:via|photo|photos|handout|file|credit|courtesy|pool|getty|afp|ap|reuters|epa)\b"
    r"[^\])]{0,60}[\])]\s*\|?"
    r"|\s+[A-Z]{2,}PIX"
    r"|\s+[A-Z][A-Z.]{1,20}(?:/[A-Z][\w .'-]{1,40}){1,3})\s*$")
# A wire tag glued after the last sentence of a paragraph: "… on Tuesday. (IANS)", "… (Yonhap)".
AGENCY_TAIL = re.compile(r"(?<=[.!?\"”’])\s*(?:\((?![^)]*\b(?:via|photos?|handout|file|pool|credit)\b)(?:[A-Za-z][\w.&'-]*(?:[ /-][A-Za-z][\w.&'-]*){0,3})\)"
                         r"|[-–—]+\s*[A-Z][\w.&'-]+|[■□◆◇●▪♦]+)\s*\|?\s*$")
# A dateline alone on its line, opening the body: "Hanoi, March 3:", "LIMA, Nov. 3 -"
DATELINE_ALONE = re.compile(rf"[A-Z][\w.'’ -]{{1,30}},\s+(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})"
                            r"(?:,?\s+(?:19|20)\d\d)?\s*[:.\-–—]?", re.I)
# A read-more link glued after the last sentence.
READ_MORE_TAIL = re.compile(r"(?<=[.!?\"”’])\s*(?:read more|read also|more:|continue reading)\.?\s*$", re.I)
# An aggregator's or agency's tag before the dateline: "(Feed- Some Agency (SA)) CITY, …"
AGENCY_HEAD = re.compile(r"^\((?:[^()]|\([^()]*\)){2,80}\)\s+(?=[A-Z]{3,}|[A-Z][a-z]+,\s)")
# Alt text glued to the first word of a paragraph: "lowercase alt words“Quoted sentence …"
GLUED_ALT = re.compile(r"^[a-z][a-z0-9 '-]{2,60}?(?=[“\"‘][A-Z])")
# Lines that tell a caption printed above them is a video blurb.
MEDIA_MARKER = re.compile(r"(play video|watch( the)? video|play|watch|listen|video)\s*:?", re.I)
# Headers that open a block of furniture of their kind which runs while its lines keep that shape.
BLOCK_KINDS = ("related", "comments", "promo")
# Words of an appeal to the reader (newsletter, donation): first and second person, and the trade's nouns.
APPEAL_WORDS = frozenset("we our us you your yours journalism journalists support donate donation subscribe "
                         "subscription newsletter readers reader contribution contribute independent mailbox "
                         "inbox sign help".split())
# A site-title line: "Headline | Section | Outlet | date" — the headline is the first part.
TITLE_BAR = re.compile(r"\s+[|•]\s+")
