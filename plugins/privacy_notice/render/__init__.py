"""The site as pages: the render plan of every page, API file and feed, as data, and the
URL contract (``pages``), one register's pages (``register_pages``), the notice bodies and
changes of each language (``bodies``, ``redline``, ``glance``), Jinja filters
(``filters``), the privacy centre of several registers (``centre``, its pages by group of
people and of recent changes: ``centre_pages``, what it reads of each register:
``listing``), the plan of the whole site (``site_plan``), every register built on every
core (``parallel``), a failing template as one located line (``template_errors``), and the
Pelican side: the generator that hands the plan to Pelican's writer (``generator``), its
signal (``signals``) and settings (``settings``, located in the settings file by
``settings_file``; a placeholder ``SITEURL`` told by ``site_url``; ``defaults``).
Templates themselves live in the theme.
"""
