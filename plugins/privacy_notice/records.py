"""Frozen records: the plugin's frozen dataclasses, made cheaply.

``dataclass(frozen=True)`` writes and execs a ``__setattr__`` and a ``__delattr__`` for each
class (~0.1 ms apiece, on Python 3.11), and with ``eq`` an ``__eq__`` and a ``__hash__``,
and a ``__repr__``: for the plugin's classes, a fifth of a warm build's own import time.
:func:`frozen` makes a dataclass whose instances are as frozen (for mypy, and at run time:
``__init__`` sets each field once, a later assignment or deletion raises
``FrozenInstanceError``) with one ``__setattr__``/``__delattr__`` pair for all classes, and
no ``__eq__``, ``__hash__`` or ``__repr__`` of its own: instances are equal only to
themselves. A class whose instances are compared, used as keys or shown keeps
``dataclass(frozen=True)``.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, field
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


# A docstring spares dataclass() from writing one out of inspect.signature.
@dataclass_transform(frozen_default=True, eq_default=False, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    cls.__doc__ = cls.__doc__ or cls.__name__
    made = dataclass(eq=False, repr=False)(cls)
    made.__setattr__ = _set_once  # type: ignore[method-assign]
    made.__delattr__ = _no_delete  # type: ignore[method-assign]
    return made


def _set_once(self: Any, name: str, value: Any) -> None:
    if name in self.__dict__ or name not in self.__dataclass_fields__:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _no_delete(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")
