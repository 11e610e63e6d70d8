"""Tunable limits of the public complaint pages; override any of them in settings as
`COMPLAINTS_<NAME>` (`COMPLAINTS_SUBMIT_LIMIT` is read from the environment)."""

from django.conf import settings


def get(name: str):
    return getattr(settings, f"COMPLAINTS_{name}", DEFAULTS[name])


DEFAULTS = {
    # Submissions per client address per window (seconds); a clear message when reached.
    "SUBMIT_LIMIT": 5,
    "SUBMIT_WINDOW": 3600,
    # Tracking attempts per client address per window, whatever the code.
    "TRACK_LIMIT": 20,
    "TRACK_WINDOW": 600,
    # Wrong PINs for one report before it is locked, and for how long (seconds).
    "PIN_MAX_FAILURES": 5,
    "PIN_LOCK_SECONDS": 900,
    # A form sent back faster than this (seconds) was not filled in by a person.
    "MIN_FILL_SECONDS": 3,
    # Attachments (their types and size: asn_portal.common.uploads.COMPLAINT_ATTACHMENT).
    "MAX_ATTACHMENTS": 3,
    # Possible duplicates: trigram similarity threshold and look-back (days).
    "DUPLICATE_THRESHOLD": 0.3,
    "DUPLICATE_DAYS": 90,
}
