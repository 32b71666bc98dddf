"""Official identifiers of organisations and their check digits: a wrong digit is a typo
that would publish a wrong identity, so each scheme's own check is applied."""

from __future__ import annotations

import re
from collections.abc import Callable

# What each scheme's values look like, and a human hint.
_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "fi-business-id": (
        re.compile(r"^[0-9]{7}-[0-9]$"),
        "seven digits, a hyphen and a check digit, e.g. 1234567-1",
    ),
    "se-organisation-number": (
        re.compile(r"^[0-9]{6}-[0-9]{4}$"),
        "six digits, a hyphen and four digits, e.g. 556677-8899",
    ),
    "eu-vat": (
        re.compile(
            r"^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z+*]{2,12}$"
        ),
        "a country prefix and the number, without spaces, e.g. FI12345671",
    ),
    "lei": (
        re.compile(r"^[0-9A-Z]{18}[0-9]{2}$"),
        "20 characters: 18 letters or digits and two check digits",
    ),
}


def fi_business_id_valid(value: str) -> bool:
    """The Finnish Business ID check digit (weights 7, 9, 10, 5, 8, 4, 2; modulus 11)."""
    digits, check = value[:7], int(value[8])
    remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return remainder != 1 and check == (0 if remainder == 0 else 11 - remainder)


def luhn_valid(digits: str) -> bool:
    """The Luhn check (Swedish organisation numbers)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char) * (2 if index % 2 else 1)
        total += number - 9 if number > 9 else number
    return total % 10 == 0


def lei_valid(value: str) -> bool:
    """ISO 17442: the LEI as a number (letters A=10…Z=35) is 1 modulo 97."""
    return int("".join(str(int(char, 36)) for char in value)) % 97 == 1


_CHECKS: dict[str, tuple[Callable[[str], bool], str]] = {
    "fi-business-id": (
        fi_business_id_valid,
        "check the Business ID in the Finnish Trade Register (ytj.fi)",
    ),
    "se-organisation-number": (
        lambda v: luhn_valid(v.replace("-", "")),
        "check the number at the Swedish Companies Registration Office (bolagsverket.se)",
    ),
    "lei": (lei_valid, "check it in the GLEIF register (gleif.org)"),
}


def identifier_problem(scheme: str, value: str) -> str | None:
    """What is wrong with ``value`` as an identifier of ``scheme``, or None."""
    shape = _FORMATS.get(scheme)
    if shape and not shape[0].match(value):
        return f"is not in the form of this scheme ({shape[1]})"
    check = _CHECKS.get(scheme)
    if check and not check[0](value):
        return f"has a wrong check digit: {check[1]}"
    return None
