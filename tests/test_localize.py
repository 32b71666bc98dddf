"""localize.py: Babel's answers, kept between builds so that a rebuild loads no locale data;
a list's shape asked once per length, its items placed verbatim."""

from __future__ import annotations

import marshal
from pathlib import Path

import babel
import pytest
from babel.lists import format_list as babel_list

from privacy_notice import localize
from privacy_notice.cache import KeptTexts


@pytest.fixture
def answers(monkeypatch) -> KeptTexts:
    """A fresh memory of answers, as a new process has."""
    fresh = KeptTexts(forget_unused=False)
    monkeypatch.setattr(localize, "answers", fresh)
    return fresh


@pytest.fixture
def no_locale_data(monkeypatch) -> dict[str, object]:
    """Babel's loaded locale data, emptied (as in a new process) and watched. What holds
    it already goes too (else the test passed or failed by test order, in one worker):
    the Babel locales ``locale_for`` keeps, and Babel's wrappers of loaded data (newer
    Babel keeps them in ``_dict_cache``)."""
    loaded: dict[str, object] = {}
    monkeypatch.setattr(babel.localedata, "_cache", loaded)
    if hasattr(babel.localedata, "_dict_cache"):
        monkeypatch.setattr(babel.localedata, "_dict_cache", {})
    localize.locale_for.cache_clear()
    return loaded


def _questions() -> list[str]:
    return [
        localize.format_date("2019-10-23", "fi_FI"),
        localize.format_duration("P1Y6M", "sv_FI"),
        localize.format_list(["a", "b", "c"], "en_FI"),
        localize.country_name("SE", "fi"),
        localize.language_name("sv"),
    ]


def test_a_rebuild_asks_babel_nothing(tmp_path: Path, monkeypatch, answers, no_locale_data):
    localize.keep_answers_in(tmp_path)
    first = _questions()
    assert first == ["23. lokakuuta 2019", "1 år och 6 månader", "a, b and c", "Ruotsi", "Svenska"]
    assert no_locale_data  # the first build loaded locale data to answer
    answers.save()

    again = KeptTexts(forget_unused=False)  # the next process
    monkeypatch.setattr(localize, "answers", again)
    monkeypatch.setattr(babel.localedata, "_cache", {})
    localize.keep_answers_in(tmp_path)
    assert _questions() == first
    assert babel.localedata._cache == {}  # no locale loaded, none merged


def test_another_babel_starts_afresh(tmp_path: Path, monkeypatch, answers):
    localize.keep_answers_in(tmp_path)
    localize.format_date("2019-10-23", "en")
    answers.save()
    kept = tmp_path / "locale.kept"
    # A wrong answer in the file shows whether it is read.
    key = marshal.loads(kept.read_bytes())["key"]
    kept.write_bytes(marshal.dumps({"key": key, "texts": {"date 2019-10-23 en": "wrong"}}))
    monkeypatch.setattr(localize, "answers", KeptTexts(forget_unused=False))
    localize.keep_answers_in(tmp_path)
    assert localize.format_date("2019-10-23", "en") == "wrong"  # same Babel: read

    monkeypatch.setattr(babel, "__version__", "0.0.0-other")
    monkeypatch.setattr(localize, "answers", KeptTexts(forget_unused=False))
    localize.keep_answers_in(tmp_path)
    assert localize.format_date("2019-10-23", "en") == "October 23, 2019"


@pytest.mark.parametrize(
    "items",
    [
        ["one"],
        ["a", "b"],
        ["{0}", "{1}", "{2}"],
        ["back\\1slash", "\x00 0 \x00", '<span class="item">x</span>'],
        [str(n) for n in range(12)],
    ],
)
@pytest.mark.parametrize("lang", ["fi_FI", "sv_FI", "en_FI", "de", "ja"])
def test_a_list_is_babels_list_of_its_items(answers, items: list[str], lang: str):
    assert localize.format_list(items, lang) == babel_list(items, locale=lang)
    assert localize.format_list(items, lang) == babel_list(items, locale=lang)  # kept shape
