"""Whether a ``SITEURL`` is an address a notice can be published at, or a placeholder left
from a template: a host under the domains reserved for examples (RFC 2606, RFC 6761), or
the one the tool's own settings files write until a real address is set. Published there,
the feeds, canonical links and exports would point to a site that is not the notice's.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Second-level domains reserved for documentation (RFC 2606 §3), and the one the examples
# and settings files of this tool use (publishconf.py: tietosuoja.example.fi).
EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org", "example.fi")
# Top-level domains reserved so that they never resolve on the internet (RFC 2606 §2).
EXAMPLE_TLDS = ("example", "invalid")


def placeholder_domain(url: str) -> str | None:
    """The reserved domain the host of ``url`` is under, if it is a placeholder; else None."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:  # not a URL at all: not this check's to judge
        return None
    for domain in EXAMPLE_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return domain
    tld = host.rsplit(".", 1)[-1]
    return tld if host and tld in EXAMPLE_TLDS else None
