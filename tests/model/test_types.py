"""The model is visible to mypy: a wrong field type and an assignment to a frozen field
are errors. (mypy itself, at zero errors, runs in make lint and make test; this guards
what zero errors would not show: classes mypy cannot see produce no errors at all.)"""

from __future__ import annotations

from pathlib import Path

import mypy.api as mypy_api
import pytest

from conftest import ROOT

PROBE = """
from privacy_notice.model.register import Address, Register, Text


def probe(register: Register) -> None:
    Address(street=1, postal_code="00100", city=Text({}), country="FI")
    register.languages = ()
"""


def test_mypy_sees_the_fields_of_the_model(tmp_path: Path):
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE, "utf-8")
    out, _err, status = mypy_api.run(
        [
            "--strict",
            "--no-incremental",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "cache"),
            str(probe),
        ]
    )
    assert status == 1
    assert 'Argument "street" to "Address" has incompatible type "int"' in out
    assert 'Property "languages" defined in "Register" is read-only' in out


def test_a_model_object_is_frozen_at_run_time_too():
    # records.frozen makes no __setattr__/__delattr__ per class (their exec is half the
    # model's import): one pair serves all, letting only __init__ set each field once.
    from dataclasses import FrozenInstanceError, fields, replace

    from privacy_notice.model.register import Address, Text

    city = Text({"fi": "Helsinki"})
    address = Address(street=Text({"fi": "Katu 1"}), postal_code="00100", city=city, country="FI")
    for change in (
        lambda: setattr(address, "postal_code", "00200"),
        lambda: setattr(address, "floor", 3),
        lambda: delattr(address, "street"),
        lambda: delattr(address, "floor"),
    ):
        with pytest.raises(FrozenInstanceError):
            change()
    assert address.postal_code == "00100" and not hasattr(address, "floor")
    moved = replace(address, postal_code="00200")
    assert (moved.postal_code, address.postal_code) == ("00200", "00100")
    assert [f.name for f in fields(moved)] == ["street", "postal_code", "city", "country"]
