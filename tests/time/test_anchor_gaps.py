"""Values that depend on what the page date leaves open or on the tense around the expression
(sentences of our own, parsed as the pipeline parses them).

Each row: sentence, publication date (ISO, a year alone, or ``-``), expected span text, value.
"""
from __future__ import annotations

import datetime as dt

import pytest

from storyline.records import Published
from storyline.time import find_timexes


def _published(day: str) -> Published:
    if day == "-":
        return Published(None, "test", 0.0)
    if len(day) == 4:
        return Published(day, "test", 0.7, int(day))
    y, m, d = (int(x) for x in day.split("-"))
    return Published(day, "test", 1.0, y, m, d, dt.date(y, m, d).weekday())


ROWS = [
    # a page dated to the year only: an unyeared month-day or month is in that year
    ("The summit will now be held on May 20 instead of May 13.", "2019", "May 20", "2019-05-20"),
    ("Officials said talks began in February.", "2019", "February", "2019-02"),
    ("They met last March.", "2019", "last March", "XXXX-03"),     # this year or last: the year stays open
    # the weekend: tense decides, and with no firm tense the nearer one (written on a Tuesday)
    ("The two presidents were due to talk at the weekend but the meeting was dropped.", "2018-12-04",
     "the weekend", "2018-12-01/2018-12-02"),
    ("The ministers will meet at the weekend.", "2018-12-04", "the weekend", "2018-12-08/2018-12-09"),
    ("The ministers met at the weekend.", "2018-12-04", "the weekend", "2018-12-01/2018-12-02"),
    # "the past weekend", and a weekend told with its content
    ("The ministers met during the past weekend.", "2018-12-04", "the past weekend", "2018-12-01/2018-12-02"),
    ("He spoke at the end of a long weekend of talks.", "2018-12-04", "a long weekend", "2018-12-01/2018-12-02"),
    # an infinitive after a verb that happens with it takes that verb's tense (written on a Thursday)
    ("A protester managed to climb onto the roof of the embassy on Monday.", "2019-05-16", "Monday",
     "2019-05-13"),
    ("The envoy failed to win a ceasefire on Tuesday.", "2019-05-16", "Tuesday", "2019-05-14"),
    ("The envoy plans to visit Kabul on Monday.", "2019-05-16", "Monday", "2019-05-20"),
    # a famous day followed by its happening's noun keeps the happening's year
    ("The mayor met families of 11 September victims.", "2019-05-16", "11 September", "2001-09-11"),
    ("The vote is due on September 11 in parliament.", "2019-05-16", "September 11", "2019-09-11"),
    # "a day earlier" counts from the last day named even when a month was named after it
    ("The leaders met on Wednesday and discussed a visit in August. A day earlier the minister had arrived.",
     "2019-05-16", "A day earlier", "2019-05-14"),
    # a month between a determiner and a common noun modifies it ("the April visit")
    ("The palace has called off the April state visit of the king.", "2020-03-18", "April", "2020-04"),
    # "today" on a page dated to the year only is that year, no more
    ("The treaty opens for signature today.", "2005", "today", "2005"),
    # half a month is a day interval
    ("The summit is now planned for the first half of May.", "2019-04-02", "the first half of May",
     "2019-05-01/2019-05-15"),
    ("Exports fell in the second half of February 2019.", "2019-04-02", "the second half of February 2019",
     "2019-02-16/2019-02-28"),
    # "could" reads as past ability as often as possibility: the nearer weekday (a Thursday page)
    ("The minister could not be reached for comment on Wednesday.", "2019-05-16", "Wednesday", "2019-05-15"),
    # a purpose infinitive under a past verb happens near it: the nearer weekday (a Monday page)
    ("The rival bidders extended their offers to buy the company Friday.", "2019-05-13", "Friday", "2019-05-10"),
    # a weekday before a past "planned" dates the planning (a Wednesday page)
    ("On Friday, the city council planned to vote on the budget.", "2019-05-15", "Friday", "2019-05-10"),
    # a present perfect progressive looks back: the earlier instance of an unyeared day (a May page)
    ("Police have been looking for him since shortly after the Oct. 23 robbery.", "2019-05-06", "Oct. 23",
     "2018-10-23"),
    # a meeting "set for" a month is ahead even as a participle (a March page)
    ("The question will dominate a summit set for Berlin in February.", "2019-03-12", "February", "2020-02"),
    # "effective" with a date: when a change takes hold, the nearer instance (an October page)
    ("The bank named a new chief executive, effective Feb. 1.", "2019-10-24", "Feb. 1", "2020-02-01"),
]


@pytest.mark.parametrize("sentence,day,text,value", ROWS)
def test_value(sentence: str, day: str, text: str, value: str | None) -> None:
    from storyline.nlp import parse

    found = find_timexes(sentence, _published(day), parse(sentence))
    hits = [t for t in found if t.text == text]
    assert hits, f"{text!r} not in {[(t.text, t.value) for t in found]}"
    assert hits[0].value == value
