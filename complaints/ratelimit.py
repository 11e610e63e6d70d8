"""Per-address rate limits for the public pages, kept in the cache (Redis in production).

The address is hashed with the secret key, so the cache holds no readable IP. When the cache is
unreachable the limit is not enforced: a citizen's report must never be lost to an outage
(the PIN lockout, which guards tracking, lives in the database).
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _key(scope: str, request, window: int) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"complaints:rl:{scope}:{digest}:{int(time.time() // window)}"


def count(scope: str, request, *, window: int) -> int:
    try:
        return int(cache.get(_key(scope, request, window)) or 0)
    except Exception:
        logger.warning("Rate-limit cache unavailable; %s not limited", scope)
        return 0


def hit(scope: str, request, *, window: int) -> int:
    """Count one more use in this window; returns the new count (0 when the cache is down)."""
    key = _key(scope, request, window)
    try:
        cache.add(key, 0, window)
        return int(cache.incr(key))
    except Exception:
        logger.warning("Rate-limit cache unavailable; %s not limited", scope)
        return 0
