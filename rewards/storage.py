"""Case evidence: private storage (see asn_portal.common.storage), served through the admin."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.urls import reverse
from django.utils.deconstruct import deconstructible

from asn_portal.common.storage import PrivateStorage


@deconstructible
class EvidenceStorage(PrivateStorage):
    def url(self, name):
        """The admin view that checks who may see the case before serving the file."""
        _app, _cases, case_id, filename = PurePath(name).parts
        return reverse("admin:rewards_disciplinarycase_evidence", args=[int(case_id), filename])


def evidence_storage() -> EvidenceStorage:
    return EvidenceStorage()


def evidence_path(instance, filename: str) -> str:
    """rewards/cases/<case id>/<random><ext>: the uploader's file name is not kept in the path."""
    return f"rewards/cases/{instance.case_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"
