"""The privacy centre's full-text search (``build --search``, ``PRIVACY_NOTICE_SEARCH``):
the built site indexed by Pagefind, a maintained static-search tool installed from PyPI
(``pip install 'pagefind[extended]'``, which ships its binary), run as a process on the
new build before it is swapped in.

Pagefind writes its index and its user interface (``pagefind/``: JavaScript, WebAssembly,
CSS) itself, not through Pelican's Writer: they are the tool's output, made from the pages
the Writer wrote. Only the current notice of each register and language is indexed (its
``data-pagefind-body``), each in its page's language (``<html lang>``). Only the search
page loads the scripts; every other page has none, and the search page says where else to
look without them.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from privacy_notice.diagnostics import Diagnostic, PolicyError
from privacy_notice.render.centre_pages import SEARCH_BUNDLE

BUNDLE = SEARCH_BUNDLE.rstrip("/")  # the folder of the site it writes, which the pages load


def available() -> bool:
    return importlib.util.find_spec("pagefind") is not None


def index(site: Path) -> None:
    """Index the site built in ``site``; a located problem where the tool is missing or
    fails."""
    if not available():
        message = (
            "full-text search needs Pagefind: install it with pip install "
            "'pagefind[extended]' (or 'privacy-notice[search]'), or build without --search"
        )
        raise PolicyError([Diagnostic("--search", message=message)])
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE]
    done = subprocess.run([*command, "--silent"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shown = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no message"]
        message = f"Pagefind could not index the site: {shown[0]}"
        raise PolicyError([Diagnostic("--search", message=message)])
