"""Which language and locale codes Babel knows, for the checks of ``languages`` and
``locales``, and the code meant where one is not known.
"""

from __future__ import annotations

from babel.core import get_global
from babel.localedata import exists, locale_identifiers

from privacy_notice.diagnostics import did_you_mean


def known_locale(code: str) -> bool:
    """Whether Babel has locale data for ``code``: a language (``de``) or a locale
    (``sv_FI``)."""
    return exists(code)


def _common_languages() -> list[str]:
    return sorted({code.split("_")[0] for code in locale_identifiers()})


def language_hint(code: str) -> str:
    """``"; did you mean 'de'?"`` for a three-letter code (ger, deu) or a typo."""
    alias = get_global("language_aliases").get(code)
    return f"; did you mean '{alias}'?" if alias else did_you_mean(code, _common_languages())
