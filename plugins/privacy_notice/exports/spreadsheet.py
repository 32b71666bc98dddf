"""A table as the files a spreadsheet program opens: CSV (UTF-8 with a byte-order mark, so
that Excel reads it as UTF-8; LibreOffice asks) and XLSX (through openpyxl), each the same
bytes for the same table: the workbook's dates are the day given, and the XLSX archive's
entries carry a fixed time instead of the moment they were written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

# The earliest time a ZIP archive can record: its entries say nothing of when they were made.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def csv_bytes(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    title: str,
    sheet_name: str,
    day: dt.date,
) -> bytes:
    """The table as one worksheet named ``sheet_name`` in a workbook titled ``title``:
    headings bold and frozen, text wrapped, columns wide enough to read; ``day`` is the
    workbook's date."""
    book = Workbook()
    book.properties.title = title
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = sheet_name[:31]  # the most a sheet's name may have
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in sheet.iter_rows():
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for index, _heading in enumerate(headings):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = 40 if index else 30
    moment = dt.datetime(day.year, day.month, day.day)
    book.properties.created = moment
    book.properties.modified = moment
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_times(buffer.getvalue(), moment.isoformat() + "Z")


# openpyxl dates the workbook's last change at the moment it is saved, whatever it is told.
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_times(archive: bytes, modified: str) -> bytes:
    """The same archive, every entry dated :data:`_ZIP_EPOCH`, the workbook's last change
    dated ``modified``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, _ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + modified.encode() + rb"\g<2>", data)
            target.writestr(entry, data)
    return out.getvalue()
