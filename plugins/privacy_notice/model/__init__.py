"""The register as the rest of the tool reads it: typed, frozen dataclasses built from a
register document (``register``, with what it states once filled in where it is referred
to: ``derive``; its parts: ``values`` (texts and names), ``parties``, ``data``,
``processing``, ``notice``), and the codes and facts that give them meaning: the official
wording of each code (``labels``), facts of the GDPR (``gdpr``) and which rights apply to
which processing (``rights``), identifier schemes and their check digits
(``identifiers``), the W3C DPV term lists (``dpv_terms``), ISO 8601 durations
(``durations``) and their case forms (``cases``), placeholders and the bounds of Markdown
texts (``texts``, ``placeholders``), Markdown rendered to sanitized HTML (``markup``), and
the organisation's units and groups of people its registers concern (``directory``).
Nothing here reads a file of the project; every other stage imports from here.
"""
