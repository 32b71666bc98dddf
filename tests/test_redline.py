"""redline.py: a word-level redline of rendered HTML that stays well-formed."""

from __future__ import annotations

from html.parser import HTMLParser

from privacy_notice.redline import redline


class _Balance(HTMLParser):
    VOID = frozenset({"br", "hr", "img", "input", "meta", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.errors.append(tag)


def well_formed(html: str) -> bool:
    parser = _Balance()
    parser.feed(html)
    return not parser.errors and not parser.open


def test_words_struck_out_and_inserted_with_labels():
    old = "<p>Calls are kept for 3 months.</p>"
    new = "<p>Calls are kept for 6 months.</p>"
    marked = str(redline(old, new, "deleted:", "inserted:"))
    assert "<del" in marked and "<ins" in marked
    assert "3" in marked.split("<del", 1)[1].split("</del>", 1)[0]
    assert "6" in marked.split("<ins", 1)[1].split("</ins>", 1)[0]
    assert "deleted:" in marked and "inserted:" in marked
    assert marked.startswith("<p>Calls are kept for ") and well_formed(marked)


def test_unchanged_html_is_returned_as_it_is():
    html = '<section id="a"><p>Same <a href="x">link</a>.</p></section>'
    assert str(redline(html, html)) == html


def test_tags_are_never_split():
    old = "<p>Write to <strong>us</strong> by post.</p>"
    new = '<p>Write to <a href="mailto:x@example.fi">our office</a> by email.</p>'
    marked = str(redline(old, new))
    assert well_formed(marked)
    assert "<del>us</del>" in marked and "<ins>our office</ins>" in marked
    assert '<a href="mailto:x@example.fi">' in marked


def test_only_changed_sections_are_diffed():
    same = '<section id="a"><p>One two three.</p></section>'
    old = same + '<section id="b"><p>Four five.</p></section>'
    new = same + '<section id="b"><p>Four six.</p></section>'
    marked = str(redline(old, new))
    assert marked.startswith(same) and "<del" in marked and well_formed(marked)


def test_text_is_escaped():
    marked = str(redline("<p>a &lt;b&gt;</p>", "<p>a &lt;c&gt;</p>"))
    assert "<b>" not in marked and "<c>" not in marked and well_formed(marked)
