"""Synthetic projects for the benches: a register of N purposes and N data fields, and a
history of N versions of the default notice.

    python bench/synthetic.py register 1000 DIR     # a project of one register in DIR
    python bench/synthetic.py history 50 DIR        # a copy of this project, 50 versions

The register is the webshop example's (``examples/webshop``) with its purposes and data
fields replaced by N of each: data field i serves purpose i (and purpose i + 1), comes from
one of the example's channels and concerns one of its groups; a recipient for every ten
purposes receives their ten fields, a retention rule for every ten fields keeps them, and
the cookies serve the first purposes. Every text is translated (Finnish and Swedish
catalogs in which each translation is the English text marked with its language), so the
build resolves three languages and publishes no fallback. It is valid (``validate``
passes), and released twice (see :func:`register_project`).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from measure import ROOT, copy_project

WEBSHOP = ROOT / "examples" / "webshop"
UPDATED = "2026-09-01"  # the webshop's update date, the day its register is released
UPDATED_AGAIN = "2026-11-02"  # after the webshop's effective date
BASES = ("contract", "legitimate-interests", "consent")


def register_document(size: int) -> dict[str, Any]:
    """The webshop's policy with ``size`` purposes and ``size`` data fields (see above)."""
    policy = yaml.safe_load((WEBSHOP / "policy.yaml").read_text("utf-8"))
    groups = [g["id"] for g in policy["data_subjects"]["groups"]]
    channels = [c["id"] for c in policy["sources"]["channels"]]
    purposes = []
    for i in range(size):
        basis = BASES[i % len(BASES)]
        legal_basis: dict[str, Any] = {"basis": basis}
        if basis == "legitimate-interests":
            legal_basis["interest"] = f"Our interest in carrying out activity {i} well."
        purposes.append(
            {
                "id": f"purpose-{i}",
                "name": f"Activity {i}",
                "description": f"We process your data to carry out activity {i} for you.",
                "legal_bases": [legal_basis],
            }
        )
    fields = []
    for i in range(size):
        used_by = sorted({f"purpose-{i}", f"purpose-{(i + 1) % size}"})
        field: dict[str, Any] = {
            "id": f"field-{i}",
            "name": f"Detail {i}",
            "purposes": used_by,
            "data_subjects": [groups[i % len(groups)]],
            "sources": [channels[i % len(channels)]],
        }
        if i % 2:
            field["purpose"] = f"Detail {i} is needed for *activity {i}*."
        fields.append(field)
    policy["purposes"]["items"] = purposes
    policy["personal_data"]["fields"] = fields
    categories = policy["recipients"]["categories"]
    recipients = []
    for n, start in enumerate(range(0, size, 10)):
        recipient = copy.deepcopy(categories[n % len(categories)])
        recipient["id"] = f"recipient-{n}"
        recipient["name"] = f"Service provider {n}"
        recipient["purposes"] = [f"purpose-{i}" for i in range(start, min(start + 10, size))]
        recipient["data_fields"] = [f"field-{i}" for i in range(start, min(start + 10, size))]
        recipients.append(recipient)
    policy["recipients"]["categories"] = recipients
    rules = policy["retention"]["rules"]
    kept = []
    for n, start in enumerate(range(0, size, 10)):
        rule = copy.deepcopy(rules[n % len(rules)])
        rule["id"] = f"rule-{n}"
        rule["name"] = f"Records of group {n}"
        rule["data_fields"] = [f"field-{i}" for i in range(start, min(start + 10, size))]
        kept.append(rule)
    policy["retention"]["rules"] = kept
    for index, cookie in enumerate(policy["cookies"]["items"]):
        if cookie.get("purposes"):
            cookie["purposes"] = [f"purpose-{index % size}"]
    return policy


def write_catalogs(policy: dict[str, Any], translations: Path) -> None:
    """A catalog for every language but the source one, with every text translated."""
    from privacy_notice.source.schema import iter_texts

    texts = list(dict.fromkeys(text for _path, text, _kind in iter_texts(policy)))
    for lang in policy["languages"]:
        if lang == policy["source_language"]:
            continue
        entries = [
            f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n'
            '"Content-Type: text/plain; charset=utf-8\\n"\n'
        ]
        for text in texts:
            entries.append(f"msgid {json.dumps(text)}\nmsgstr {json.dumps(f'[{lang}] {text}')}\n")
        folder = translations / lang / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "policy.po").write_text("\n".join(entries), "utf-8")


def register_project(target: Path, size: int) -> Path:
    """A project of one register of ``size`` purposes and data fields, at ``target``:
    released on the webshop's date, then again with two purposes far apart renamed and a
    storage period changed, so that its site has changes pages (redlines of long
    sections)."""
    target.mkdir(parents=True)
    policy = register_document(size)
    _release(policy, target, UPDATED)
    items = policy["purposes"]["items"]
    for index in {1, size - 2}:
        items[index]["name"] = f"Renamed activity {index}"
    policy["retention"]["rules"][-1]["period"] = "P5Y"
    policy["notice"]["updated"] = policy["notice"]["effective"] = UPDATED_AGAIN
    _release(policy, target, UPDATED_AGAIN)
    return target


def _release(policy: dict[str, Any], project: Path, date: str) -> None:
    text = yaml.safe_dump(policy, allow_unicode=True, sort_keys=False, width=100)
    (project / "policy.yaml").write_text(text, "utf-8")
    write_catalogs(policy, project / "translations")
    release = [sys.executable, "-m", "privacy_notice", "release", "--as-of", date]
    subprocess.run(release, cwd=project, check=True, capture_output=True)


def synthetic_history(project: Path, versions: int) -> None:
    """Release ``versions - 1`` synthetic versions before the project's 2019-10-23 one: a
    retention period that changes every version and a data field that comes and goes."""
    from privacy_notice.history.canonical import sha256
    from privacy_notice.history.store import History, Version, read_history, release

    store = project / "content" / "versions"
    current = read_history(store).snapshots[-1].document
    for path in store.glob("*.json"):
        path.unlink()
    released: list[Version] = []  # what read_history would read back (without checking)

    def add(document: dict[str, Any]) -> None:
        raw = release(document, History(store, "content/versions", tuple(released))).read_bytes()
        released.append(Version(document["notice"]["updated"], document, sha256(raw), raw))

    start = dt.date(2019, 10, 23) - dt.timedelta(days=versions)
    for index in range(versions - 1):
        document = json.loads(json.dumps(current))
        notice = document["notice"]
        notice["updated"] = (start + dt.timedelta(days=index)).isoformat()
        notice["summary"] = {lang: f"Synthetic version {index}." for lang in document["languages"]}
        document["retention"]["rules"][1]["period"] = f"P{1 + index % 24}M"
        if index % 10 < 5:  # a field comes and goes
            field = json.loads(json.dumps(document["personal_data"]["fields"][-1]))
            field["id"], field["name"] = "ip-address", {k: f"IP address {k}" for k in field["name"]}
            document["personal_data"]["fields"].append(field)
        add(document)
    add(current)


def history_project(target: Path, versions: int) -> Path:
    """A copy of this project with a history of ``versions`` versions, at ``target``."""
    synthetic_history(copy_project(target), versions)
    return target


if __name__ == "__main__":
    kind, count, where = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    made = {"register": register_project, "history": history_project}[kind](where, count)
    print(made)
