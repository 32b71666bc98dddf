"""How the notice page words what the model says (issue 23, item 7): lists of names as
lists, a register contact as its parts, each data field with why it is collected."""

from __future__ import annotations

import re

from conftest import Project


def test_references_are_lists_of_names_not_sentences(full_site: Project):
    page = full_site.read("en/index.html")
    body = page[page.index('<nav class="toc"') :]
    # the order history serves three purposes: each its own item, linked
    assert (
        '<ul class="names"><li><a href="#purpose-orders">Orders</a></li>'
        '<li><a href="#purpose-accounting">Accounting</a></li>'
    ) in body
    # no name is joined to the next by "and" or a comma
    assert re.findall(r"</a>(?:,| and) <a href=\"#(?:purpose|field|channel|group)-", body) == []
