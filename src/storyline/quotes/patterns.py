"""Word lists of the quote stage (data, not logic)."""
from __future__ import annotations

# Quotation marks. Straight quotes open or close by context; curly ones say which they are.
STRAIGHT = '"'
OPENERS = frozenset("“«„")
CLOSERS = frozenset("”»")
# „German“ style: “ closes a quote that „ opened.
CLOSER_OF = {"„": "““”", "«": "»", "“": "”"}

# Lemmas of verbs that introduce or close speech ("said", "told reporters", "the daily wrote").
REPORTING_VERBS = frozenset("""
say tell add note stress emphasize emphasise state write report quote explain remark declare announce
comment reply answer ask insist warn claim confirm underline underscore recall observe continue conclude
argue suggest admit acknowledge assure point tweet post cite elaborate clarify specify complain allege
reiterate repeat recount describe predict promise vow urge mention affirm maintain contend concede
deny respond retort indicate summarize summarise proclaim dismiss call slam criticise criticize condemn
praise welcome reject hail blast accuse pledge caution signal voice express hint assert reaffirm read
counter quip joke exclaim muse concur rejoin lament boast
""".split())

# Documents that speak for whoever issued them: "the statement read" is the office that issued it
# ("the ministry said in a statement. ... the statement read").
DOCUMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "readout", "release", "declaration",
                            "letter", "note", "message", "announcement"})
DOCUMENT_CHARS = 1200     # how far back "the statement" finds the one who issued it

# Verbs whose object, not subject, is the speaker: "the daily quoted an official as saying".
OBJECT_SPEAKER_VERBS = frozenset({"quote", "cite"})

# Subject pronouns and what they may refer to.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
ORG_PRONOUNS = frozenset({"it"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})

# Nouns that, after "the", point back at the last person who spoke ("the source added", "the diplomat said").
ANAPHORIC_NOUNS = frozenset({"source", "official", "diplomat", "spokesman", "spokeswoman", "spokesperson",
                             "representative", "politician", "lawmaker", "officer", "analyst", "expert", "envoy",
                             "interlocutor", "negotiator", "aide", "adviser", "advisor", "legislator"})

# A quoted span shorter than this many words is a term, not speech ("so-called 'reset'").
MIN_WORDS = 3
# Up to this many words without sentence punctuation, a quote needs a verb of saying to count.
SHORT_WORDS = 5
# Words that may stay lower-case inside a quoted title ("Power of Siberia").
TITLE_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "a", "an", "at", "with", "de"})

# How far (characters) a quote with no attribution of its own may be from the last one to inherit its speaker.
CONTINUATION_CHARS = 400
