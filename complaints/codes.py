"""Tracking codes and PINs handed to reporters.

A code reads like `ADU-7K3M-Q9XP`: eight random characters from Crockford's alphabet (no I, L,
O or U, so it is easy to read out), about 10^12 possibilities, never in sequence. The PIN is six
random digits, stored only as a keyed hash; wrong PINs lock the report for a while.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "ADU"
CODE_RE = re.compile(r"^ADU-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_tracking_code() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{PREFIX}-{chars[:4]}-{chars[4:]}"


def new_pin() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def normalise_code(raw: str) -> str:
    """What the reporter typed, made canonical: case, spaces, missing dashes, O for 0…"""
    text = re.sub(r"[^0-9A-Za-z]", "", raw or "").upper()
    if text.startswith(PREFIX):
        text = text[len(PREFIX) :]
    text = text.translate(_CONFUSABLE)
    if len(text) != 8:
        return ""
    code = f"{PREFIX}-{text[:4]}-{text[4:]}"
    return code if CODE_RE.match(code) else ""


def hash_pin(pin: str) -> str:
    """A salted HMAC of the PIN keyed with SECRET_KEY: a leaked database alone does not give
    the PINs away, and checking stays cheap under load (guessing online is stopped by the
    lockout). Django's password hashers (Argon2: ~100 MB and ~0.1 s each) would make the form
    the slowest page of the site for no gain on a six-digit secret."""
    salt = secrets.token_hex(8)
    return f"hmac-sha256${salt}${salted_hmac(salt, pin, algorithm='sha256').hexdigest()}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$", 2)
    except ValueError:
        return False
    if scheme != "hmac-sha256":
        return False
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(
        constant_time_compare(
            salted_hmac(salt, pin, secret=key, algorithm="sha256").hexdigest(), digest
        )
        for key in keys
    )
