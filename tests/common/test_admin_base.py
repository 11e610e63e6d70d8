"""The shared admin base: writes go through a service; a refusal re-renders the form."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import ValidationError

from asn_portal.common.admin_base import ReadOnlyAdminMixin, ServiceAdmin, service_action
from asn_portal.common.models import CollectiveLeaveDay
from tests import factories

calls = []


def leave_day_create(*, date, name, by):
    if date.year < 2020:
        raise ValidationError({"date": "Tanggal terlalu lama."})
    calls.append(by)
    return CollectiveLeaveDay.objects.create(date=date, name=name)


def leave_day_rename(*, obj, by):
    if obj.name.startswith("X"):
        raise ValidationError("Tidak boleh diubah.")
    obj.name = "Diubah " + obj.name
    obj.save()


class LeaveDayAdmin(ServiceAdmin):
    fields = ["date", "name"]
    actions = [service_action(leave_day_rename, description="Ubah nama")]

    def create(self, request, form):
        return leave_day_create(**form.cleaned_data, by=request.user)


class ViewOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_superuser=True, is_staff=True)


def _request(rf, user, data=None, path="/admin/common/collectiveleaveday/add/"):
    request = rf.post(path, data) if data is not None else rf.get(path)
    request.user = user
    request._dont_enforce_csrf_checks = True
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = FallbackStorage(request)
    return request


def test_adding_calls_the_service_with_the_acting_user(rf, superuser):
    calls.clear()
    model_admin = LeaveDayAdmin(CollectiveLeaveDay, admin.site)
    data = {"date": "2026-12-24", "name": "Natal", "_save": "1"}
    response = model_admin.changeform_view(_request(rf, superuser, data))
    assert response.status_code == 302
    assert calls == [superuser]
    assert CollectiveLeaveDay.objects.get(date=dt.date(2026, 12, 24)).name == "Natal"


def test_a_service_refusal_shows_the_form_again_with_the_message(rf, superuser):
    model_admin = LeaveDayAdmin(CollectiveLeaveDay, admin.site)
    data = {"date": "2019-12-24", "name": "Natal lama", "_save": "1"}
    response = model_admin.changeform_view(_request(rf, superuser, data))
    response.render()
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tanggal terlalu lama." in html
    assert "Natal lama" in html  # what the officer typed is kept
    assert not CollectiveLeaveDay.objects.exists()


def test_without_an_update_service_the_change_page_is_read_only(rf, superuser):
    day = factories.CollectiveLeaveDayFactory()
    model_admin = LeaveDayAdmin(CollectiveLeaveDay, admin.site)
    request = _request(rf, superuser)
    assert model_admin.has_add_permission(request) is True
    assert model_admin.has_change_permission(request, day) is False
    assert model_admin.has_delete_permission(request, day) is False


def test_read_only_mixin_refuses_every_write(rf, superuser):
    model_admin = ViewOnlyAdmin(CollectiveLeaveDay, admin.site)
    request = _request(rf, superuser)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_a_bulk_action_asks_first_and_then_reports_each_refusal(rf, superuser):
    good = factories.CollectiveLeaveDayFactory(date=dt.date(2026, 12, 24), name="Natal")
    bad = factories.CollectiveLeaveDayFactory(date=dt.date(2026, 12, 26), name="X-Natal")
    model_admin = LeaveDayAdmin(CollectiveLeaveDay, admin.site)
    action = model_admin.actions[0]
    queryset = CollectiveLeaveDay.objects.all()

    asked = action(model_admin, _request(rf, superuser, {"action": "x"}), queryset)
    asked.render()
    assert "2" in asked.content.decode()
    good.refresh_from_db()
    assert good.name == "Natal"  # nothing done before the confirmation

    request = _request(rf, superuser, {"action": "x", "confirmed": "yes"})
    assert action(model_admin, request, queryset) is None
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.name, bad.name) == ("Diubah Natal", "X-Natal")
    texts = [str(m) for m in request._messages]
    assert any("Tidak boleh diubah." in t for t in texts)
