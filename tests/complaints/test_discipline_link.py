"""A report about a named ASN opens a disciplinary case in `rewards`, linked both ways."""

import pytest
from django.core.exceptions import ValidationError

from complaints import selectors, services
from complaints.models import Privacy
from rewards.models import DisciplinaryCase
from tests import factories as core

from .factories import ComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(officer):
    complaint = ComplaintFactory(
        privacy=Privacy.CONFIDENTIAL, reporter_name="Pelapor Rahasia", asn_named="Pak Budi"
    )
    return services.complaint_verify(complaint=complaint, by=officer)


def test_opening_a_case_links_the_report_to_it(officer, verified):
    employee = core.EmployeeFactory()
    complaint = services.complaint_open_discipline_case(
        complaint=verified, by=officer, employee=employee, legal_article="PP 94/2021 ps. 5"
    )
    case = DisciplinaryCase.objects.get()
    assert (complaint.discipline_case, case.employee, case.source) == (
        case,
        employee,
        DisciplinaryCase.Source.CITIZEN_COMPLAINT,
    )


def test_the_case_leads_back_to_the_report(officer, verified):
    services.complaint_open_discipline_case(
        complaint=verified, by=officer, employee=core.EmployeeFactory(), legal_article="PP 94"
    )
    assert list(selectors.complaints_for_case(DisciplinaryCase.objects.get())) == [verified]


def test_the_case_does_not_carry_a_confidential_reporters_identity(officer, verified):
    services.complaint_open_discipline_case(
        complaint=verified, by=officer, employee=core.EmployeeFactory(), legal_article="PP 94"
    )
    case = DisciplinaryCase.objects.get()
    assert "Pelapor Rahasia" not in case.violation
    assert "siti@example.com" not in case.violation


def test_a_second_case_for_the_same_report_is_refused(officer, verified):
    services.complaint_open_discipline_case(
        complaint=verified, by=officer, employee=core.EmployeeFactory(), legal_article="PP 94"
    )
    with pytest.raises(ValidationError):
        services.complaint_open_discipline_case(
            complaint=verified, by=officer, employee=core.EmployeeFactory(), legal_article="PP"
        )


def test_an_unverified_report_cannot_open_a_case(officer):
    with pytest.raises(ValidationError):
        services.complaint_open_discipline_case(
            complaint=ComplaintFactory(),
            by=officer,
            employee=core.EmployeeFactory(),
            legal_article="PP 94",
        )
