"""The machine-readable site: the files under ``api/`` (``api``: documents, schemas, the
version index and JSON Patch change records, ``changes``), TILT (``tilt``,
``tilt_data``) and W3C DPV JSON-LD (``dpv``, ``dpv_parties``) with their URLs and the
links a page gives them (``formats``), texts as exports carry them (``texts``), and
the Atom feeds (``feeds``); and what is not published: the record of processing
activities (``records``) and the spreadsheet files it is written as (``spreadsheet``).
"""
