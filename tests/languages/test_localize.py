"""localize.py: what Babel writes in each language, exact (legal periods are never rounded)."""

from __future__ import annotations

import pytest

from privacy_notice.languages import localize
from privacy_notice.model import durations
from privacy_notice.source.locales import known_locale


@pytest.mark.parametrize(
    ("duration", "lang", "written"),
    [
        ("P1Y6M", "en_FI", "1 year and 6 months"),
        ("P1Y6M", "fi_FI", "1 vuosi ja 6 kuukautta"),
        ("P1Y6M", "sv_FI", "1 år och 6 månader"),
        ("P13M", "en_FI", "13 months"),  # not "1 year" (format_timedelta would round)
        ("P400D", "fi_FI", "400 päivää"),
        ("P2W", "de", "2 Wochen"),
    ],
)
def test_a_period_is_written_exactly_as_stated(duration: str, lang: str, written: str):
    assert localize.format_duration(duration, lang) == written


@pytest.mark.parametrize("text", ["3M", "P", "PT3H", "P3m", "P1.5Y", "three months"])
def test_what_is_not_an_iso_duration_is_refused(text: str):
    with pytest.raises(ValueError, match="not an ISO 8601 duration"):
        durations.duration_parts(text)


def test_a_month_is_compared_as_its_average_length():
    assert durations.duration_days("P1M") < durations.duration_days("P31D")
    assert durations.duration_days("P12M") < durations.duration_days("P1Y") + 1


@pytest.mark.parametrize(
    ("items", "lang", "written"),
    [
        (["a", "b", "c"], "fi_FI", "a, b ja c"),
        (["a", "b"], "sv_FI", "a och b"),
        (["<span>x</span>", "y"], "en_FI", "<span>x</span> and y"),  # items are not looked into
        ([], "en_FI", ""),
    ],
)
def test_a_list_is_joined_as_the_language_joins_it(items: list[str], lang: str, written: str):
    assert localize.format_list(items, lang) == written


def test_names_are_in_the_readers_language():
    assert localize.country_name("US", "fi_FI") == "Yhdysvallat"
    assert localize.country_name("US", "sv_FI") == "USA"
    assert localize.language_name("sv") == "Svenska"  # its own name, capitalised for a menu
    assert localize.country_name("XX", "en") == "XX"  # unknown: the code as written


@pytest.mark.parametrize(("code", "known"), [("de", True), ("sv_FI", True), ("xx", False)])
def test_a_locale_is_known_when_babel_has_its_data(code: str, known: bool):
    assert known_locale(code) is known


# A duration in the case its sentence needs (model/cases.py: Babel has no case forms).
@pytest.mark.parametrize(
    ("duration", "locale", "case", "written"),
    [
        # Finnish: "{response_time:genitive} kuluessa", "{period:genitive} kuluttua"
        ("P1M", "fi_FI", "genitive", "1 kuukauden"),
        ("P13M", "fi_FI", "genitive", "13 kuukauden"),
        ("P1Y6M", "fi", "genitive", "1 vuoden ja 6 kuukauden"),
        ("P2W", "fi", "partitive", "2 viikkoa"),
        ("P1D", "fi", "partitive", "1 päivää"),
        ("P1M", "fi", "inessive", "1 kuukaudessa"),
        ("P2M", "fi", "adessive", "2 kuukaudella"),
        ("P3Y", "fi", "elative", "3 vuodesta"),
        ("P30D", "fi", "illative", "30 päivään"),
    ],
)
def test_a_finnish_duration_takes_the_case_of_its_sentence(
    duration: str, locale: str, case: str, written: str
):
    assert localize.format_duration(duration, locale, case) == written


@pytest.mark.parametrize(
    ("duration", "written"),
    [("P1M", "1 månads"), ("P3M", "3 månaders"), ("P2Y", "2 års"), ("P1W", "1 veckas"),
     ("P3W", "3 veckors"), ("P30D", "30 dygns"), ("P1Y6M", "1 års och 6 månaders")],
)  # fmt: skip
def test_a_swedish_duration_takes_the_genitive(duration: str, written: str):
    # "efter {period:genitive} förvaring"; the basic form is Babel's ("30 dygn")
    assert localize.format_duration(duration, "sv_FI", "genitive") == written


@pytest.mark.parametrize(
    ("duration", "case", "written"),
    [("P1M", "dative", "1 Monat"), ("P13M", "dative", "13 Monaten"),
     ("P2Y", "dative", "2 Jahren"), ("P3D", "dative", "3 Tagen"), ("P1W", "dative", "1 Woche"),
     ("P1M", "genitive", "1 Monats"), ("P1Y", "genitive", "1 Jahres"),
     ("P6M", "genitive", "6 Monate")],
)  # fmt: skip
def test_a_german_duration_takes_the_dative_or_genitive(duration: str, case: str, written: str):
    # "innerhalb von {response_time:dative}", "nach {period:dative}"
    assert localize.format_duration(duration, "de", case) == written


def test_without_a_case_a_duration_is_babels_basic_form():
    assert localize.format_duration("P13M", "fi", None) == "13 kuukautta"


@pytest.mark.parametrize(("locale", "case"), [("en", "genitive"), ("fi", "dative")])
def test_a_case_the_language_lacks_is_not_written(locale: str, case: str):
    # the check of texts refuses it first (test_validate, test_translation)
    with pytest.raises(KeyError):
        localize.format_duration("P1M", locale, case)
