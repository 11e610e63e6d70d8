"""Request hardening shared by every page."""

from django.core.exceptions import BadRequest


def _contains_nul(values) -> bool:
    return any("\x00" in value for value in values)


class RejectNulMiddleware:
    """Answers 400 for a NUL character in the path, query string, form data or cookies.

    Postgres refuses NUL in text, so such input would otherwise fail deep in a query (a 500).
    No legitimate browser request carries one. Uploaded files are not inspected: their content
    is bytes and their names are cleaned by the upload checks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._is_hostile(request):
            raise BadRequest("NUL character in the request")  # logged, never shown
        return self.get_response(request)

    @staticmethod
    def _is_hostile(request) -> bool:
        if "\x00" in request.path or "\x00" in request.path_info:
            return True
        if _contains_nul(request.COOKIES) or _contains_nul(request.COOKIES.values()):
            return True
        forms = [request.GET]
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            forms.append(request.POST)
        for data in forms:
            if _contains_nul(data.keys()) or _contains_nul(
                value for _key, values in data.lists() for value in values
            ):
                return True
        return False
