"""A public authority's notice read as its lawyer would (tests/data/municipality/: a
bilingual municipality's pupil register, Finnish source, fi and sv): its statements are
scoped to what they concern, in each language's grammar. The facts themselves are checked
on every page by test_facts.py."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import Project, page_text


def section(site: Project, lang: str, key: str) -> str:
    page = site.read(f"{lang}/index.html")
    found = re.search(rf'<section id="{key}".*?</section>', page, re.S)
    assert found, key
    return page_text(found.group(0))


def right(site: Project, lang: str, right_id: str) -> str:
    page = site.read(f"{lang}/index.html")
    found = re.search(rf'<div class="right" id="right-{right_id}">.*?</div>', page, re.S)
    assert found, right_id
    return page_text(found.group(0))


def test_durations_are_in_the_case_of_their_sentence(municipality_site: Project):
    rights = section(municipality_site, "fi", "rights")
    assert "Vastaamme pyyntöösi 1 kuukauden kuluessa." in rights  # {response_time:genitive}
    assert "Voimme pidentää määräaikaa 2 kuukaudella," in rights  # {extension:adessive}
    storage = section(municipality_site, "fi", "retention")
    assert "poistetaan 1 vuoden kuluttua." in storage  # {period:genitive}
    assert "Vi svarar på din begäran inom 1 månad." in section(municipality_site, "sv", "rights")


def test_each_right_says_where_it_applies_as_the_legal_bases_imply(municipality_site: Project):
    # Art. 20: the photos rest on consent; the public task and the legal obligations give none.
    portability = right(municipality_site, "fi", "portability")
    assert "Koskee Valokuvat Ei koske Opetuksen järjestäminen Oppivelvollisuuden valvonta" in (
        portability
    )
    assert "(20 artiklan 3 kohta)" in portability
    # Art. 21(1): the public task only.
    objection = right(municipality_site, "sv", "objection")
    assert "Gäller Att ordna undervisning Gäller inte Tillsyn över läroplikten" in objection
    # Art. 17(3)(b): only its exceptions, never a promise of erasure.
    erasure = right(municipality_site, "fi", "erasure")
    assert "Koskee" not in erasure.replace("Ei koske", "")
    assert "17 artiklan 3 kohdan b alakohta" in erasure
    # a restriction by law, named
    assert "Lailla rajoitettu Tietosuojalaki (1050/2018), 34 §" in right(
        municipality_site, "fi", "access"
    )


def test_an_official_name_in_each_language(municipality_site: Project):
    assert "Nimi Esimerkkilän kaupunki" in section(municipality_site, "fi", "controller")
    controller = section(municipality_site, "sv", "controller")
    assert "Namn Exempelby stad" in controller and "Esimerkkilän" not in controller
    assert "Grannby kommun" in controller  # the joint controller's
    sv = municipality_site.text("sv/index.html")
    assert "Esimerkkilän kaupunki" not in sv and "Naapurilan kunta" not in sv
    # the joint controller is a recipient, declared once and linked to its arrangement
    page = municipality_site.read("sv/index.html")
    recipient = re.search(r'id="recipient-naapurila">.*?</div>', page, re.S)
    assert recipient and 'href="#joint-naapurila"' in recipient.group(0)
    assert "<h3>Grannby kommun</h3>" in recipient.group(0)


def test_sources_children_and_the_authority_are_stated(municipality_site: Project):
    sources = section(municipality_site, "fi", "sources")
    assert "Henkilötiedot saadaan rekisteröidyiltä itseltään sekä muista" in sources
    assert "Kaikki henkilötiedot" not in sources
    assert "Yleisesti saatavilla Ei" in sources
    subjects = section(municipality_site, "sv", "data-subjects")
    assert "Gruppen omfattar barn. Elevens vårdnadshavare utövar" in subjects
    assert "Myndighet eller offentligt organ Ja" in section(municipality_site, "sv", "controller")
    data = section(municipality_site, "fi", "personal-data")
    assert "Erityinen henkilötietoryhmä (tietosuoja-asetuksen 9 artikla)" in data
    assert "Salassapidon peruste Perusopetuslaki (628/1998), 40 §" in data
    storage = section(municipality_site, "sv", "retention")
    assert "Lagras Varaktigt Lag Arkivlagen (831/1994)" in storage


def test_the_notice_is_complete_for_lint(municipality_site: Project, tmp_path: Path):
    clone = municipality_site.clone(tmp_path / "project")
    result = clone.run("lint")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
