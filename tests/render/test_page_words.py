"""How the notice page words what the model says (issue 23, item 7): lists of names as
lists, a register contact as its parts, each data field with why it is collected."""

from __future__ import annotations

import re

from conftest import Project
from run_cli import set_updated


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


def test_a_register_contact_reads_as_its_parts(project: Project, full_site: Project):
    """Its description, then its name, address and number, each apart: no ": " glued to a
    description that ends in a full stop, and no name the description already states."""
    project.edit(
        "    description: Contact person at Kivra for matters related to the register\n",
        "    description: Register matters are handled by the head of customer service.\n"
        "    name: Head of customer service\n"
        "    telephone: +358 9 123 4567\n",
    )
    project.translate(
        {
            "Register matters are handled by the head of customer service.": (
                "Rekisteriasioita hoitaa asiakaspalvelun johtaja.",
                "Registerärenden sköts av kundtjänstens chef.",
            )
        }
    )
    set_updated(project.path, "2030-01-01")
    project.build()
    english = project.text("en/index.html")
    assert (
        "Register matters are handled by the head of customer service. "
        "tietosuoja@kivra.fi +358 9 123 4567"
    ) in english
    assert "Head of customer service" not in english and ".:" not in english
    # in Finnish the description does not name the head: the name is given
    assert (
        "Rekisteriasioita hoitaa asiakaspalvelun johtaja. Head of customer service "
        "tietosuoja@kivra.fi"
    ) in project.text("fi/index.html")
    # a description that is a label, and a name with its title
    assert (
        "Contact for matters related to the register Customer privacy team, Head of customer "
        "privacy privacy@example-shop.fi +358 9 111 3333"
    ) in full_site.text("en/index.html")


def test_why_a_field_is_collected_is_said_with_the_field(full_site: Project):
    page = full_site.read("en/index.html")
    why = "<p>We send order confirmations and newsletters by email.</p>"
    assert '<li id="field-email-address">Email address' + why in page
    purposes = page[page.index('<section id="purposes"') :]
    assert why not in purposes[: purposes.index("</section>")]
