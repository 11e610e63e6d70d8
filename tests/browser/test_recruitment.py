"""A citizen registers, confirms the email, applies, uploads documents and sees the status."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect

from asn_portal.personnel import identifiers
from recruitment.models import Application, Stage
from tests.recruitment.factories import PDF_BYTES, PNG_BYTES, FormasiFactory, SelectionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BIRTH = dt.date(1999, 5, 17)
PASSWORD = "Kata-Sandi-Kuat-99"


@pytest.fixture
def open_selection(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    today = timezone.localdate()
    timeline = {
        Stage.REGISTRATION: (today - dt.timedelta(days=2), today + dt.timedelta(days=10)),
        Stage.ADMINISTRATIVE: (today + dt.timedelta(days=11), today + dt.timedelta(days=15)),
    }
    selection = SelectionFactory(
        name="Seleksi CPNS Uji Peramban",
        slug="cpns-peramban",
        timeline=timeline,
        age_reference_date=today,
    )
    return FormasiFactory(selection=selection, code="PK-01")


def test_a_citizen_registers_applies_uploads_and_sees_the_status(
    live_server, page, open_selection, tmp_path
):
    nik = identifiers.build_nik("157101", BIRTH, identifiers.MALE, 42)

    page.goto(f"{live_server.url}/rekrutmen/daftar/")
    page.fill("input[name=nik]", nik)
    page.fill("input[name=name]", "Budi Santoso")
    page.select_option("select[name=sex]", "M")
    page.fill("input[name=birth_date]", BIRTH.isoformat())
    page.fill("input[name=email]", "budi@example.com")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/rekrutmen/masuk/$"))

    link = re.search(r"https?://\S+/rekrutmen/konfirmasi/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + link[link.index("/rekrutmen/") :])
    page.fill("input[name=username]", nik)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/rekrutmen/dasbor/$"))

    page.goto(f"{live_server.url}/rekrutmen/profil/")
    page.select_option("select[name=education_level]", "S1")
    page.fill("input[name=major]", "Informatika")
    page.fill("input[name=institution]", "Universitas Jambi")
    page.fill("input[name=ipk]", "3.51")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/rekrutmen/dasbor/$"))

    page.goto(f"{live_server.url}/rekrutmen/cpns-peramban/lamar/")
    page.select_option("select[name=formasi]", str(open_selection.pk))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/rekrutmen/lamaran/\d+/$"))

    pdf = tmp_path / "dokumen.pdf"
    pdf.write_bytes(PDF_BYTES)
    photo = tmp_path / "foto.png"
    photo.write_bytes(PNG_BYTES)
    for kind in ("ktp", "diploma", "transcript", "letter", "photo"):
        page.select_option("select[name=kind]", kind)
        page.set_input_files("input[name=file]", str(photo if kind == "photo" else pdf))
        page.locator("form[enctype] button[type=submit]").click()
        expect(page.locator(".alert-success")).to_be_visible()
    page.locator("form[action$='/kirim/'] button[type=submit]").click()

    with translation.override("id"):
        submitted = str(Application.Status.SUBMITTED.label)
    expect(page.locator("[data-testid=status]")).to_have_text(submitted)
    # Until verified, the applicant may still withdraw.
    expect(page.locator("[data-testid=withdraw]")).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path="/tmp/recruitment_application_375.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path="/tmp/recruitment_application_1366.png", full_page=True)
    page.goto(f"{live_server.url}/rekrutmen/dasbor/")
    expect(page.locator("[data-testid=status]")).to_have_text(submitted)
    expect(page.locator("main")).to_contain_text("PK-01")
    page.screenshot(path="/tmp/recruitment_dashboard.png", full_page=True)


def test_an_officer_changes_a_published_date_in_a_named_field_and_the_public_sees_it(
    live_server, browser, open_selection
):
    from asn_portal.accounts import roles
    from tests import factories

    factories.UserFactory(username="petugas-rekrutmen", role=roles.RECRUITMENT_OFFICER)
    selection = open_selection.selection
    admin = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900}).new_page()
    admin.set_default_timeout(15_000)
    admin.goto(f"{live_server.url}/admin/login/")
    admin.fill("input[name=username]", "petugas-rekrutmen")
    admin.fill("input[name=password]", factories.TEST_PASSWORD)
    admin.locator("#login-form [type=submit]").click()
    admin.goto(f"{live_server.url}/admin/recruitment/selection/{selection.pk}/rules/")

    new_end = timezone.localdate() + dt.timedelta(days=16)
    # The admin's date format in Indonesian: dd-mm-yyyy (or dd/mm/yyyy).
    admin.fill("input[name=timeline__administrative__ends_on]", new_end.strftime("%d-%m-%Y"))
    admin.fill("textarea[name=reason]", "Jumlah pelamar melebihi perkiraan")
    admin.screenshot(path="/tmp/recruitment_rules_form_1366.png", full_page=True)
    admin.locator("input[type=submit]").click()
    expect(admin.locator("ul.messagelist")).to_be_visible()

    public = browser.new_context(locale="id-ID", viewport={"width": 375, "height": 800}).new_page()
    public.goto(f"{live_server.url}/rekrutmen/{selection.slug}/")
    expect(public.locator("main")).to_contain_text("Jumlah pelamar melebihi perkiraan")
    expect(public.locator("main")).to_contain_text(new_end.strftime("%d-%m-%Y"))
    public.screenshot(path="/tmp/recruitment_public_rules_375.png", full_page=True)
