"""The grammatical cases a duration can take in a sentence, in the languages that have them.

A text writes ``{response_time}`` for a duration in its basic form ("1 kuukausi", written
by Babel) and ``{response_time:genitive}`` where the sentence needs another case ("1
kuukauden kuluessa"). Babel (CLDR) has no case forms of units, so they are stated here, for
the units of the register's durations (years, months, weeks, days), after a numeral: the
form after 1 and the form after any other number. Languages and cases not listed have none
(English writes every duration in its basic form).

Finnish puts the noun after a numeral in the singular in every case but the nominative
("kolmen kuukauden", "kolmea kuukautta", "kolmella kuukaudella"), so its two forms are the
same. Swedish marks the genitive with -s ("3 månaders"); its day is CLDR's "dygn", as
Babel writes it. German needs the dative after prepositions ("innerhalb von 3 Monaten",
"nach 1 Jahr") and has a genitive ("eines Monats"). Pure data: validation reads it without
Babel, :func:`privacy_notice.languages.localize.format_duration` writes with it.
"""

from __future__ import annotations

from collections.abc import Mapping

# The units of model.durations, in its order.
YEAR, MONTH, WEEK, DAY = "duration-year", "duration-month", "duration-week", "duration-day"

Forms = Mapping[str, tuple[str, str]]  # unit -> (after 1, after any other number)

CASE_FORMS: Mapping[str, Mapping[str, Forms]] = {
    "fi": {
        "genitive": {
            YEAR: ("vuoden", "vuoden"),
            MONTH: ("kuukauden", "kuukauden"),
            WEEK: ("viikon", "viikon"),
            DAY: ("päivän", "päivän"),
        },
        "partitive": {
            YEAR: ("vuotta", "vuotta"),
            MONTH: ("kuukautta", "kuukautta"),
            WEEK: ("viikkoa", "viikkoa"),
            DAY: ("päivää", "päivää"),
        },
        "inessive": {  # "vastaamme 1 kuukaudessa"
            YEAR: ("vuodessa", "vuodessa"),
            MONTH: ("kuukaudessa", "kuukaudessa"),
            WEEK: ("viikossa", "viikossa"),
            DAY: ("päivässä", "päivässä"),
        },
        "elative": {  # "3 kuukaudesta 6 kuukauteen"
            YEAR: ("vuodesta", "vuodesta"),
            MONTH: ("kuukaudesta", "kuukaudesta"),
            WEEK: ("viikosta", "viikosta"),
            DAY: ("päivästä", "päivästä"),
        },
        "illative": {
            YEAR: ("vuoteen", "vuoteen"),
            MONTH: ("kuukauteen", "kuukauteen"),
            WEEK: ("viikkoon", "viikkoon"),
            DAY: ("päivään", "päivään"),
        },
        "adessive": {  # "voimme pidentää määräaikaa 2 kuukaudella"
            YEAR: ("vuodella", "vuodella"),
            MONTH: ("kuukaudella", "kuukaudella"),
            WEEK: ("viikolla", "viikolla"),
            DAY: ("päivällä", "päivällä"),
        },
    },
    "sv": {
        "genitive": {  # "efter 3 månaders förvaring"
            YEAR: ("års", "års"),
            MONTH: ("månads", "månaders"),
            WEEK: ("veckas", "veckors"),
            DAY: ("dygns", "dygns"),
        },
    },
    "de": {
        "dative": {  # "innerhalb von 1 Monat", "nach 13 Monaten"
            YEAR: ("Jahr", "Jahren"),
            MONTH: ("Monat", "Monaten"),
            WEEK: ("Woche", "Wochen"),
            DAY: ("Tag", "Tagen"),
        },
        "genitive": {
            YEAR: ("Jahres", "Jahre"),
            MONTH: ("Monats", "Monate"),
            WEEK: ("Woche", "Wochen"),
            DAY: ("Tages", "Tage"),
        },
    },
}


def language_of(locale: str) -> str:
    """``fi_FI`` -> ``fi``: cases belong to the language, not to its territory."""
    return locale.split("_")[0]


def cases_of(locale: str) -> tuple[str, ...]:
    """The cases a duration can take in the language of ``locale`` (none: basic form only)."""
    return tuple(CASE_FORMS.get(language_of(locale), {}))


def case_form(locale: str, case: str, unit: str, count: int) -> str:
    """The form of ``unit`` after the numeral ``count`` in ``case``; KeyError for a case
    the language does not have (the check of texts lets none through)."""
    singular, other = CASE_FORMS[language_of(locale)][case][unit]
    return singular if count == 1 else other
