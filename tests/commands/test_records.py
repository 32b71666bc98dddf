"""``privacy-notice records``: the record of processing activities (GDPR Art. 30(1)) of
every register, one row per purpose, as CSV and XLSX in each language; what only the
record says (``records`` of policy.yaml) is never published."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import openpyxl
from helpers import CAMERA

from conftest import Project

MARKER = "7f3a"  # in the camera register's records: (tests/data/registers/)


def records(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    result = project.run("records", "--as-of=2024-06-01", *args)
    assert result.returncode == 0, result.stderr
    return result


def test_one_row_per_purpose_of_every_register_in_each_language(
    registers_site: Project, tmp_path: Path
) -> None:
    project = registers_site.clone(tmp_path / "project")
    records(project)
    folder = project.path / "records"
    rows = list(csv.reader(io.StringIO((folder / "records-en.csv").read_text("utf-8-sig"))))
    headings, body = rows[0], rows[1:]
    assert len(body) == 3  # customer service, recruitment, camera surveillance: a purpose each
    assert headings[3] == "Controller and its contact details (GDPR Art. 30(1)(a))"
    camera = next(row for row in body if row[0] == "Privacy notice for camera surveillance")
    column = dict(zip(headings, camera, strict=True))
    assert column["Unit keeping the register"] == "Facilities"
    assert column["Internal owner"] == f"Head of facilities NOT-PUBLIC-OWNER-{MARKER}"
    assert column["Purpose of the processing (GDPR Art. 30(1)(b))"].startswith("We protect")
    assert column["Categories of personal data (GDPR Art. 30(1)(c))"] == "Video recording"
    assert column["Categories of recipients (GDPR Art. 30(1)(d))"].startswith("The police (")
    assert column["Time limits for erasure (GDPR Art. 30(1)(f))"] == (
        "Recordings: 30 days. Recordings are overwritten after 30 days."
    )
    assert MARKER in column["Technical and organisational security measures (GDPR Art. 30(1)(g))"]
    assert "dpo@services.example" in column["Data protection officer (GDPR Art. 30(1)(a))"]
    # The spreadsheet holds the same table; Finnish headings in the Finnish one.
    sheet = openpyxl.load_workbook(folder / "records-en.xlsx").active
    assert [[c.value or "" for c in row] for row in sheet.iter_rows()] == rows
    finnish = openpyxl.load_workbook(folder / "records-fi.xlsx")
    assert finnish.properties.title == "Seloste käsittelytoimista"
    fi = finnish.active
    assert fi.title == "Käsittelytoimet"  # a sheet's name, whole (31 characters at most)
    assert fi["G1"].value == (
        "Käsittelyn tarkoitus (tietosuoja-asetuksen 30 artiklan 1 kohdan b alakohta)"
    )
    # The same source gives the same bytes.
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    records(project)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_what_only_the_record_says_is_never_published(registers_site: Project) -> None:
    output = (registers_site.path / "output").resolve()
    assert MARKER in (registers_site.path / CAMERA).read_text("utf-8")
    published = [p for p in output.rglob("*") if p.is_file() and MARKER.encode() in p.read_bytes()]
    assert published == []


def test_the_record_is_never_written_into_a_site(registers_site: Project, tmp_path: Path) -> None:
    project = registers_site.clone(tmp_path / "project")
    project.build("--as-of=2024-06-01")
    result = project.run("records", "-o", "output/records")
    assert result.returncode == 1
    assert result.stderr.startswith("-o: output/records is inside a built site"), result.stderr
    assert not (project.path / "output" / "records").exists()
