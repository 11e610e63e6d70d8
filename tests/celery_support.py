"""Helpers for tests that point the project's Celery app at a real Redis broker."""

import kombu.pools

from asn_portal.celery import app


def forget_broker_connections() -> None:
    """Close the broker pools and drop the result backend built for the configuration in force.

    Eager tasks, too, take a producer from the pool, so the pools must follow the broker URL.
    """
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
