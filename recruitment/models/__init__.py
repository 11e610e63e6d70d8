"""Recruitment: the CASN selection (seleksi CPNS/PPPK) from formasi to published results.

CASN are candidate civil servants. A *formasi* is an approved vacancy (position, unit, quota).
Applicants are citizens with their own account (username = NIK, the national ID number).
Administrative verification marks each requirement MS (memenuhi syarat, eligible) or TMS
(tidak memenuhi syarat, not eligible); a TMS applicant may file one *sanggah* (objection).
SKD is the basic competency test (TWK, TIU, TKP), SKB the field test. One module per seam;
each workflow model declares its table of allowed moves (`workflow`); the moves are made by
`services`, ranking and reads live in `selectors.py`.
"""

from .applications import Applicant, Application, ApplicationDocument, private_storage
from .applications import _document_path as _document_path
from .publications import Publication, PublicationEntry
from .selections import (
    RESERVED_SLUGS,
    SKB_CAT_WEIGHT_MAX,
    SKB_INTERVIEW_WEIGHT_MAX,
    SKB_OTHER_WEIGHT_MAX,
    SKD_MAX,
    TIU_MAX,
    TKP_MAX,
    TWK_MAX,
    Announcement,
    Category,
    Education,
    Formasi,
    Kind,
    PassingGrade,
    RuleChange,
    Selection,
    Stage,
    TimelineStage,
)
from .verification import ConflictOfInterest, Objection, Requirement, VerificationDecision

__all__ = [
    "RESERVED_SLUGS",
    "SKB_CAT_WEIGHT_MAX",
    "SKB_INTERVIEW_WEIGHT_MAX",
    "SKB_OTHER_WEIGHT_MAX",
    "SKD_MAX",
    "TIU_MAX",
    "TKP_MAX",
    "TWK_MAX",
    "Announcement",
    "Applicant",
    "Application",
    "ApplicationDocument",
    "Category",
    "ConflictOfInterest",
    "Education",
    "Formasi",
    "Kind",
    "Objection",
    "PassingGrade",
    "Publication",
    "PublicationEntry",
    "Requirement",
    "RuleChange",
    "Selection",
    "Stage",
    "TimelineStage",
    "VerificationDecision",
    "private_storage",
]
