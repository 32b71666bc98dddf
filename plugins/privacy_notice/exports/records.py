"""The record of processing activities (GDPR Art. 30(1)) from the registers' own source: one
row per processing activity (a purpose of a register) with the items of Art. 30(1)(a)–(g),
in one language, as the notices state them; and what only the record says (the internal
owner, the security measures: ``records`` of ``policy.yaml``, never published, see
``schema.NOT_PUBLISHED``).

The rows are data: :mod:`privacy_notice.commands.records` writes them as CSV and XLSX.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from privacy_notice.exports.texts import Texts
from privacy_notice.model import labels
from privacy_notice.model.directory import Directory
from privacy_notice.model.register import DataField, Purpose, RecipientCategory, Register

Gettext = Callable[[str], str]
N_ = labels.N_

# The columns, in order: (heading msgid, the item of Art. 30(1) it answers, cited as each
# language cites the GDPR).
COLUMNS: tuple[tuple[str, str], ...] = (
    (N_("Register"), ""),
    (N_("Unit keeping the register"), ""),
    (N_("Internal owner"), ""),
    (N_("Controller and its contact details"), N_("GDPR Art. 30(1)(a)")),
    (N_("Joint controllers"), N_("GDPR Art. 30(1)(a)")),
    (N_("Data protection officer"), N_("GDPR Art. 30(1)(a)")),
    (N_("Purpose of the processing"), N_("GDPR Art. 30(1)(b)")),
    (N_("Legal basis"), ""),
    (N_("Categories of data subjects"), N_("GDPR Art. 30(1)(c)")),
    (N_("Categories of personal data"), N_("GDPR Art. 30(1)(c)")),
    (N_("Categories of recipients"), N_("GDPR Art. 30(1)(d)")),
    (N_("Transfers to third countries and their safeguards"), N_("GDPR Art. 30(1)(e)")),
    (N_("Time limits for erasure"), N_("GDPR Art. 30(1)(f)")),
    (N_("Technical and organisational security measures"), N_("GDPR Art. 30(1)(g)")),
    (N_("Notes"), ""),
)


@dataclass(frozen=True)
class Source:
    """One register as the record reads it: its current notice, its internal facts
    (``records`` of its ``policy.yaml``), its locale of each language."""

    slug: str
    register: Register
    internal: Mapping[str, Any]
    locales: Mapping[str, str]


def headings(gettext: Gettext) -> list[str]:
    return [
        f"{gettext(title)} ({gettext(item)})" if item else gettext(title) for title, item in COLUMNS
    ]


def rows(
    sources: Sequence[Source], lang: str, gettext: Gettext, directory: Directory
) -> list[list[str]]:
    """One row per purpose of every register, in ``lang`` (a register that does not
    publish ``lang``: in its source language)."""
    found = []
    for source in sources:
        register = source.register
        shown = lang if lang in register.languages else register.source_language
        texts = Texts(register, shown, source.locales.get(shown, shown))
        for purpose in register.purposes.items:
            found.append(_row(source, purpose, texts, gettext, directory))
    return found


def _row(
    source: Source, purpose: Purpose, texts: Texts, gettext: Gettext, directory: Directory
) -> list[str]:
    register, lang = source.register, texts.lang
    fields = register.fields_for("purpose", purpose.id)
    recipients = [
        r for r in register.recipients.categories if not r.purposes or purpose.id in r.purposes
    ]
    unit = directory.unit(register.unit)
    return [
        texts(register.notice.title),
        unit.name_in(lang, directory.source_language)[0] if unit else "",
        str(source.internal.get("owner", "")),
        _controller(register, texts),
        "\n".join(
            f"{j.organisation.name}: {texts(j.arrangement)}"
            for j in register.controller.joint_controllers
            if not j.purposes or purpose.id in j.purposes
        ),
        _officer(register, texts),
        texts.join(texts(purpose.name), texts(purpose.description)),
        "\n".join(
            ": ".join(filter(None, (labels.label("legal_basis", b.basis, gettext), texts(b.law))))
            for b in purpose.legal_bases
        ),
        _subjects(register, fields, texts, directory),
        "\n".join(_field(f, texts, gettext) for f in fields),
        "\n".join(_recipient(r, texts, gettext) for r in recipients),
        "\n".join(t for r in recipients for t in _transfers(r, texts, gettext)),
        "\n".join(_retention(register, fields, texts, gettext)),
        _security(source, texts),
        str(source.internal.get("notes", "")),
    ]


def _controller(register: Register, texts: Texts) -> str:
    controller = register.controller
    ids = ", ".join(f"{i.value}" for i in controller.identifiers)
    contact = ", ".join(filter(None, (controller.email, controller.telephone, controller.website)))
    return "; ".join(filter(None, (texts(controller.name), ids, contact)))


def _officer(register: Register, texts: Texts) -> str:
    officer = register.controller.data_protection_officer
    if officer is None:
        return ""
    parts = (texts(officer.name), officer.email, officer.telephone, texts(officer.statement))
    return "; ".join(p for p in parts if p)


def _subjects(
    register: Register, fields: Sequence[DataField], texts: Texts, directory: Directory
) -> str:
    """The register's own groups of people that the purpose's data concerns (all of them
    where its data names none), else the directory's groups it concerns."""
    groups = register.data_subjects.groups if register.data_subjects else ()
    named = {g for f in fields for g in f.data_subjects}
    chosen = [g for g in groups if g.id in named] or list(groups)
    if chosen:
        return "\n".join(texts(g.name) for g in chosen)
    listed = directory.groups_of(register.concerns)
    return "\n".join(g.name_in(texts.lang, directory.source_language)[0] for g in listed)


def _field(field: DataField, texts: Texts, gettext: Gettext) -> str:
    special = field.special_category
    if special is None:
        return texts(field.name)
    what = labels.label("special_category", special.category, gettext)
    why = labels.label("condition", special.condition, gettext)
    return f"{texts(field.name)} ({what}; {why}{'; ' + texts(special.law) if special.law else ''})"


def _recipient(recipient: RecipientCategory, texts: Texts, gettext: Gettext) -> str:
    role = labels.label("role", recipient.role, gettext)
    countries = f" [{', '.join(recipient.countries)}]" if recipient.countries else ""
    return f"{texts(recipient.name)} ({role}){countries}"


def _transfers(recipient: RecipientCategory, texts: Texts, gettext: Gettext) -> list[str]:
    found = []
    for transfer in recipient.transfers:
        countries = ", ".join(recipient.transfer_countries(transfer))
        mechanism = labels.label("mechanism", transfer.mechanism, gettext)
        if transfer.derogation:
            mechanism += f" ({labels.label('derogation', transfer.derogation, gettext)})"
        reference = texts(transfer.reference)
        found.append(
            f"{texts(recipient.name)}: {countries}: {mechanism}"
            + (f"; {reference}" if reference else "")
        )
    return found


def _retention(
    register: Register, fields: Sequence[DataField], texts: Texts, gettext: Gettext
) -> list[str]:
    ids = {f.id for f in fields}
    found = []
    for rule in register.retention.rules:
        if rule.data_fields and not ids & set(rule.data_fields):
            continue
        # "Order data: 6 years (After delivery). We keep … (Accounting Act 1336/1997)": the
        # structured facts, then the text as written, then the law, each told apart.
        facts = [texts.duration(rule.period)] if rule.period else []
        for kind, code in (("starts", rule.starts), ("until", rule.until)):
            if code:
                label = labels.label(kind, code, gettext)
                facts.append(f"({label})" if facts else label)  # "Permanently" alone
        sentences = [f"{texts(rule.name)}: {' '.join(facts)}" if facts else texts(rule.name)]
        if rule.text:
            sentences.append(texts(rule.text))
        line = ". ".join(sentence.rstrip(".") for sentence in sentences) + "."
        found.append(f"{line} ({texts(rule.law)})" if rule.law else line)
    return found


def _security(source: Source, texts: Texts) -> str:
    """The internal description where the register gives one, else the measures its
    notice publishes."""
    internal = source.internal.get("security_measures")
    if internal:
        return str(internal)
    protection = source.register.protection
    if protection is None:
        return ""
    measures = "\n".join(texts(m.name) for m in protection.measures)
    return texts.join(texts(protection.statement), measures)
