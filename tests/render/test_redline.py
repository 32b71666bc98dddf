"""redline.py: a word-level redline of rendered HTML that stays well-formed."""

from __future__ import annotations

from html.parser import HTMLParser

from jinja2 import Environment

from privacy_notice.render import filters
from privacy_notice.render.redline import redline


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
    assert "<del>us</del>" in marked
    assert '<ins><a href="mailto:x@example.fi">our office</a></ins>' in marked


def test_only_changed_sections_are_diffed():
    same = '<section id="a"><p>One two three.</p></section>'
    old = same + '<section id="b"><p>Four five.</p></section>'
    new = same + '<section id="b"><p>Four six.</p></section>'
    marked = str(redline(old, new))
    assert marked.startswith(same) and "<del" in marked and well_formed(marked)


def test_text_is_escaped():
    marked = str(redline("<p>a &lt;b&gt;</p>", "<p>a &lt;c&gt;</p>"))
    assert "<b>" not in marked and "<c>" not in marked and well_formed(marked)


def _inserted(marked: str) -> str:
    return " ".join(part.split("</ins>", 1)[0] for part in marked.split("<ins>")[1:])


def _deleted(marked: str) -> str:
    return " ".join(part.split("</del>", 1)[0] for part in marked.split("<del>")[1:])


def test_a_list_of_links_diffs_item_by_item():
    def links(*names: str) -> str:
        return [f'<a href="#field-{n.split()[0].lower()}">{n}</a>' for n in names]

    old = "<p>Data: {} and {}.</p>".format(*links("Telephone number", "Email address"))
    new = "<p>Data: {}, {} and {}.</p>".format(
        *links("Telephone number", "Email address", "IP address")
    )
    marked = str(redline(old, new))
    assert well_formed(marked)
    assert "IP address" in _inserted(marked)
    assert "Email" not in _inserted(marked) and "Email" not in _deleted(marked)
    assert "Telephone" not in _inserted(marked) + _deleted(marked)


def test_a_list_of_names_diffs_item_by_item():
    env = Environment(autoescape=True)
    filters.install(env)
    template = env.from_string("<dd>{{ items|join_list }}</dd>")
    old = template.render(lang="en", items=["Telephone number", "Email address"])
    new = template.render(lang="en", items=["Telephone number", "Email address", "IP address"])
    marked = str(redline(old, new))
    assert well_formed(marked)
    assert "IP address" in _inserted(marked)
    assert "Email" not in _inserted(marked) + _deleted(marked)
    assert "Telephone" not in _inserted(marked) + _deleted(marked)


def test_deleted_text_is_never_put_inside_another_link():
    old = '<p>Via the Chatbot service. <a href="#channel-telephone">Telephone</a> too.</p>'
    new = '<p><a href="#channel-telephone">Telephone and chat</a> too.</p>'
    marked = str(redline(old, new))
    assert well_formed(marked)
    inside_links = [part.split("</a>", 1)[0] for part in marked.split("<a ")[1:]]
    assert inside_links and not any("<del>" in link for link in inside_links)
    assert "Chatbot" in _deleted(marked)


def _purposes(count: int, renamed: dict[int, str]) -> str:
    """A section like a register's purposes: each item repeats the same tags and labels."""
    items = "".join(
        f'<div class="item" id="purpose-{i}">\n<h3>{renamed.get(i, f"Activity {i}")}</h3>'
        f'\n<dl class="facts">\n<dt>Legal basis</dt><dd>Contract</dd>\n</dl>\n</div>\n'
        for i in range(count)
    )
    return f'<section id="purposes"><h2>Purposes</h2>\n{items}</section>'


def test_a_long_section_with_changes_far_apart_marks_just_them():
    # 2,000 items (~50,000 tokens) with the same tags in each: compared as a whole, every
    # token meets each of its repetitions (this took minutes); cut at the tokens that
    # occur once (the ids), it takes a moment, and marks what a whole comparison marks.
    old = _purposes(2000, {})
    new = _purposes(2000, {3: "Activity three", 1990: "Activity nineteen ninety"})
    marked = str(redline(old, new)).replace(' id="change-purposes"', "")
    assert marked.count("<del>") == 2 and marked.count("<ins>") == 2
    assert well_formed(marked)
    marks = {"<del>3</del> <ins>three</ins>": "three"}
    marks["<del>1990</del> <ins>nineteen ninety</ins>"] = "nineteen ninety"
    for mark, text in marks.items():
        assert mark in marked
        marked = marked.replace(mark, text)
    assert marked == new
