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
