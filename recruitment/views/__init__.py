"""Recruitment pages: the public site, the applicant's pages and the verifiers' pages."""

from .applicant import (
    ApplicantLoginView,
    application_detail,
    application_submit,
    application_withdraw,
    apply,
    confirm,
    dashboard,
    document_download,
    document_upload,
    objection_file,
    profile,
    register,
)
from .public import (
    index,
    publication_detail,
    publication_payload,
    publication_pdf,
    selection_detail,
)
from .staff import formasi_export, verification_form, verification_queue

__all__ = [
    "ApplicantLoginView",
    "application_detail",
    "application_submit",
    "application_withdraw",
    "apply",
    "confirm",
    "dashboard",
    "document_download",
    "document_upload",
    "formasi_export",
    "index",
    "objection_file",
    "profile",
    "publication_detail",
    "publication_payload",
    "publication_pdf",
    "register",
    "selection_detail",
    "verification_form",
    "verification_queue",
]
