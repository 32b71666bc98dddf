"""Markdown rendering and sanitizing."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DEFAULT_NOTICE, examples
from privacy_notice.model.markup import render_inline, render_markdown, sanitize
from privacy_notice.source.load import load_policy
from privacy_notice.source.schema import iter_texts


def slow_path(text: str) -> str:
    """Python-Markdown as the renderer uses it (with tables, which makes ``\\|`` an escape)."""
    return sanitize(markdown.markdown(text, extensions=["tables"]))


def test_fast_path_matches_markdown_for_every_shipped_text():
    texts = [
        text for _path, text, _kind in iter_texts(load_policy(DEFAULT_NOTICE / "policy.yaml").data)
    ]
    assert len(texts) > 70
    for text in texts:
        assert str(render_markdown(text)) == slow_path(text), text


@settings(max_examples=examples(400), deadline=None)
@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
        | st.sampled_from(list("*_`[]<>&\\!\n#|~-+=.1) ")),
        max_size=80,
    )
)
def test_fast_path_never_differs_from_markdown(text: str):
    assert str(render_markdown(text)) == slow_path(text)


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ("[x](javascript:alert(1))", "javascript:"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ("<style>body{}</style>", "<style"),
        ('<form action="https://evil.example"><input></form>', "<form"),
        ('<a href="https://x.example" onclick="x()">x</a>', "onclick"),
    ],
)
def test_sanitized(source: str, forbidden: str):
    assert forbidden not in str(render_markdown(source)).lower()


def test_links_and_inline():
    html = str(render_markdown("See [the site](https://tietosuoja.fi)."))
    assert 'rel="noopener noreferrer"' in html and 'href="https://tietosuoja.fi"' in html
    assert str(render_inline("Just *one* line.")) == "Just <em>one</em> line."
