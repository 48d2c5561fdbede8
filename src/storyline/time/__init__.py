"""The time stage: find time expressions and give them TIMEX3 values.

    find_timexes(text, anchor, doc=None) -> list[TimeExpr]

Modules, in pipeline order: ``patterns`` (lexicons and regexes, data only),
``candidates`` (matches, context checks, overlaps), ``tense`` (which way an
expression points), ``anchor`` (the publication date and calendar arithmetic),
``resolve`` (candidates -> TimeExpr records, and the entry point), ``values``
(TIMEX3 values as day intervals) and ``timeml`` (reading TimeML and scoring as
TempEval-3; ``bench/timeml_eval.py`` prints it).

Spans follow TimeML: a leading preposition stays out ("on Friday" is ``Friday``).
"""
from .resolve import find_timexes

__all__ = ["find_timexes"]
