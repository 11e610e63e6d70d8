"""Login throttling: django-axes per NIP/username and address, and per address across usernames.

Axes compares every lockout parameter combination with one failure limit. An address is shared by
a whole office behind NAT, so it gets its own, higher limit (`AXES_IP_FAILURE_LIMIT`): its count is
scaled onto the per-username limit. A successful sign-in clears only that username's failures, so
a password sprayer cannot reset the address count with one account they know.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class AddressAwareHandler(AxesDatabaseHandler):
    def _parameter_sets(self, request, credentials):
        username = get_client_username(request, credentials)
        return get_client_parameters(
            username, request.axes_ip_address, request.axes_user_agent, request, credentials
        )

    def get_failures(self, request, credentials=None) -> int:
        user_limit = settings.AXES_FAILURE_LIMIT
        address_limit = max(settings.AXES_IP_FAILURE_LIMIT, 1)
        failures = 0
        for filter_kwargs, attempts in zip(
            self._parameter_sets(request, credentials),
            self.get_user_attempts(request, credentials),
            strict=True,
        ):
            count = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            if "username" not in filter_kwargs:
                count = count * user_limit // address_limit
            failures = max(failures, count)
        return failures

    def reset_user_attempts(self, request, credentials=None) -> int:
        count = 0
        for filter_kwargs in self._parameter_sets(request, credentials):
            if "username" in filter_kwargs:
                count += AccessAttempt.objects.filter(**filter_kwargs).delete()[0]
        return count
