"""Reading and checking a project's sources: ``policy.yaml`` loaded with the line and
column of every value (``load``, ``compose``, ``loaded``), validated by JSON Schema
(``schema``, also with its references written out for the checks; ``validate``) and by
the rules a schema cannot state (``rules``, with the language codes Babel knows:
``locales``, and those the law implies: ``law_checks``), the GDPR completeness check
(``lint``, with what the law implies for particular processing: ``lint_law``), the markup
the sanitizer will remove (``markup_warnings``, reading the lines of a catalog with
``po``), shared blocks (``shared``, put in place of a register's references by
``references``), the units and groups of people they declare (``directory``) and the
schemas editors use for them (``editor_schemas``), older documents read through
migrations (``migrate``), the registers of a project (``project``) and the options that
say where a register's inputs are (``options``). Every problem is a located
:class:`~privacy_notice.diagnostics.Diagnostic`.
"""
