"""Private file storage for personal documents (applicants' files, evidence, attachments).

Files live under PRIVATE_MEDIA_ROOT/<area>, outside the web root, with no public URL: each
module serves them only through a view that checks who asks. The location is read from the
settings at each use, so tests can point it elsewhere.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    def __init__(self, area: str = "", **kwargs):
        self.area = area
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return os.path.join(str(settings.PRIVATE_MEDIA_ROOT), self.area)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None
