"""Capacity holds under parallel requests: the session row is locked while seats are counted."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests import factories
from tests.training.factories import TrainingSessionFactory
from training import services
from training.models import Enrolment


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("in_window")
def test_parallel_requests_never_exceed_capacity():
    session = TrainingSessionFactory(capacity=3)
    employees = [factories.EmployeeFactory() for _i in range(12)]
    barrier = threading.Barrier(len(employees))
    errors = []

    def request(employee):
        try:
            barrier.wait()
            services.enrolment_request(session=session, employee=employee)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=request, args=(e,)) for e in employees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = list(Enrolment.objects.filter(session=session).values_list("status", flat=True))
    assert errors == []
    assert statuses.count(Enrolment.Status.REQUESTED) == 3
    assert statuses.count(Enrolment.Status.WAITLISTED) == 9
