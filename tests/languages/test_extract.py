"""extract.py: pybabel's extraction method for policy.yaml (texts, lines, YAML paths)."""

from __future__ import annotations

import io

import pytest

from conftest import DEFAULT_NOTICE
from privacy_notice.languages.extract import extract_policy


def extract(data: bytes) -> list[tuple[int, str | None, str, list[str]]]:
    source = io.BytesIO(data)
    source.name = "policy.yaml"
    return list(extract_policy(source, None, None, {}))


def test_every_text_at_its_line_with_its_path():
    data = (DEFAULT_NOTICE / "policy.yaml").read_bytes()
    lines = data.decode("utf-8").splitlines()
    found = extract(data)
    assert len(found) > 50
    for line, function, text, comments in found:
        assert function is None
        assert comments[0] and comments[1:] in ([], ["Markdown"])
        # the text starts on its line, or a block text (>-, |) on the line below
        first_word = text.split()[0].strip('"')
        at = lines[line - 1]
        if at.rstrip().endswith((">-", ">", "|", "|-")):
            at = lines[line]
        assert first_word in at, (line, text)
    paths = [comments[0] for _line, _f, _text, comments in found]
    assert len(paths) == len(set(paths))  # one message per place
    assert "retention.rules[1].text" in paths


def test_a_broken_file_stops_extraction_with_a_located_line(capsys):
    with pytest.raises(SystemExit) as stop:
        extract(b"languages: [fi\n")
    assert stop.value.code == 1
    assert capsys.readouterr().err.startswith("policy.yaml:")
