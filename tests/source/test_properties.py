"""Property-based tests: random valid registers build; random mutations of policy.yaml
either pass or fail with located diagnostics, never with any other exception."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DEFAULT_NOTICE, Project, copy_project, examples
from privacy_notice.commands import cli
from privacy_notice.diagnostics import PolicyError
from privacy_notice.history.versions import build_site
from privacy_notice.source.load import load_policy, load_policy_text
from privacy_notice.source.options import Options
from privacy_notice.source.schema import iter_texts, policy_schema
from privacy_notice.source.validate import validate

BASE = load_policy(DEFAULT_NOTICE / "policy.yaml").data
TEXT_PATHS = [path for path, _text, _kind in iter_texts(BASE)]
COUNTRIES = policy_schema()["$defs"]["country"]["enum"]
LOCATED = re.compile(r"^policy\.yaml(:\d+(:\d+)?)?: \S")

# What a person might type: any letters, marks, punctuation and symbols, but no control
# characters and no braces (which would be placeholders).
texts = st.text(
    st.characters(
        codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn"), exclude_characters="{}"
    ),
    min_size=1,
    max_size=60,
).filter(str.strip)
durations = st.builds(lambda n, unit: f"P{n}{unit}", st.integers(1, 99), st.sampled_from("YMWD"))


@st.composite
def registers(draw) -> dict:
    data = copy.deepcopy(BASE)
    data["languages"] = ["en"]
    data["locales"] = {"en": "en_FI"}
    data["notice"]["updated"] = "2030-01-01"
    for path in TEXT_PATHS:
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        old = parent[path[-1]]
        keep = " ".join(re.findall(r"\{\w+\}", old))  # required placeholders stay
        parent[path[-1]] = draw(texts) + (" " + keep if keep else "")
    rule = data["retention"]["rules"][1]
    rule["period"], rule["extension"]["period"] = draw(durations), draw(durations)
    data["rights"]["response"]["time"] = draw(durations)
    data["processing_locations"]["usual_countries"] = draw(
        st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=4, unique=True)
    )
    data["processing_locations"]["other_eu_eea"] = draw(st.booleans())
    data["automated_decision_making"]["decisions"] = draw(st.booleans())
    data["automated_decision_making"]["profiling"] = draw(st.booleans())
    dropped = draw(st.sampled_from([None, "chatbot", "email"]))
    if dropped:
        data["sources"]["channels"] = [c for c in data["sources"]["channels"] if c["id"] != dropped]
        for field in data["personal_data"]["fields"]:
            if "sources" in field:
                field["sources"] = [s for s in field["sources"] if s != dropped]
    return data


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(tmp_path_factory.mktemp("properties") / "project")


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=registers())
def test_random_valid_registers_build(scratch: Project, data: dict):
    scratch.policy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    output = scratch.path / "output"
    assert cli.main(["build", "-s", str(scratch.path / "pelicanconf.py"), "-o", str(output)]) == 0
    page = (output / "en" / "index.html").read_text("utf-8")
    assert "<h1>" in page and "Kivra Oy" in page


MUTATIONS = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 400)),
    st.tuples(st.just("duplicate"), st.integers(0, 400)),
    st.tuples(st.just("indent"), st.integers(0, 400)),
    st.tuples(st.just("dedent"), st.integers(0, 400)),
    st.tuples(
        st.just("insert"),
        st.integers(0, 20000),
        st.sampled_from(
            [":", "- ", "\t", "'", '"', "&a ", "*a", "!!str ", "{", "[", "#", "\n", "? ", "|", "%"]
        ),
    ),
)


def mutate(text: str, mutations: list[tuple]) -> str:
    lines = text.split("\n")
    for mutation in mutations:
        kind, where = mutation[0], mutation[1] % max(len(lines), 1)
        if kind == "delete":
            del lines[where]
        elif kind == "duplicate":
            lines.insert(where, lines[where])
        elif kind == "indent":
            lines[where] = " " + lines[where]
        elif kind == "dedent":
            lines[where] = lines[where][1:]
        else:
            joined = "\n".join(lines)
            at = mutation[1] % (len(joined) + 1)
            lines = (joined[:at] + mutation[2] + joined[at:]).split("\n")
    return "\n".join(lines)


SOURCE = (DEFAULT_NOTICE / "policy.yaml").read_text("utf-8")


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(MUTATIONS, min_size=1, max_size=4))
def test_random_mutations_fail_cleanly(mutations: list[tuple]):
    text = mutate(SOURCE, mutations)
    try:
        found = validate(load_policy_text(text.encode("utf-8"), "policy.yaml"))
    except PolicyError as exc:
        found = exc.diagnostics
    for diagnostic in found:
        assert LOCATED.match(str(diagnostic)), str(diagnostic)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MUTATIONS, min_size=1, max_size=3))
def test_mutations_that_validate_also_build_or_fail_cleanly(scratch: Project, mutations):
    text = mutate(SOURCE, mutations)
    scratch.policy.write_text(text, "utf-8")
    options = Options(
        policy=scratch.policy,
        translations=scratch.path / "translations",
        versions=scratch.path / "content/versions",
        allow_fallback=True,
    )
    try:
        site = build_site(options)
    except PolicyError as exc:
        assert exc.diagnostics
        assert all(re.match(r"^[\w./-]+(:\d+(:\d+)?)?: \S", str(d)) for d in exc.diagnostics)
        return
    assert site.current.register.controller.name


def test_scratch_is_a_project(scratch: Project):
    assert isinstance(scratch.path, Path) and scratch.policy.exists()
