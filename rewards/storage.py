"""Private file storage for case evidence: outside the web root, served only through the admin.

Evidence lives under PRIVATE_MEDIA_ROOT, read at each use so tests may point it elsewhere.
"""

from __future__ import annotations

import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        """The admin view that checks who may see the case before serving the file."""
        from django.urls import reverse

        _app, _cases, case_id, filename = PurePath(name).parts
        return reverse("admin:rewards_disciplinarycase_evidence", args=[int(case_id), filename])


def evidence_path(instance, filename: str) -> str:
    """rewards/cases/<case id>/<random><ext>: the uploader's file name is not kept in the path."""
    return f"rewards/cases/{instance.case_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"
