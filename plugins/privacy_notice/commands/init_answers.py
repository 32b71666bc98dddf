"""``init``'s answers: from the options, asked on a terminal for what is missing, with
what the project already says offered, and checked (one line per problem, named after the
option that gives it)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from privacy_notice.commands.skeleton import Answers
from privacy_notice.diagnostics import Diagnostic, did_you_mean, visible
from privacy_notice.model.identifiers import identifier_problem
from privacy_notice.source.locales import known_locale, language_hint
from privacy_notice.source.schema import policy_schema

if TYPE_CHECKING:  # every command's parser imports init: the skeleton only for init
    from privacy_notice.commands.skeleton import Answers

SCHEMES = ("fi-business-id", "se-organisation-number", "eu-vat", "lei", "company-number")
# Another national register's number needs its country: company-number:DE:HRB 12345.
COMPANY_NUMBER = "company-number"
UNNAMED = "FILL IN: the organisation's legal name"


def parse_languages(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code.strip() for code in text.split(",") if code.strip()))


# What no answer may hold: characters a YAML file may not (PyYAML refuses C0 and C1
# controls, surrogates and non-characters, after init has written half the project) and
# those that would break or reorder a line of policy.yaml or of a message (separators,
# bidirectional controls).
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def unprintable(answers: Answers) -> list[Diagnostic]:
    """One line for each option whose answer holds a character no text of the notice may."""
    given = {
        "--name": answers.name,
        "--identifier": ":".join(answers.identifier or ()),
        "--languages": ",".join(answers.languages),
        "--source-language": answers.source_language,
    }
    return [
        Diagnostic(
            option,
            # As \\uXXXX: visible() leaves a lone surrogate as it is.
            message=f"holds a control character (\\u{ord(match.group()):04x}): "
            "write it as plain text",
        )
        for option, text in given.items()
        if (match := _UNPRINTABLE.search(text))
    ]


def check_answers(answers: Answers) -> list[Diagnostic]:
    """Problems of the answers, one line each (named after the option that gives them)."""

    found = unprintable(answers)
    if found:  # the other checks would only say the same of these answers again
        return found
    for option, codes in (
        ("--languages", answers.languages),
        ("--source-language", (answers.source_language,)),
    ):
        for code in codes:
            if message := _language_problem(code):
                found.append(Diagnostic(option, message=message))
    if not found and answers.source_language not in answers.languages:
        found.append(
            Diagnostic(
                "--source-language",
                message=f"'{answers.source_language}' is not among the languages "
                f"({', '.join(answers.languages)}): add it to --languages",
            )
        )
    if answers.identifier:
        problem = _identifier_problem(*answers.identifier)
        if problem:
            found.append(Diagnostic("--identifier", message=problem))
    return found


def _identifier_problem(scheme: str, value: str) -> str | None:

    if not value:
        return f"'{scheme}' is not SCHEME:VALUE (e.g. fi-business-id:1234567-1)"
    if scheme not in SCHEMES:
        return f"unknown scheme '{scheme}' (one of {', '.join(SCHEMES)})" + did_you_mean(
            scheme, list(SCHEMES)
        )
    if scheme == COMPANY_NUMBER:
        country, colon, number = value.partition(":")
        if not colon or not number.strip():
            return (
                f"'{value}' is not COUNTRY:NUMBER: {COMPANY_NUMBER} needs the register's "
                f"country, e.g. {COMPANY_NUMBER}:DE:HRB 12345"
            )
        countries = policy_schema()["$defs"]["country"]["enum"]
        if country not in countries:
            return f"'{country}' is not an ISO 3166-1 alpha-2 country code (e.g. DE, NO, GB)" + (
                did_you_mean(country.upper(), countries)
            )
        return None
    problem = identifier_problem(scheme, value)
    return f"'{value}' {problem}" if problem else None


def _language_problem(code: str) -> str | None:
    if code.isalpha() and code.islower() and known_locale(code):
        return None
    return f"'{code}' is not a language Babel knows" + language_hint(code)


def answers_from(
    args: argparse.Namespace,
    schema: str,
    known: Mapping[str, str] | None = None,
    *,
    ask_controller: bool = True,
) -> Answers:
    """The answers from the options, asking for what is missing on a terminal. ``known``:
    what the project already says (a further register's name, languages, source language),
    offered as the answer; ``ask_controller``: False where the controller is shared."""
    known = known or {}
    interactive = not args.no_input and sys.stdin.isatty()
    name, identifier, languages, source = (
        args.name,
        args.identifier,
        args.languages,
        args.source_language,
    )
    authority: bool | None = getattr(args, "public_authority", None)
    if interactive:
        if ask_controller:
            name = name or _ask("Organisation's legal name", known.get("name", ""))
            identifier = identifier or _ask(
                "Identifier, SCHEME:VALUE (e.g. fi-business-id:1234567-1; Enter: none)",
                "",
                _identifier_answer,
            )
            if authority is None:
                authority = _ask_yes_no(
                    "Is it a public authority (a municipality, an agency…)? y/n, Enter: leave open"
                )
        languages = languages or _ask(
            "Languages, comma-separated", known.get("languages", "en"), _languages_answer
        )
        source = source or _ask(
            "Source language (written in policy.yaml)",
            known.get("source_language") or parse_languages(languages)[0],
            lambda code: None if code in parse_languages(languages) else "not among the languages",
        )
    elif not args.no_input and (
        (ask_controller and not name) or not (languages or known.get("languages"))
    ):
        # Nothing can be asked (answers piped in are not read): said, not silently left.
        print(
            "init: standard input is not a terminal, so nothing was asked: give --name, "
            "--identifier, --languages and --source-language (or leave FILL IN to fill in)",
            file=sys.stderr,
        )
    name = name or known.get("name")
    languages = languages or known.get("languages")
    source = source or known.get("source_language")

    codes = parse_languages(languages or source or "en")
    scheme, _colon, value = (identifier or "").partition(":")
    return Answers(
        name=" ".join((name or UNNAMED).split()),  # one line: it is also in a comment
        languages=codes,
        source_language=source or codes[0],
        identifier=(scheme, value) if identifier else None,
        public_authority=authority if ask_controller else None,
        updated=dt.date.today().isoformat(),
        schema=schema,
    )


def _identifier_answer(answer: str) -> str | None:
    return _identifier_problem(*answer.partition(":")[::2]) if answer else None


def _languages_answer(answer: str) -> str | None:
    codes = parse_languages(answer)
    problems = [problem for code in codes if (problem := _language_problem(code))]
    return "; ".join(problems) if codes else "name at least one language"


YES_NO: dict[str, bool | None] = {"y": True, "yes": True, "n": False, "no": False, "": None}


def _ask_yes_no(question: str) -> bool | None:
    """y or n; Enter leaves the question for the notice to answer."""
    answer = _ask(question, "", lambda a: None if a.lower() in YES_NO else "answer y or n")
    return YES_NO.get(answer.lower())


def _ask(question: str, default: str, problem: Callable[[str], str | None] = lambda a: None) -> str:
    """The answer, or ``default`` on Enter; asked again, with what is wrong, until
    ``problem`` finds nothing wrong with it."""
    while True:
        try:
            answer = input(f"> {question}" + (f" [{default}]" if default else "") + ": ").strip()
        except EOFError:  # input closed: nothing more can be asked
            return default
        answer = answer or default
        wrong = problem(answer)
        if not wrong:
            return answer
        print(f"  {visible(answer)}: {wrong}", file=sys.stderr)
