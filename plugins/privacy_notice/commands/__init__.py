"""The ``privacy-notice`` commands: the command line (``cli``), ``build`` into an atomic
output folder (``build``, ``outputdir``), the live preview (``serve``,
``preview_worker``), ``init`` of a new project (``init``, ``init_answers``,
``init_shared``, ``skeleton``), and validate, release and translations over every
register of a project (``registers``).
"""
