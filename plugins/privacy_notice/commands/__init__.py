"""The ``privacy-notice`` commands: the command line (``cli``), which runs each command's
module: ``validate`` (and ``lint``), ``build`` into an atomic output folder
(``outputdir``) with the privacy centre's optional full-text search (``search``), the
live preview (``serve``, with its long-lived ``preview_worker``), ``release`` (a shared
change released for every register with one summary: ``release_shared``),
``translations``, the record of processing activities (``records``), and ``init`` of a
new project or register (``init``, ``init_answers``, ``init_shared``, ``skeleton``);
``context`` is what every command reads from its arguments.
"""
