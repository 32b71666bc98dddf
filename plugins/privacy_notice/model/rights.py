"""Which rights apply to which processing: what the legal bases of each purpose imply,
unless the notice says otherwise (a right's ``purposes``, or ``does_not_apply``).

- portability applies to processing based on consent (Art. 6(1)(a), 9(2)(a)) or on a
  contract (6(1)(b)) (Art. 20(1)), never to a task in the public interest (Art. 20(3));
- objection applies to processing based on a public task (6(1)(e)) or legitimate interests
  (6(1)(f)) (Art. 21(1)), and to direct marketing whatever its basis (Art. 21(2));
- withdrawing consent applies to processing based on consent (Art. 7(3));
- erasure does not apply as far as the data is needed to comply with a legal obligation or
  to perform a public task (Art. 17(3)(b));
- the rights in automated decision-making apply where such decisions are made (Art. 22).

A purpose that states no basis decides nothing (lint asks for its basis). The check of
``policy.yaml`` (lint) and the page read these same rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from privacy_notice.model.labels import N_

if TYPE_CHECKING:  # read, never built, here: the checks of policy.yaml use the rules alone
    from privacy_notice.model.register import Register, Right

# What each right needs of a purpose's legal bases (Art. 6(1)), and what the page says of
# the purposes it does not apply to.
NEEDED_BASES = {
    "portability": ("consent", "contract"),
    "objection": ("public-task", "legitimate-interests"),
    "withdraw-consent": ("consent",),
}
_EXCLUDED_BY = {"erasure": ("legal-obligation", "public-task")}
_CONSENT_BASED = ("portability", "withdraw-consent")  # also with explicit consent, 9(2)(a)
REASONS = {
    "portability": N_(
        "The right to data portability applies only to processing based on consent or on a "
        "contract (GDPR Art. 20(1))."
    ),
    "objection": N_(
        "The right to object applies to processing based on a task carried out in the public "
        "interest, the exercise of official authority or legitimate interests (GDPR Art. "
        "21(1)), and to direct marketing (Art. 21(2))."
    ),
    "withdraw-consent": N_("Consent can be withdrawn where processing is based on consent."),
    "erasure": N_(
        "The right to erasure does not apply as far as the processing is necessary to comply "
        "with a legal obligation or for a task carried out in the public interest or in the "
        "exercise of official authority (GDPR Art. 17(3)(b))."
    ),
    "automated-decisions": N_(
        "These rights concern decisions based solely on automated processing (GDPR Art. "
        "22(1)), and no such decisions are made."
    ),
}
# Why portability does not apply where the purposes it does not apply to include a public
# task: Art. 20(3) says so too (for another basis, only 20(1) is the reason).
PORTABILITY_PUBLIC_TASK = N_(
    "The right to data portability applies only to processing based on consent or on a "
    "contract (GDPR Art. 20(1)), not to processing necessary for a task carried out in "
    "the public interest or in the exercise of official authority (Art. 20(3))."
)
# The articles that state what each conditional right needs (lint names them).
ARTICLES = {"portability": "20(1)", "objection": "21(1)", "withdraw-consent": "7(3)"}


@dataclass(frozen=True)
class PurposeBases:
    """What of a purpose decides which rights apply to its processing."""

    id: str
    bases: frozenset[str]  # of Art. 6(1)
    direct_marketing: bool = False
    explicit_consent: bool = False  # some of its data rests on Art. 9(2)(a)


def applies(right: str, purpose: PurposeBases) -> bool | None:
    """Whether ``right`` applies to processing for ``purpose`` by its legal bases; None
    where they do not decide it (a right of all processing, or no basis stated)."""
    if not purpose.bases or (right not in NEEDED_BASES and right not in _EXCLUDED_BY):
        return None
    if right in _EXCLUDED_BY:
        return not purpose.bases & set(_EXCLUDED_BY[right])
    if right == "objection" and purpose.direct_marketing:
        return True
    if right in _CONSENT_BASED and purpose.explicit_consent:
        return True
    return bool(purpose.bases & set(NEEDED_BASES[right]))


@dataclass(frozen=True)
class Scope:
    """Where a right applies, as the page states it."""

    # the purposes (ids) it applies to, when some only (not for erasure: Art. 17(1) has
    # conditions of its own; only the exceptions of Art. 17(3) follow from the bases)
    applies_to: tuple[str, ...] = ()
    not_to: tuple[str, ...] = ()  # those it does not apply to, by the law (``reason``)
    reason: str | None = None  # a msgid of REASONS: why not
    none: bool = False  # it applies to none of the processing (``reason`` says why)

    @property
    def shown(self) -> bool:
        return bool(self.applies_to or self.not_to or self.none)


def scope(
    right: str, stated: Sequence[str], purposes: Sequence[PurposeBases], decisions: bool
) -> Scope:
    """The scope of ``right``: the purposes the notice ``stated`` for it, else what the legal
    bases of ``purposes`` imply; ``decisions``: whether automated decisions are made."""
    if stated:
        return Scope(applies_to=tuple(stated))
    if right == "automated-decisions":
        return Scope() if decisions else Scope(reason=REASONS[right], none=True)
    decided = [(p, applies(right, p)) for p in purposes]
    not_to = tuple(p.id for p, applying in decided if applying is False)
    if not not_to:
        return Scope()
    to = tuple(p.id for p, applying in decided if applying is not False)
    public_task = any("public-task" in p.bases for p, applying in decided if applying is False)
    reason = PORTABILITY_PUBLIC_TASK if right == "portability" and public_task else REASONS[right]
    if not to:
        return Scope(reason=reason, none=True)
    if right in _EXCLUDED_BY:  # not a right to erasure of the rest: only its exceptions
        return Scope(not_to=not_to, reason=reason)
    return Scope(applies_to=to, not_to=not_to, reason=reason)


def purpose_bases(register: Register) -> tuple[PurposeBases, ...]:
    """The purposes of ``register`` as :func:`applies` reads them."""
    explicit = {
        pid
        for f in register.personal_data.fields
        if f.special_category and f.special_category.condition == "explicit-consent"
        for pid in f.purposes
    }
    return tuple(
        PurposeBases(
            p.id,
            frozenset(b.basis for b in p.legal_bases),
            bool(p.direct_marketing),
            p.id in explicit,
        )
        for p in register.purposes.items
    )


def right_scope(register: Register, right: Right) -> Scope:
    """Where ``right`` of ``register`` applies, as its page says (nothing to say for a
    right that ``does_not_apply``: its reason is stated)."""
    if right.does_not_apply is not None:
        return Scope()
    decisions = register.automated_decision_making.decisions
    return scope(right.right, right.purposes, purpose_bases(register), decisions)


def applies_somewhere(register: Register, right: Right) -> bool:
    """Whether ``right`` applies to some of the processing: not where the notice says it
    does not apply (``does_not_apply``), nor where the legal bases give it to none."""
    return right.does_not_apply is None and not right_scope(register, right).none
