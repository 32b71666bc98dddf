"""Canonical JSON and checksums: the bytes a register document is released, published
and checksummed as.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(document: Any) -> bytes:
    """The bytes a document is released, published and checksummed as: the same for the
    same content, whatever order ``policy.yaml`` states it in.

    Object keys are sorted (by code point: RFC 8785 sorts by UTF-16 code unit, which
    differs only for characters beyond U+FFFF, and keys here are ids and language codes);
    two-space indentation and one key per line, so that a change is a short diff; UTF-8,
    not ``\\u`` escapes; a newline at the end. Numbers: register documents hold only
    strings, booleans, null, lists and objects. An integer (the published schema has a
    few) is written in plain decimal digits, as RFC 8785 writes it, and must be within
    ±2**53; a float is refused, as its text differs between implementations.

    Released snapshots are never written again: they are published as the bytes they were
    released as (snapshots released before keys were sorted keep their order).
    """
    _check_numbers(document)
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _check_numbers(value: object) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _check_numbers(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_numbers(item)
    elif isinstance(value, float):
        raise ValueError(f"canonical JSON holds no floats: {value!r}")
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        raise ValueError(f"canonical JSON holds integers within ±2**53 only: {value}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
