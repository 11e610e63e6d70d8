"""Setting up a selection: defaults, formasi within the approved seats, publishing the rules."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asn_portal.common.workflow import record_start, transition

from .. import selectors
from ..models import (
    SKB_CAT_WEIGHT_MAX,
    SKB_INTERVIEW_WEIGHT_MAX,
    SKB_OTHER_WEIGHT_MAX,
    Formasi,
    PassingGrade,
    Publication,
    RuleChange,
    Selection,
    Stage,
    TimelineStage,
)
from .errors import RecruitmentError

# What `selection_change_rules` may change on the selection itself.
RULE_FIELDS = (
    "skd_weight",
    "skb_weight",
    "skb_multiplier",
    "sanggah_days",
    "sanggah_answer_days",
    "min_age",
    "max_age",
    "age_reference_date",
)
GRADE_FIELDS = ("min_twk", "min_tiu", "min_tkp", "min_total")


@transaction.atomic
def selection_ensure_defaults(*, selection: Selection) -> None:
    """Give the selection the default passing grade of every category it lacks."""
    existing = set(selection.passing_grades.values_list("category", flat=True))
    PassingGrade.objects.bulk_create(
        PassingGrade(
            selection=selection,
            category=category,
            min_twk=twk,
            min_tiu=tiu,
            min_tkp=tkp,
            min_total=total,
        )
        for category, (twk, tiu, tkp, total) in selectors.DEFAULT_PASSING_GRADES.items()
        if category not in existing
    )


@transaction.atomic
def selection_create(
    *,
    name: str,
    slug: str,
    kind: str,
    approved_quota: int,
    age_reference_date: dt.date,
    timeline: dict[str, tuple[dt.date, dt.date]] | None = None,
    by=None,
    **fields,
) -> Selection:
    """Create a selection with the default passing grades and the given timeline."""
    selection = Selection.objects.create(
        name=name,
        slug=slug,
        kind=kind,
        approved_quota=approved_quota,
        age_reference_date=age_reference_date,
        **fields,
    )
    selection_ensure_defaults(selection=selection)
    for stage, (starts_on, ends_on) in (timeline or {}).items():
        TimelineStage.objects.create(
            selection=selection, stage=stage, starts_on=starts_on, ends_on=ends_on
        )
    record_start(selection, by=by)
    return selection


def _check_skb_weights(formasi: Formasi) -> None:
    caps = (
        (formasi.skb_cat_weight, SKB_CAT_WEIGHT_MAX, _("SKB-CAT")),
        (formasi.skb_interview_weight, SKB_INTERVIEW_WEIGHT_MAX, _("interview")),
        (formasi.skb_other_weight, SKB_OTHER_WEIGHT_MAX, _("other tests")),
    )
    for value, cap, label in caps:
        if value > cap:
            raise RecruitmentError(
                _("The %(part)s weight may be at most %(cap)d%%.") % {"part": label, "cap": cap}
            )
    if sum(value for value, _cap, _label in caps) == 0:
        raise RecruitmentError(_("At least one SKB component needs a weight."))


@transaction.atomic
def formasi_save(*, formasi: Formasi) -> Formasi:
    """Save a formasi; the quotas of a selection may not exceed its approved seats.

    The selection row is locked, so two officers adding formasi at once cannot overshoot.
    """
    selection = Selection.objects.select_for_update().get(pk=formasi.selection_id)
    _check_skb_weights(formasi)
    used = selectors.quota_used(selection, excluding=formasi.pk)
    if used + formasi.quota > selection.approved_quota:
        raise RecruitmentError(
            _(
                "The formasi quotas would total %(total)d seats, more than the %(approved)d "
                "approved for this selection."
            )
            % {"total": used + formasi.quota, "approved": selection.approved_quota}
        )
    formasi.save()
    return formasi


@transaction.atomic
def formasi_delete(*, formasi: Formasi) -> None:
    """Remove a formasi of a selection whose rules are not public yet."""
    selection = Selection.objects.select_for_update().get(pk=formasi.selection_id)
    if selection.rules_published_at is not None:
        raise RecruitmentError(_("The formasi are public: they can no longer be removed."))
    if formasi.applications.exists():
        raise RecruitmentError(_("Applicants chose this formasi: it cannot be removed."))
    formasi.delete()


# What the set-up form may change once the rules are public (the rules change through
# `selection_change_rules`, with a reason).
PUBLIC_SETUP_FIELDS = ("name", "description")


@transaction.atomic
def selection_update(*, selection: Selection, fields: dict, by) -> Selection:
    """Save the set-up of a selection; once its rules are public only its name and text."""
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    published = selection.rules_published_at is not None
    editable = {
        f.name
        for f in Selection._meta.concrete_fields
        if f.editable and f.name not in ("id", "status", "rules_published_at")
    }
    for name, value in fields.items():
        if name in editable and (not published or name in PUBLIC_SETUP_FIELDS):
            setattr(selection, name, value)
    selection.full_clean(validate_constraints=True)
    selection.save()
    selection_ensure_defaults(selection=selection)
    return selection


@transaction.atomic
def selection_publish_rules(*, selection: Selection, by, now: dt.datetime | None = None):
    """Make the rubric, weights, timeline and formasi public; only before registration opens."""
    now = now or timezone.now()
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    if selection.rules_published_at is not None:
        raise RecruitmentError(_("The rules of this selection are already published."))
    registration = selection.stages.filter(stage=Stage.REGISTRATION).first()
    if registration is None:
        raise RecruitmentError(_("Set the registration dates in the timeline first."))
    if timezone.localdate(now) >= registration.starts_on:
        raise RecruitmentError(
            _("The rules must be published before registration opens (%(date)s).")
            % {"date": registration.starts_on.strftime("%d-%m-%Y")}
        )
    if not selection.formasi.exists():
        raise RecruitmentError(_("Add the formasi before publishing the rules."))
    selection_ensure_defaults(selection=selection)
    transition(selection, Selection.Status.ANNOUNCED, by=by, changes={"rules_published_at": now})
    return selection


@transaction.atomic
def selection_close(*, selection: Selection, by) -> Selection:
    """Close a selection once its final results are published: it leaves the open list."""
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    if not selection.publications.filter(kind=Publication.Kind.FINAL).exists():
        raise RecruitmentError(_("Publish the final results before closing the selection."))
    transition(selection, Selection.Status.CLOSED, by=by)
    return selection


def _text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


@transaction.atomic
def selection_change_rules(*, selection: Selection, changes: dict, reason: str, by) -> int:
    """Change rules, weights or dates; after publication every change needs a reason.

    Keys: a selection field (RULE_FIELDS), "grade:<category>:<min_twk|…>" or
    "timeline:<stage>:<starts_on|ends_on>". Each effective change of a published selection is
    recorded (RuleChange) and shown on the public page. Returns how many values changed.
    """
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    reason = (reason or "").strip()
    published = selection.rules_published_at is not None
    if published and not reason:
        raise RecruitmentError(_("The rules are already public: give the reason for this change."))
    grades = {g.category: g for g in selection.passing_grades.all()}
    stages = {s.stage: s for s in selection.stages.all()}
    log: list[RuleChange] = []
    dirty: list = []
    changed = 0
    for key, new in changes.items():
        parts = key.split(":")
        if parts[0] in RULE_FIELDS and len(parts) == 1:
            target, attr, label = selection, parts[0], Selection._meta.get_field(parts[0])
            label = str(label.verbose_name)
        elif parts[0] == "grade" and len(parts) == 3 and parts[2] in GRADE_FIELDS:
            target = grades.get(parts[1])
            if target is None:
                raise RecruitmentError(_("Unknown category: %(c)s") % {"c": parts[1]})
            attr = parts[2]
            field_label = PassingGrade._meta.get_field(attr).verbose_name
            label = f"{target.get_category_display()}: {field_label}"
        elif parts[0] == "timeline" and len(parts) == 3 and parts[2] in ("starts_on", "ends_on"):
            target = stages.get(parts[1])
            if target is None:
                target = TimelineStage(selection=selection, stage=parts[1])
                target.starts_on = target.ends_on = new
                stages[parts[1]] = target
            attr = parts[2]
            label = f"{Stage(parts[1]).label}: {TimelineStage._meta.get_field(attr).verbose_name}"
        else:
            raise RecruitmentError(_("This rule cannot be changed here: %(key)s") % {"key": key})
        old = getattr(target, attr)
        if old == new and target.pk:
            continue
        setattr(target, attr, new)
        changed += 1
        if all(t is not target for t in dirty):
            dirty.append(target)
        if published:
            log.append(
                RuleChange(
                    selection=selection,
                    field=str(label)[:120],
                    old_value=_text(old)[:200],
                    new_value=_text(new)[:200],
                    reason=reason,
                    changed_by=by,
                )
            )
    if selection.skd_weight + selection.skb_weight != 100:
        raise RecruitmentError(_("The SKD and SKB weights must add up to 100%."))
    for target in dirty:
        if isinstance(target, TimelineStage) and target.ends_on < target.starts_on:
            raise RecruitmentError(_("A stage cannot end before it starts."))
    registration = stages.get(Stage.REGISTRATION)
    if published and registration is not None and registration in dirty:
        published_on = timezone.localdate(selection.rules_published_at)
        if registration.starts_on <= published_on:
            raise RecruitmentError(
                _(
                    "Registration must open after the rules were published (%(date)s): "
                    "applicants need the rules before they apply."
                )
                % {"date": published_on.strftime("%d-%m-%Y")}
            )
    for target in dirty:
        target.save()
    RuleChange.objects.bulk_create(log)
    return changed
