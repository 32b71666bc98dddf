"""``python -m privacy_notice``: the ``privacy-notice`` command."""

import sys

from privacy_notice.commands.cli import main

sys.exit(main())
