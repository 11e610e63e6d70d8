"""Staff roles as groups with permissions; each module adds its permissions to ROLE_PERMISSIONS.

The groups are kept in sync after every `migrate`, so a role gains a new module's permissions
as soon as that module is installed.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

BKD_ADMIN = "Administrator BKD"
RECRUITMENT_OFFICER = "Petugas Rekrutmen"
APPRAISAL_OFFICER = "Petugas Penilaian Kinerja"
TRAINING_OFFICER = "Petugas Pengembangan Kompetensi"
REWARDS_OFFICER = "Petugas Penghargaan dan Disiplin"
PAYROLL_OFFICER = "Petugas Penggajian"
COMPLAINTS_OFFICER = "Petugas Pengaduan"
OPD_OPERATOR = "Operator OPD"
EMPLOYEE = "Pegawai"

STAFF_ROLES = (
    BKD_ADMIN,
    RECRUITMENT_OFFICER,
    APPRAISAL_OFFICER,
    TRAINING_OFFICER,
    REWARDS_OFFICER,
    PAYROLL_OFFICER,
    COMPLAINTS_OFFICER,
    OPD_OPERATOR,
)
ALL_ROLES = STAFF_ROLES + (EMPLOYEE,)

ROLE_LABELS = {
    BKD_ADMIN: _("BKD administrator"),
    RECRUITMENT_OFFICER: _("Recruitment officer"),
    APPRAISAL_OFFICER: _("Appraisal officer"),
    TRAINING_OFFICER: _("Training officer"),
    REWARDS_OFFICER: _("Rewards and discipline officer"),
    PAYROLL_OFFICER: _("Payroll officer"),
    COMPLAINTS_OFFICER: _("Complaints officer"),
    OPD_OPERATOR: _("OPD operator"),
    EMPLOYEE: _("Employee"),
}

_READ_PERSONNEL = [
    "personnel.view_employee",
    "personnel.view_orgunit",
    "personnel.view_rank",
    "personnel.view_position",
    "personnel.view_familymember",
    "personnel.view_rankhistory",
    "personnel.view_positionhistory",
]

# Role -> permissions as "app_label.codename", or "app_label.*" for every permission of an app.
# Permissions of apps that are not installed yet are skipped.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    BKD_ADMIN: [
        "personnel.*",
        "recruitment.*",
        "appraisal.*",
        "training.*",
        "rewards.*",
        "payroll.*",
        "complaints.*",
        "accounts.*",
        "common.*",
        "auditlog.view_logentry",
        "auth.view_group",
        "django_celery_beat.*",
    ],
    # Every module officer sees basic identity (the access matrix in personnel/access.py).
    RECRUITMENT_OFFICER: [
        "recruitment.*",
        "personnel.view_employee",
        "personnel.view_orgunit",
        "personnel.view_position",
    ],
    APPRAISAL_OFFICER: ["appraisal.*", *_READ_PERSONNEL],
    TRAINING_OFFICER: ["training.*", *_READ_PERSONNEL],
    REWARDS_OFFICER: ["rewards.*", *_READ_PERSONNEL],
    PAYROLL_OFFICER: ["payroll.*", *_READ_PERSONNEL],
    COMPLAINTS_OFFICER: ["complaints.*", "personnel.view_employee", "personnel.view_orgunit"],
    OPD_OPERATOR: [
        *_READ_PERSONNEL,
        "personnel.change_employee",
        "personnel.add_familymember",
        "personnel.change_familymember",
        "personnel.delete_familymember",
    ],
    EMPLOYEE: [],
}


def sync_roles() -> None:
    """Create the role groups and give each exactly its permissions."""
    from django.contrib.auth.models import Group, Permission

    all_perms = list(Permission.objects.select_related("content_type"))
    for role in ALL_ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for spec in ROLE_PERMISSIONS.get(role, []):
            app_label, codename = spec.split(".", 1)
            wanted += [
                p
                for p in all_perms
                if p.content_type.app_label == app_label and codename in ("*", p.codename)
            ]
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender, **kwargs) -> None:
    """Run once per `migrate`, after the last app has created its permissions."""
    from django.apps import apps

    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender.label == with_models[-1].label:
        sync_roles()


def has_role(user, role: str) -> bool:
    """Whether the user holds this role (group); the user's roles are read once per request."""
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return role in cache


def is_bkd_admin(user) -> bool:
    """Superusers and the Administrator BKD role: they may hand out temporary passwords."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    return user.is_superuser or has_role(user, BKD_ADMIN)
