"""Leases on long jobs: a live worker keeps its job, a dead worker's job is taken over."""

import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from asn_portal.common import jobs
from asn_portal.common.jobs import Claim
from asn_portal.common.models import JobLease
from tests import factories


def _expire(kind="test.job", key="1", ago=timedelta(seconds=1)):
    JobLease.objects.filter(kind=kind, key=key).update(expires_at=timezone.now() - ago)


def test_a_first_claim_gets_the_job_and_a_second_finds_it_busy(db):
    first = jobs.job_claim("test.job", "1")
    second = jobs.job_claim("test.job", "1")
    assert (first.claim, second.claim) == (Claim.CLAIMED, Claim.BUSY)
    assert first.acquired and not second.acquired


def test_an_expired_lease_is_taken_over_and_counted_as_an_interruption(db):
    jobs.job_claim("test.job", "1")
    _expire()
    again = jobs.job_claim("test.job", "1")
    assert again.claim is Claim.TAKEN_OVER
    lease = JobLease.objects.get()
    assert (lease.attempts, lease.interruptions, lease.owner) == (2, 1, again.owner)


def test_a_finished_job_is_not_run_again(db):
    calls = []
    assert jobs.run_job("test.job", "1", lambda lease: calls.append(1) or 7) == (Claim.CLAIMED, 7)
    assert jobs.run_job("test.job", "1", lambda lease: calls.append(1)) == (Claim.DONE, None)
    assert calls == [1]


def test_a_job_that_keeps_failing_stops_and_says_why(db):
    def broken(lease):
        raise RuntimeError("tabel TPP kosong")

    for _ in range(3):
        with pytest.raises(RuntimeError):
            jobs.run_job("test.job", "1", broken, max_attempts=3)
    lease = JobLease.objects.get()
    assert lease.state == JobLease.State.FAILED
    assert "tabel TPP kosong" in lease.last_error
    assert jobs.run_job("test.job", "1", broken)[0] is Claim.GAVE_UP


def test_a_job_interrupted_too_often_gives_up(db):
    jobs.job_claim("test.job", "1")
    for _ in range(2):
        _expire()
        assert jobs.job_claim("test.job", "1").claim is Claim.TAKEN_OVER
    _expire()
    assert jobs.job_claim("test.job", "1").claim is Claim.GAVE_UP
    assert JobLease.objects.get().state == JobLease.State.FAILED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_heartbeat_keeps_a_long_job_alive():
    def slow(lease):
        first = JobLease.objects.get().expires_at
        time.sleep(1.5)
        return JobLease.objects.get().expires_at > first

    claim, renewed = jobs.run_job("test.job", "1", slow, ttl=timedelta(seconds=1))
    assert claim is Claim.CLAIMED and renewed is True


def test_the_sweep_enqueues_expired_jobs_again(db):
    resumed = []
    jobs.register_resumer("test.job", resumed.append)
    jobs.job_claim("test.job", "7")
    jobs.job_claim("test.job", "8")
    _expire(key="7")
    assert jobs.jobs_sweep() == 1
    assert resumed == ["7"]


def test_health_reports_a_stuck_job_as_degraded(client, db):
    jobs.job_claim("test.job", "1")
    assert client.get("/healthz/").json()["status"] == "ok"
    _expire(ago=jobs.STUCK_AFTER + timedelta(minutes=1))
    body = client.get("/healthz/").json()
    assert (body["status"], body["stuck_jobs"]) == ("degraded", 1)


def test_an_officer_restarts_a_job_that_gave_up_but_not_a_running_one(
    db, django_capture_on_commit_callbacks
):
    resumed = []
    jobs.register_resumer("test.job", resumed.append)
    jobs.job_claim("test.job", "1")
    lease = JobLease.objects.get()
    with pytest.raises(ValidationError):
        jobs.job_restart(obj=lease, by=None)
    JobLease.objects.update(state=JobLease.State.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.job_restart(obj=JobLease.objects.get(), by=factories.UserFactory())
    assert resumed == ["1"] and not JobLease.objects.exists()
