"""Content-Security-Policy on every page, with nonces and no 'unsafe-inline' (issue 11)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
# WeasyPrint renders these to PDF: no browser applies a policy to them.
PDF_TEMPLATES = {"pdf/letterhead.html"}
INLINE_STYLE = re.compile(r"""\sstyle\s*=|<style(?![^>]*\bnonce=)""", re.I)
INLINE_SCRIPT = re.compile(
    r"""<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*type="application/json")""", re.I
)
EVENT_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I)


def _html_templates():
    dirs = [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("asn_portal/*/templates")]
    for directory in dirs:
        for path in directory.rglob("*.html"):
            name = path.relative_to(directory).as_posix()
            if name in PDF_TEMPLATES or "/pdf/" in f"/{name}" or name.endswith("pdf.html"):
                continue
            yield name, path


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in header.split(";"))
        if part
    }


@pytest.mark.parametrize("url", ["/", "/pengaduan/", "/sertifikat/", "/akun/masuk/", "/nope/"])
def test_public_pages_carry_a_policy_without_unsafe_inline(client, url):
    directives = policy(client.get(url))
    assert directives["default-src"] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_portal_and_admin_pages_carry_the_policy(client):
    client.force_login(factories.EmployeeUserFactory(is_staff=True, is_superuser=True))
    for url in ("/portal/", "/admin/", "/admin/personnel/employee/"):
        assert "'unsafe-inline'" not in policy(client.get(url))["script-src"]


def test_the_nonce_in_the_policy_is_the_one_the_page_may_use(rf):
    from django.template import engines

    request = rf.get("/")
    from csp.middleware import CSPMiddleware

    def view(request):
        from django.http import HttpResponse

        html = engines["django"].from_string("<script nonce='{{ CSP_NONCE }}'></script>")
        return HttpResponse(html.render({}, request))

    response = CSPMiddleware(view)(request)
    nonce = re.search(r"nonce='([^']+)'", response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in policy(response)["script-src"]


def test_a_refused_visitor_gets_the_policy_too(client):
    response = client.get("/portal/")
    assert response.status_code == 302
    assert "Content-Security-Policy" in response


@pytest.mark.parametrize("name,path", sorted(_html_templates()), ids=lambda v: str(v))
def test_template_has_no_inline_style_script_or_event_handler(name, path):
    text = path.read_text()
    assert not INLINE_STYLE.search(text), f"{name}: style attribute or <style> without nonce"
    assert not INLINE_SCRIPT.search(text), f"{name}: inline <script> without nonce"
    assert not EVENT_HANDLER.search(text), f"{name}: inline event handler"
