"""Which language and locale codes Babel knows, for the checks of ``languages`` and
``locales``.
"""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

from babel.localedata import exists

_LOCALE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:_[A-Za-z0-9]+)*$")


def known_locale(code: str) -> bool:
    """Whether Babel has locale data for ``code``: a language (``de``) or a locale
    (``sv_FI``). Babel keeps a file for each (``babel/locale-data/sv_FI.dat``): one found
    answers without importing Babel, which ``validate`` needs for nothing else; else
    Babel's own lookup answers (it also knows other spellings of a code)."""

    spec = find_spec("babel")
    data = Path(spec.origin).parent / "locale-data" if spec and spec.origin else None
    if data is not None and _LOCALE_CODE.match(code) and (data / f"{code}.dat").is_file():
        return True

    return exists(code)
