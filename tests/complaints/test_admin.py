"""The agency's pages in the admin: who sees what, the handling actions, overdue, export."""

import datetime as dt

import pytest

from complaints import services
from complaints.models import Complaint, ComplaintEvent, Privacy

from .factories import ComplaintFactory, DisposedComplaintFactory
from .helpers import submit

pytestmark = pytest.mark.django_db
LIST = "/admin/complaints/complaint/"


def handle_url(complaint):
    return f"/admin/complaints/complaint/{complaint.pk}/handle/"


def test_officer_sees_every_report_in_the_list(client, officer):
    ComplaintFactory(subject="Laporan satu"), ComplaintFactory(subject="Laporan dua")
    client.force_login(officer)
    body = client.get(LIST).content.decode()
    assert "Laporan satu" in body and "Laporan dua" in body


def test_list_runs_a_bounded_number_of_queries(client, officer, django_assert_max_num_queries):
    for _n in range(20):
        ComplaintFactory()
    client.force_login(officer)
    with django_assert_max_num_queries(20):
        assert client.get(LIST).status_code == 200


def test_list_marks_what_is_overdue(client, officer):
    ComplaintFactory(due_on=dt.date(2020, 1, 6))
    client.force_login(officer)
    assert "06-01-2020 · " in client.get(LIST).content.decode()


def test_overdue_filter_shows_only_overdue_reports(client, officer):
    ComplaintFactory(subject="Sudah lewat", due_on=dt.date(2020, 1, 6))
    ComplaintFactory(subject="Masih lama", due_on=dt.date(2099, 1, 6))
    client.force_login(officer)
    body = client.get(LIST, {"deadline": "overdue"}).content.decode()
    assert "Sudah lewat" in body and "Masih lama" not in body


def test_operator_sees_only_reports_disposed_to_their_unit(client, operator, unit_tree):
    DisposedComplaintFactory(subject="Untuk dinas A", disposed_unit=unit_tree["A1"])
    DisposedComplaintFactory(subject="Untuk dinas B", disposed_unit=unit_tree["B"])
    ComplaintFactory(subject="Belum didisposisi")
    client.force_login(operator)
    body = client.get(LIST).content.decode()
    assert "Untuk dinas A" in body
    assert "Untuk dinas B" not in body and "Belum didisposisi" not in body


def test_operator_of_another_unit_cannot_open_the_report(client, other_operator, opd):
    complaint = DisposedComplaintFactory(disposed_unit=opd)
    client.force_login(other_operator)
    assert client.get(handle_url(complaint)).status_code == 404


def test_employee_cannot_open_the_handling_page(client, employee_user):
    client.force_login(employee_user)
    response = client.get(handle_url(ComplaintFactory()))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(handle_url(ComplaintFactory()))
    assert response.status_code == 302


def test_another_bkd_role_sees_no_complaints(client):
    from asn_portal.accounts import roles
    from tests import factories as core

    payroll = core.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER)
    client.force_login(payroll)
    assert client.get(handle_url(ComplaintFactory())).status_code in (403, 404)


def test_operator_does_not_see_a_confidential_reporters_identity(client, officer, opd, operator):
    complaint = submit(privacy=Privacy.CONFIDENTIAL, reporter_name="Rahasia Sekali").complaint
    services.complaint_verify(complaint=complaint, by=officer)
    services.complaint_dispose(complaint=complaint, by=officer, unit=opd)
    client.force_login(operator)
    page = client.get(handle_url(complaint)).content.decode()
    assert "Rahasia Sekali" not in page and "andi@example.com" not in page


def test_operator_cannot_reveal_a_confidential_identity(client, officer, opd, operator):
    complaint = submit(privacy=Privacy.CONFIDENTIAL).complaint
    services.complaint_verify(complaint=complaint, by=officer)
    services.complaint_dispose(complaint=complaint, by=officer, unit=opd)
    client.force_login(operator)
    assert client.post(handle_url(complaint), {"action": "reveal"}).status_code == 403


def test_officer_sees_a_confidential_identity_only_after_revealing_it(client, officer):
    complaint = submit(privacy=Privacy.CONFIDENTIAL, reporter_name="Rahasia Sekali").complaint
    client.force_login(officer)
    assert "Rahasia Sekali" not in client.get(handle_url(complaint)).content.decode()
    revealed = client.post(handle_url(complaint), {"action": "reveal"}).content.decode()
    assert "Rahasia Sekali" in revealed
    assert complaint.events.filter(kind=ComplaintEvent.Kind.IDENTITY_VIEW).count() == 1


def test_officer_sees_a_public_reporters_name(client, officer):
    complaint = submit(privacy=Privacy.PUBLIC, reporter_name="Nama Terbuka").complaint
    client.force_login(officer)
    assert "Nama Terbuka" in client.get(handle_url(complaint)).content.decode()


def test_handling_page_runs_a_bounded_number_of_queries(
    client, officer, django_assert_max_num_queries
):
    complaint = submit().complaint
    client.force_login(officer)
    with django_assert_max_num_queries(25):
        assert client.get(handle_url(complaint)).status_code == 200


def test_handling_page_suggests_a_duplicate(client, officer):
    first = ComplaintFactory(subject="Lampu jalan mati di Jalan Melati")
    second = ComplaintFactory(subject="Lampu jalan mati Jalan Melati")
    client.force_login(officer)
    assert first.tracking_code in client.get(handle_url(second)).content.decode()


def test_officer_verifies_and_disposes_through_the_page(client, officer, opd):
    complaint = ComplaintFactory()
    client.force_login(officer)
    client.post(handle_url(complaint), {"action": "verify", "verify-note": ""})
    client.post(handle_url(complaint), {"action": "dispose", "dispose-unit": opd.pk})
    complaint.refresh_from_db()
    assert (complaint.status, complaint.disposed_unit) == (Complaint.Status.DISPOSED, opd)


def test_operator_responds_through_the_page(client, operator, opd):
    complaint = DisposedComplaintFactory(disposed_unit=opd)
    client.force_login(operator)
    client.post(handle_url(complaint), {"action": "respond", "respond-message": "Sudah ditindak."})
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RESPONDED


def test_operator_cannot_verify_through_the_page(client, operator, opd):
    complaint = DisposedComplaintFactory(disposed_unit=opd)
    client.force_login(operator)
    assert client.post(handle_url(complaint), {"action": "verify"}).status_code == 400


def test_disposing_without_a_unit_answers_400_with_the_form(client, officer):
    complaint = services.complaint_verify(complaint=ComplaintFactory(), by=officer)
    client.force_login(officer)
    response = client.post(handle_url(complaint), {"action": "dispose", "dispose-unit": ""})
    assert response.status_code == 400


def test_merging_into_an_unknown_code_answers_400(client, officer):
    complaint = ComplaintFactory()
    client.force_login(officer)
    response = client.post(handle_url(complaint), {"action": "merge", "merge-into": "ADU-XXXX"})
    assert response.status_code == 400


def test_export_masks_a_confidential_identity(client, officer):
    complaint = submit(privacy=Privacy.CONFIDENTIAL, reporter_name="Rahasia Sekali").complaint
    client.force_login(officer)
    response = client.post(LIST, {"action": "export_csv", "_selected_action": [complaint.pk]})
    body = response.content.decode()
    assert complaint.tracking_code in body
    assert "Rahasia Sekali" not in body and "andi@example.com" not in body


def test_officer_opens_a_disciplinary_case_through_the_page(client, officer):
    from tests import factories as core

    employee = core.EmployeeFactory()
    complaint = services.complaint_verify(complaint=ComplaintFactory(), by=officer)
    client.force_login(officer)
    client.post(
        handle_url(complaint),
        {"action": "open_case", "open_case-nip": employee.nip, "open_case-legal_article": "PP 94"},
    )
    complaint.refresh_from_db()
    assert complaint.discipline_case.employee == employee
