"""The address a request came from, through as many trusted proxies as the deployment says it has.

Behind nginx or a load balancer, REMOTE_ADDR is the proxy's address, so a
limit per address would count every reader together. Each proxy appends the
address it received the request from to ``X-Forwarded-For``; with
``MORGUE_PROXY_COUNT=N`` trusted proxies in front, the client is the N-th
entry from the right. Entries further left were written by the client and
prove nothing, so they are never read. Without the setting (0), or when the
header is shorter than it should be or malformed, REMOTE_ADDR is used.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """Return the reader's address: the one the trusted proxies saw, else the connection's."""
    hops = int(getattr(settings, "MORGUE_PROXY_COUNT", 0))
    if hops > 0:
        forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [entry for entry in forwarded if entry]
        if len(forwarded) >= hops:
            candidate = forwarded[-hops]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass  # not an address: a misconfigured proxy; fall back to the connection's
    return request.META.get("REMOTE_ADDR") or None
