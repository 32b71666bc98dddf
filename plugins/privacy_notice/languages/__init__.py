"""Languages: the gettext catalogs of the notice (domain ``policy``) and of the theme
(domain ``theme``) read and checked (``catalogs``, ``theme``), every text resolved into
each published language (``resolve``), Babel's formatting of dates, periods, names and
lists (``localize``) and placeholders filled in (``placeholders``); and the
``translations`` command's extraction and catalog updates (``extract``, ``update``).
"""
