"""Versions and what changed between them: the append-only store of released documents
(``store``, ``canonical``), ``policy.yaml`` placed among them as a register's site
(``versions``; every register of a project: ``registers``), which version is in force on
a day (``effective``), the semantic diff of two versions (``diff``, ``diff_details``,
``diff_facts``, ``change``), and what a release must get right and how it is undone
(``release_rules``, ``unrelease``).
"""
