"""Documents of the training module: QR codes and the certificate PDF."""

from __future__ import annotations

from asn_portal.common.pdf import render_pdf

from .models import Certificate


def qr_svg(data: str, *, scale: int = 4) -> str:
    """An SVG QR code (segno, pure Python) for embedding in pages and PDFs."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="svg", scale=scale, xmldecl=False, border=2)
    return out.getvalue().decode()


def verification_url(request, certificate: Certificate) -> str:
    from django.urls import reverse

    path = reverse("training:certificate_verify", args=[certificate.code])
    return request.build_absolute_uri(path) if request is not None else path


def certificate_pdf(certificate: Certificate, *, request=None) -> bytes:
    enrolment = certificate.enrolment
    url = verification_url(request, certificate)
    return render_pdf(
        "training/pdf/certificate.html",
        {
            "certificate": certificate,
            "enrolment": enrolment,
            "employee": enrolment.employee,
            "session": enrolment.session,
            "program": enrolment.session.program,
            "verify_url": url,
            "qr": qr_svg(url, scale=3),
        },
    )
