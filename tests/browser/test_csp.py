"""Under the Content-Security-Policy the main pages load without a single violation (issue 11)."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _watch_violations(page) -> list[str]:
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return violations


def _visit(page, url: str):
    response = page.goto(url)
    assert response.status < 400, url
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_load_state("load")


def test_public_pages_load_without_policy_violations(live_server, page):
    violations = _watch_violations(page)

    for path in ("/", "/pengaduan/", "/pengaduan/statistik/", "/sertifikat/"):
        _visit(page, f"{live_server.url}{path}")

    expect(page.locator("nav.navbar")).to_be_visible()
    assert violations == []


def test_portal_and_admin_pages_load_without_policy_violations(live_server, page):
    user = factories.EmployeeUserFactory(is_staff=True, is_superuser=True)
    violations = _watch_violations(page)
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", factories.TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/portal/")

    for path in (
        "/portal/",
        "/admin/",
        "/admin/personnel/employee/",
        f"/admin/personnel/employee/{user.employee.pk}/change/",
        "/admin/complaints/complaint/",
    ):
        _visit(page, f"{live_server.url}{path}")

    # The admin's own scripts still run: the change form's inlines got their "add" links.
    page.goto(f"{live_server.url}/admin/personnel/employee/{user.employee.pk}/change/")
    expect(page.locator(".add-row a").first).to_be_attached()
    assert violations == []


def test_a_blocked_inline_script_would_be_reported(live_server, page):
    """The watch works: an inline script added to a page does raise a violation message."""
    violations = _watch_violations(page)
    page.goto(f"{live_server.url}/")
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<script>window.x = 1</script>');"
        "const s = document.createElement('script'); s.textContent = 'window.y = 1';"
        "document.body.appendChild(s);"
    )
    page.wait_for_timeout(200)
    assert any("script-src" in v for v in violations)
