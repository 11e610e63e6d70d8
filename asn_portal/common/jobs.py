"""Long jobs claimed with a lease, so a worker that dies leaves nothing stuck and nothing doubled.

A job (computing a payroll run, opening an appraisal cycle, notifying a publication's
applicants) is identified by a kind and a key. The worker that runs it holds a lease on
`JobLease(kind, key)` and renews it from a heartbeat thread while it works. A redelivered
message, or the beat sweep, finds:

- no lease, or an expired one (its worker died): it takes the job over and runs it again — every
  job is written to be safe to run twice (one transaction, or rows that cannot be doubled);
- a live lease: another worker is on it; it does nothing;
- a finished lease: the job was done; it does nothing.

A job that fails `max_attempts` times stops retrying and says why on the lease; an officer can
restart it (`job_restart`). `jobs_stuck()` (leases expired and not taken over) makes the health
check report "degraded".
"""

from __future__ import annotations

import enum
import logging
import os
import socket
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import JobLease

logger = logging.getLogger(__name__)


def _default_ttl() -> timedelta:
    from django.conf import settings

    return timedelta(seconds=getattr(settings, "JOB_LEASE_SECONDS", 60))


# A job asked for and not claimed by a worker within this time was lost on the way (the broker
# was down): the sweep enqueues it again.
QUEUE_GRACE = timedelta(minutes=2)
DEFAULT_MAX_ATTEMPTS = 3
# A lease expired for longer than this, and not taken over, is a stuck job (health: degraded).
STUCK_AFTER = timedelta(minutes=5)

# kind -> callable(key) that enqueues the job again; filled by each app's AppConfig.ready().
_resumers: dict[str, Callable[[str], None]] = {}


class Claim(enum.Enum):
    CLAIMED = "claimed"  # first run
    TAKEN_OVER = "taken_over"  # the previous worker's lease expired: resume
    BUSY = "busy"  # a live worker holds the lease
    DONE = "done"  # finished before
    GAVE_UP = "gave_up"  # failed too often; waits for an officer's restart


@dataclass
class Lease:
    kind: str
    key: str
    owner: str
    ttl: timedelta
    claim: Claim

    @property
    def acquired(self) -> bool:
        return self.claim in (Claim.CLAIMED, Claim.TAKEN_OVER)


def register_resumer(kind: str, resume: Callable[[str], None]) -> None:
    """How to enqueue a job of this kind again (used by the sweep); call from `ready()`."""
    _resumers[kind] = resume


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def job_claim(
    kind: str,
    key: str,
    *,
    ttl: timedelta | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
) -> Lease:
    """Try to take the lease on a job; see `Claim` for what the outcome means."""
    ttl = ttl or _default_ttl()
    owner = worker_identity()
    now = timezone.now()
    with transaction.atomic():
        lease, created = JobLease.objects.select_for_update().get_or_create(
            kind=kind,
            key=key,
            defaults={
                "owner": owner,
                "state": JobLease.State.RUNNING,
                "attempts": 1,
                "started_at": now,
                "renewed_at": now,
                "expires_at": now + ttl,
            },
        )
        if created:
            return Lease(kind, key, owner, ttl, Claim.CLAIMED)
        if lease.state == JobLease.State.DONE:
            return Lease(kind, key, lease.owner, ttl, Claim.DONE)
        if lease.state == JobLease.State.FAILED:
            return Lease(kind, key, lease.owner, ttl, Claim.GAVE_UP)
        if lease.state == JobLease.State.RUNNING and lease.expires_at > now:
            return Lease(kind, key, lease.owner, ttl, Claim.BUSY)
        if lease.state == JobLease.State.QUEUED:  # the first worker to reach a requested job
            lease.owner, lease.state, lease.attempts = owner, JobLease.State.RUNNING, 1
            lease.started_at = lease.renewed_at = now
            lease.expires_at = now + ttl
            lease.save()
            return Lease(kind, key, owner, ttl, Claim.CLAIMED)
        # An expired running lease: its worker died, or a failure released it for a retry.
        if lease.attempts >= max_attempts:
            lease.state = JobLease.State.FAILED
            lease.last_error = lease.last_error or _("Interrupted %(count)d times; stopped.") % {
                "count": lease.attempts
            }
            lease.save(update_fields=["state", "last_error"])
            return Lease(kind, key, lease.owner, ttl, Claim.GAVE_UP)
        outcome = Claim.TAKEN_OVER
        if not lease.last_error:
            lease.interruptions += 1
        lease.owner = owner
        lease.state = JobLease.State.RUNNING
        lease.attempts += 1
        lease.started_at = lease.renewed_at = now
        lease.expires_at = now + ttl
        lease.save()
        return Lease(kind, key, owner, ttl, outcome)


def job_request(kind: str, key: str) -> JobLease:
    """Record that a job is wanted, before it is enqueued: if the broker loses the message, the
    sweep finds the request unclaimed and enqueues it again. A job that a live worker is running
    is refused; a finished or stopped one starts afresh."""
    from django.core.exceptions import ValidationError

    now = timezone.now()
    lease = JobLease.objects.select_for_update().filter(kind=kind, key=key).first()
    if lease is not None and lease.state == JobLease.State.RUNNING and lease.expires_at > now:
        raise ValidationError(_("This job is running now; wait for it to finish."))
    values = {
        "state": JobLease.State.QUEUED,
        "owner": "",
        "attempts": 0,
        "interruptions": 0,
        "started_at": now,
        "renewed_at": now,
        "expires_at": now + QUEUE_GRACE,
        "finished_at": None,
        "last_error": "",
    }
    lease, _created = JobLease.objects.update_or_create(kind=kind, key=key, defaults=values)
    return lease


def job_renew(lease: Lease) -> bool:
    """Extend a lease we hold; False when another worker has taken it over meanwhile."""
    now = timezone.now()
    return bool(
        JobLease.objects.filter(
            kind=lease.kind, key=lease.key, owner=lease.owner, state=JobLease.State.RUNNING
        ).update(renewed_at=now, expires_at=now + lease.ttl)
    )


def job_finish(lease: Lease) -> None:
    JobLease.objects.filter(kind=lease.kind, key=lease.key, owner=lease.owner).update(
        state=JobLease.State.DONE, finished_at=timezone.now(), last_error=""
    )


def job_fail(lease: Lease, error: str, *, max_attempts: int = DEFAULT_MAX_ATTEMPTS) -> bool:
    """Record a failure; after `max_attempts` the job gives up (True) and waits for a restart.

    Before that the lease is released (expired now), so the sweep or a retry resumes it.
    """
    row = JobLease.objects.filter(kind=lease.kind, key=lease.key, owner=lease.owner).first()
    if row is None:
        return False
    gave_up = row.attempts >= max_attempts
    row.state = JobLease.State.FAILED if gave_up else JobLease.State.RUNNING
    row.last_error = error[:2000]
    row.expires_at = timezone.now()
    row.save(update_fields=["state", "last_error", "expires_at"])
    return gave_up


def job_restart(*, obj: JobLease, by=None) -> None:
    """An officer runs a job that gave up once more (its work is safe to repeat)."""
    from django.core.exceptions import ValidationError

    if obj.state in (JobLease.State.RUNNING, JobLease.State.QUEUED) and not obj.interrupted:
        raise ValidationError(_("This job is running now; wait for it to finish."))
    if obj.state == JobLease.State.DONE:
        raise ValidationError(_("This job has finished; there is nothing to restart."))
    kind, key = obj.kind, obj.key
    JobLease.objects.filter(pk=obj.pk).delete()
    resume = _resumers.get(kind)
    if resume is not None:
        transaction.on_commit(lambda: resume(key))


@contextmanager
def heartbeat(lease: Lease):
    """Renew the lease every third of its time-to-live from a thread while the block runs."""
    stop = threading.Event()
    interval = max(lease.ttl.total_seconds() / 3, 0.5)

    def beat():
        try:
            while not stop.wait(interval):
                if not job_renew(lease):
                    logger.warning("Lease %s/%s was taken over", lease.kind, lease.key)
                    return
        finally:
            connection.close()  # the thread's own database connection

    thread = threading.Thread(target=beat, name=f"lease-{lease.kind}-{lease.key}", daemon=True)
    thread.start()
    try:
        yield lease
    finally:
        stop.set()
        thread.join(timeout=interval + 5)


def run_job(
    kind: str,
    key: str,
    work: Callable[[Lease], object],
    *,
    ttl: timedelta | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
):
    """Claim the job, run `work(lease)` under a heartbeat, and record how it ended.

    Returns (claim, result): result is None when the job was not ours to run. An exception
    from `work` is recorded on the lease and raised again (the task's retry policy applies).
    """
    lease = job_claim(kind, key, ttl=ttl or _default_ttl(), max_attempts=max_attempts)
    if not lease.acquired:
        return lease.claim, None
    try:
        with heartbeat(lease):
            result = work(lease)
    except Exception as exc:
        job_fail(lease, f"{type(exc).__name__}: {exc}", max_attempts=max_attempts)
        raise
    job_finish(lease)
    return lease.claim, result


def jobs_expired():
    """Running leases whose worker stopped renewing them, and requests no worker picked up: to
    be enqueued again."""
    return JobLease.objects.filter(
        state__in=[JobLease.State.RUNNING, JobLease.State.QUEUED], expires_at__lt=timezone.now()
    )


def jobs_stuck():
    """Leases expired for longer than STUCK_AFTER and not taken over (health: degraded)."""
    return jobs_expired().filter(expires_at__lt=timezone.now() - STUCK_AFTER)


def jobs_sweep() -> int:
    """Enqueue again every job whose lease expired; the task's claim then takes it over."""
    resumed = 0
    for lease in jobs_expired():
        resume = _resumers.get(lease.kind)
        if resume is None:
            logger.error("No resumer for job kind %s", lease.kind)
            continue
        resume(lease.key)
        resumed += 1
    return resumed


def job_state(kind: str, key: str) -> JobLease | None:
    """The lease of a job, for pages that show "running", "interrupted, resuming" or "failed"."""
    return JobLease.objects.filter(kind=kind, key=key).first()
