"""Hostile input: unicode, NUL, huge numbers, malformed dates, long strings."""

from hypothesis import strategies as st

# Surrogates cannot be encoded as UTF-8, so no client could send them.
UNICODE = st.characters(exclude_categories=("Cs",))

SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "00",
    "-0",
    "1.5",
    "1,5",
    "1e309",
    "NaN",
    "inf",
    "0x10",
    " 1 ",
    "9" * 40,
    str(2**63),
    str(-(2**63) - 1),
    "2026-02-30",
    "31-13-2026",
    "0000-00-00",
    "99999-01-01",
    "2026-13-45T25:61:61",
    "30/02/2026",
    "../../etc/passwd",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "%00",
    "%",
    "ADU-0000-0000",
    "１２３",
    "٣٤",
    "🙂",
    "\u202e\u200b",
    "\r\n",
    "on",
    "true",
    "null",
    "[]",
    "x" * 10_000,
    "ä" * 3_000,
]

DATES = st.tuples(
    st.integers(min_value=-1, max_value=99_999),
    st.integers(min_value=-1, max_value=99),
    st.integers(min_value=-1, max_value=99),
).flatmap(
    lambda t: st.sampled_from(
        [f"{t[0]}-{t[1]:02}-{t[2]:02}", f"{t[2]:02}-{t[1]:02}-{t[0]}", f"{t[2]}/{t[1]}/{t[0]}"]
    )
)

VALUES = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(UNICODE, max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    DATES,
)

# A value that fits in one URL path segment (the `str` and `slug` converters stop at "/").
SEGMENTS = st.one_of(
    st.sampled_from([s for s in SPECIAL if s and "/" not in s]),
    st.text(UNICODE.filter(lambda c: c != "/"), min_size=1, max_size=40),
)


def form_data(names):
    """Some of the form's fields, each with a hostile value."""
    names = sorted(set(names))
    if not names:
        return st.just({})
    return st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names))
