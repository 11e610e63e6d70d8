"""Every write of the recruitment module, one module per workflow; import them from here."""

from .applications import (
    applicant_confirm_email,
    applicant_register,
    applicant_update_profile,
    application_create,
    application_submit,
    application_withdraw,
    document_upload,
)
from .errors import RecruitmentError
from .publications import publication_notify, publication_publish
from .ranking import selection_rank_final, selection_rank_skd
from .reminders import recruitment_reminders_send
from .scores import ImportReport, scores_import
from .selections import (
    formasi_delete,
    formasi_save,
    selection_change_rules,
    selection_close,
    selection_create,
    selection_ensure_defaults,
    selection_publish_rules,
    selection_update,
)
from .verification import (
    conflict_declare,
    objection_answer,
    objection_file,
    verification_assign,
    verification_decide,
)

__all__ = [
    "ImportReport",
    "RecruitmentError",
    "applicant_confirm_email",
    "applicant_register",
    "applicant_update_profile",
    "application_create",
    "application_submit",
    "application_withdraw",
    "conflict_declare",
    "document_upload",
    "formasi_delete",
    "formasi_save",
    "selection_update",
    "objection_answer",
    "objection_file",
    "publication_notify",
    "publication_publish",
    "recruitment_reminders_send",
    "scores_import",
    "selection_change_rules",
    "selection_close",
    "selection_create",
    "selection_ensure_defaults",
    "selection_publish_rules",
    "selection_rank_final",
    "selection_rank_skd",
    "verification_assign",
    "verification_decide",
]
