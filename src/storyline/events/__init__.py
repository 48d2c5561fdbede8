"""Events: every interaction between political actors an article reports, coded in PLOVER.

    extract_events(doc, article) -> list[Event]

Runs on the article's parse after the time, entities and quotes stages have
filled ``article.timexes``, ``article.entities`` and ``article.quotes``.

Modules, in pipeline order: ``lexicon`` (the trigger senses of
``data/triggers.json``) and ``patterns`` (closed word classes) are data;
``index`` maps tokens to entities, times and quotes once per article;
``frames`` finds triggers and the phrases filling their roles; ``actors``
resolves those phrases to countries and people; ``when`` gives date, place,
mode, evidence and attribution; ``status`` reads tense, modality and hedges;
``derived`` reads events told by constructions rather than one word (demands,
invitations to a place, "first visit since", stops on the way, the dateline's
scene); ``merge`` keeps one event per happening; ``extract`` runs them in order.

Real copy (measured on ``../shared/devreal``, 30 pages of 30 outlets, 94 core events) tells many
events outside "X visited Y": groups ("the advisers of A, B and C are meeting": every pair; "the first
to sign were A, B and C"), names inside other phrases ("a number of leaders, including X and Y",
"a U.S. resolution for an extension of the embargo on Iran", "the resolution" after "a U.S.
resolution"), hosts that postpone a visit, readout headings ("Meeting with President X"), and a status
told elsewhere in the sentence ("were due to meet ..., but X cancelled", "the postponed visit",
"later Friday"). Reading those took recall from 0.415 to 0.766 at precision 0.986 (status 0.846 ->
0.944, actors 0.833 -> 0.915), with the seeds and the sample corpus unchanged.
"""
from __future__ import annotations

from .extract import extract_events
from .lexicon import lexicon

__all__ = ["extract_events", "lexicon"]
