"""Several registers in one project: discovery, shared blocks, per-register commands.

The project is the default notice (the root register) plus a recruitment and a
camera-surveillance register that share the controller, rights and complaints blocks of
``shared.yaml`` (tests/data/registers/).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import (
    AS_OF,
    CAMERA,
    MOVED,
    RECRUITMENT,
    broken_register,
    files,
    missing_block,
    registers_project,
    same_slug,
    translate_fi,
)

from conftest import Project, copy_project
from privacy_notice.history.versions import place_policy
from privacy_notice.source.options import Options
from privacy_notice.source.project import discover


@pytest.fixture
def several(tmp_path: Path) -> Project:
    return registers_project(tmp_path / "project")


def ok(project: Project, *args: str) -> str:
    result = project.run(*args)
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_a_project_with_only_the_root_policy_is_one_register(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    found = discover(project.path)
    assert [(r.slug, r.root) for r in found.registers] == [("main", True)]
    assert not found.several
    assert found.registers[0].policy == project.policy


def test_discovery_names_the_root_register_from_shared_yaml(several: Project) -> None:
    found = discover(several.path)
    assert [r.slug for r in found.registers] == [
        "customer-service",
        "camera-surveillance",
        "recruitment",
    ]
    assert found.several and found.registers[0].root


def test_validate_checks_every_register(several: Project) -> None:
    stderr = ok(several, "validate")
    for policy in ("policy.yaml", RECRUITMENT, CAMERA):
        assert f"{policy}: valid" in stderr
    assert f"{CAMERA}: valid" not in ok(several, "validate", "--register", "recruitment")


def test_a_shared_value_is_reported_once_at_its_line_in_shared_yaml(several: Project) -> None:
    several.edit("email: dpo@services.example", "email: dpo-at-services", "shared.yaml")
    lines = several.path.joinpath("shared.yaml").read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "dpo-at-services" in text)
    result = several.run("validate")
    assert result.returncode == 1
    problems = [x for x in result.stderr.splitlines() if "data_protection_officer.email" in x]
    assert len(problems) == 1, result.stderr  # seen from both registers, reported once
    assert problems[0].startswith(f"shared.yaml:{line}:14: "), problems


def test_release_of_one_register_leaves_the_others_byte_identical(several: Project) -> None:
    ok(several, "release", AS_OF)
    several.edit("period: P6M", "period: P1Y", RECRUITMENT)
    several.edit(
        "updated: 2024-03-01\n",
        "updated: 2024-06-01\n  summary: Applications are kept longer.\n",
        RECRUITMENT,
    )
    ok(several, "translations", "--register", "recruitment")
    translate_fi(
        several, "registers/recruitment/translations", "Applications are kept longer.", "[fi] x"
    )
    before = files(several)
    stderr = ok(several, "release", AS_OF, "--register", "recruitment")
    assert "recruitment: released the version of 2024-06-01" in stderr
    after = files(several)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {
        "registers/recruitment/content/versions/2024-06-01.json",
        "registers/recruitment/content/versions/index.json",
    }


def test_a_shared_block_change_becomes_a_version_of_every_register_using_it(
    several: Project,
) -> None:
    ok(several, "release", AS_OF)
    before = files(several)
    several.edit(
        "      street: Testikatu 1\n        postal",
        "      street: Testikatu 3\n        postal",
        "shared.yaml",
    )
    ok(several, "translations")
    translate_fi(several, "shared/translations", "Testikatu 3", "Testikatu 3")
    result = several.run("release", AS_OF)  # a released date now differs in both
    assert result.returncode == 1
    assert (
        f"{RECRUITMENT}:12:12: notice.updated: 2024-03-01 is already released and its "
        "content differs from policy.yaml and shared.yaml"
    ) in result.stderr
    assert f"{CAMERA}:12:12: notice.updated: 2024-04-15 is already released" in result.stderr
    for policy, date in ((RECRUITMENT, "2024-03-01"), (CAMERA, "2024-04-15")):
        several.edit(f"updated: {date}\n", f"updated: 2024-07-01\n  summary: {MOVED}\n", policy)
    ok(several, "translations")
    for register in ("recruitment", "camera-surveillance"):
        translate_fi(several, f"registers/{register}/translations", MOVED, "[fi] x")
    stderr = ok(several, "release", "--as-of=2024-07-01")
    assert "customer-service: the version of 2019-10-23 is already released" in stderr
    for register in ("recruitment", "camera-surveillance"):
        snapshot = several.path / f"registers/{register}/content/versions/2024-07-01.json"
        assert "Testikatu 3" in snapshot.read_text("utf-8")
    after = files(several)
    assert {n: b for n, b in after.items() if n.startswith("content/")} == {
        n: b for n, b in before.items() if n.startswith("content/")
    }


def test_shared_texts_are_translated_in_the_shared_catalog(several: Project) -> None:
    assert "0 catalog file(s) changed" in ok(several, "translations")
    own = (several.path / "registers/recruitment/translations/policy.pot").read_text("utf-8")
    shared = (several.path / "shared/translations/policy.pot").read_text("utf-8")
    assert "Your rights" not in own and "Your rights" in shared
    assert "Privacy notice for job applicants" in own


def test_a_registers_own_translation_takes_precedence(several: Project) -> None:
    catalog = several.path / "registers/recruitment/translations/fi/LC_MESSAGES/policy.po"
    with catalog.open("a", encoding="utf-8") as out:
        out.write('\nmsgid "Data controller"\nmsgstr "Rekrytoinnin rekisterinpitäjä"\n')
    project = discover(several.path)
    titles = {}
    for register in project.registers[1:]:
        options = project.options(register, Options(several.policy, Path(), Path()))
        placed = place_policy(options, allow_fallback=False, refuse_unfilled=False)
        titles[register.slug] = placed.document["controller"]["title"]["fi"]
    assert titles == {
        "recruitment": "Rekrytoinnin rekisterinpitäjä",
        "camera-surveillance": "Rekisterinpitäjä",
    }
    # Updating the catalogs keeps it (it is not in the register's own template).
    for command in (("translations", "--register", "recruitment"), ("translations",)):
        ok(several, *command)
        assert 'msgstr "Rekrytoinnin rekisterinpitäjä"' in catalog.read_text("utf-8"), command
    template = several.path / "registers/recruitment/translations/policy.pot"
    assert "Data controller" not in template.read_text("utf-8")  # a shared text stays shared


def _malformed_shared(project: Project) -> None:
    project.edit("    name: Example Services Oy", '    name: "Example Services Oy', "shared.yaml")


def _bad_slug(project: Project) -> None:
    shutil.copytree(project.path / "registers/recruitment", project.path / "registers/Job_Ads")


@pytest.mark.parametrize(
    ("breaks", "expected"),
    [
        (
            same_slug,
            "registers/customer-service/: the root register's slug is 'customer-service' too",
        ),
        (
            missing_block,
            f"{RECRUITMENT}:16:12: controller.$shared: no block 'controler' in shared.yaml; "
            "did you mean 'controller'?",
        ),
        (broken_register, f"{CAMERA}:"),
        (_malformed_shared, "shared.yaml:10:11: this quoted text is never closed"),
        (_bad_slug, "registers/Job_Ads/: 'Job_Ads' is not a register slug"),
    ],
    ids=["same-slug", "missing-block", "broken-register", "malformed-shared", "bad-slug"],
)
def test_bad_input_is_located_and_nothing_is_written(
    several: Project, breaks: object, expected: str
) -> None:
    breaks(several)  # type: ignore[operator]
    before = files(several)
    for command in ("validate", "release"):
        result = several.run(command, AS_OF) if command == "release" else several.run(command)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert expected in result.stderr, result.stderr
    assert files(several) == before  # the good registers are not released either


def test_validating_shared_yaml_checks_every_register(several: Project) -> None:
    """pre-commit passes shared.yaml when only a shared block was edited."""
    several.edit("email: dpo@services.example", "email: dpo-at-services", "shared.yaml")
    result = several.run("validate", "shared.yaml")
    assert result.returncode == 1
    assert "data_protection_officer.email" in result.stderr
    several.edit("email: dpo-at-services", "email: dpo@services.example", "shared.yaml")
    stderr = ok(several, "validate", "shared.yaml")
    assert f"{RECRUITMENT}: valid" in stderr and f"{CAMERA}: valid" in stderr


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (
            "$shared: controller\n  name: Other Oy",
            "controller.$shared: a $shared reference stands alone",
        ),
        ("$shared: [controller]", "controller.$shared: write the name of a block of shared.yaml"),
    ],
)
def test_a_malformed_reference_is_located(several: Project, reference: str, expected: str) -> None:
    several.edit("$shared: controller", reference, RECRUITMENT)
    result = several.run("validate", RECRUITMENT)
    assert result.returncode == 1
    assert f"{RECRUITMENT}:16:" in result.stderr and expected in result.stderr, result.stderr


def test_a_reference_without_shared_yaml_says_what_to_add(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text = project.policy.read_text("utf-8")
    start, end = text.index("\ncontroller:\n"), text.index("\nregister:\n")
    text = text[:start] + "\ncontroller:\n  $shared: controller\n" + text[end:]
    project.policy.write_text(text, "utf-8")
    result = project.run("validate")
    assert result.returncode == 1
    assert "policy.yaml:24:12: controller.$shared: there is no shared.yaml" in result.stderr


def test_init_adds_a_register_to_the_project(several: Project) -> None:
    before = files(several)
    args = ("init", "--register", "web-shop", "--no-input", "--name", "Example Services Oy")
    ok(several, *args, "--languages", "en,fi", "--source-language", "en")
    policy = several.path / "registers/web-shop/policy.yaml"
    assert "register.schema.json" in policy.read_text("utf-8").splitlines()[0]
    assert not (several.path / "registers/web-shop/pelicanconf.py").exists()
    assert [r.slug for r in discover(several.path).registers][-1] == "web-shop"
    assert all(files(several)[name] == data for name, data in before.items())
    again = several.run(*args)
    assert again.returncode == 1
    assert "--register: the project already has a register 'web-shop'" in again.stderr


def test_init_refers_a_new_register_to_the_shared_blocks(several: Project) -> None:
    ok(several, "init", "--register", "web-shop", "--no-input", "--languages", "en,fi")
    text = (several.path / "registers/web-shop/policy.yaml").read_text("utf-8")
    for block in ("controller", "rights", "complaints"):
        assert f"\n{block}:   # shared.yaml's block" in text and f"$shared: {block}\n" in text
    assert "FILL IN: the organisation's legal name" not in text  # the controller is shared
    assert "personal_data:\n  title:" in text  # the register's own sections: to fill in
    stderr = ok(several, "validate", "--register", "web-shop")
    assert "registers/web-shop/policy.yaml: valid; " in stderr


def test_init_of_a_register_in_another_language_writes_its_sections_out(several: Project) -> None:
    args = ("init", "--register", "web-shop", "--no-input", "--languages", "fi,en")
    stderr = ok(several, *args, "--source-language", "fi")
    assert "note: the shared blocks are written in 'en', this register in 'fi'" in stderr
    text = (several.path / "registers/web-shop/policy.yaml").read_text("utf-8")
    assert "$shared" not in text and 'controller:\n  title: "Rekisterinpitäjä"' in text
