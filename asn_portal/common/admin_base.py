"""One admin base for every screen that changes state: the admin collects input, a service writes.

- `ServiceAdmin`: add and change forms call `create(request, form)` / `update(request, obj,
  form)`, which call a service; without them the screen is read-only. A `ValidationError` from
  the service re-renders the form with the message and the officer's input, never a 500.
- `ReadOnlyAdminMixin`: view only (records that change through services elsewhere).
- `service_action(...)`: a bulk admin action that asks for confirmation (how many rows, which
  filter) and then calls a service once per selected row, each in its own savepoint.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .workflow import allowed_moves, status_history


def error_messages(exc: ValidationError) -> list[str]:
    """A ValidationError's messages as plain strings (dict errors flattened)."""
    if hasattr(exc, "error_dict"):
        return [str(m) for errors in exc.message_dict.values() for m in errors]
    return [str(m) for m in exc.messages]


class ReadOnlyAdminMixin:
    """View only: nothing is added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceAdmin(admin.ModelAdmin):
    """A ModelAdmin whose writes go through services.

    Subclasses define `create(self, request, form)` (returns the new object) and/or
    `update(self, request, obj, form)` (returns the object), each calling one service with
    `form.cleaned_data` and `by=request.user`. Without them, adding or changing is refused.
    Deleting is refused unless `delete(self, request, obj)` is defined.
    """

    def _defines(self, name: str) -> bool:
        return callable(getattr(self, name, None))

    def has_add_permission(self, request):
        return self._defines("create") and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._defines("update") and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._defines("delete") and super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        service_error = getattr(request, "_service_error", None)
        if service_error is None:
            return form_class

        class FormWithServiceError(form_class):
            def _post_clean(self):
                """Leave the stored object as it is: the page shows what was refused only in
                the form's fields, never as if it had been saved."""

            def clean(self):
                cleaned = super().clean()
                _add_error(self, service_error)
                return cleaned

        return FormWithServiceError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            if request.method != "POST" or getattr(request, "_service_error", None):
                raise
            # The service refused: run the view again; the form now carries the refusal as an
            # error, so the officer sees the message with everything they typed.
            request._service_error = exc
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_form(self, request, form, change):
        return form.instance  # the service builds and saves the object, not form.save()

    def save_model(self, request, obj, form, change):
        result = self.update(request, obj, form) if change else self.create(request, form)
        if result is not None and result is not obj:
            obj.pk = result.pk
            obj.__dict__.update(result.__dict__)

    # Inlines of plain records (an employee's family) may be saved by their formsets; inlines
    # of decisions are the service's business and stay read-only.
    inlines_saved_by_formsets = False

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            if self.inlines_saved_by_formsets:
                self.save_formset(request, form, formset, change=change)
            else:  # nothing saved here; the change message still asks what was
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def delete_model(self, request, obj):
        self.delete(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete(request, obj)


def _add_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


_ACTION_FIELDS = frozenset(
    {
        "csrfmiddlewaretoken",
        "action",
        "select_across",
        "index",
        "confirmed",
        helpers.ACTION_CHECKBOX_NAME,
    }
)


def service_action(
    service: Callable,
    *,
    description: str,
    done: str = gettext_lazy("%(count)d record(s) processed."),
    permissions: tuple[str, ...] = (),
    confirm: bool = True,
):
    """A bulk action calling `service(obj=obj, by=user)` per selected row, after confirmation.

    `permissions`, when given, name the ModelAdmin's `has_<name>_permission` checks that must
    pass for the action to be offered (Django's `allowed_permissions`); the service checks the
    rest, whoever calls it.

    Each row runs in its own savepoint: a refused row is reported with its reason and the
    others go through. The confirmation page names the count and the filter in force.
    """

    def action(modeladmin, request, queryset):
        if confirm and request.POST.get("confirmed") != "yes":
            return TemplateResponse(
                request,
                "admin/common/confirm_action.html",
                {
                    **modeladmin.admin_site.each_context(request),
                    "title": _("Are you sure?"),
                    "description": description,
                    "queryset": queryset,
                    "count": queryset.count(),
                    "opts": modeladmin.model._meta,
                    "scope": request.GET.urlencode() or _("no filter: the rows you ticked"),
                    "action_name": request.POST.get("action"),
                    "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                    "select_across": request.POST.get("select_across", "0"),
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                    # Fields of the action form (e.g. a reason) travel to the confirmed POST.
                    "carried": [
                        (name, value)
                        for name, value in request.POST.items()
                        if name not in _ACTION_FIELDS
                    ],
                },
            )
        succeeded, refused = 0, []
        for obj in queryset:
            try:
                with transaction.atomic():
                    service(obj=obj, by=request.user)
                succeeded += 1
            except ValidationError as exc:
                refused.append(f"{obj}: {' '.join(error_messages(exc))}")
        if succeeded:
            modeladmin.message_user(request, done % {"count": succeeded}, messages.SUCCESS)
        for line in refused[:20]:
            modeladmin.message_user(request, line, messages.ERROR)
        if len(refused) > 20:
            modeladmin.message_user(
                request,
                _("… and %(count)d more refused.") % {"count": len(refused) - 20},
                messages.ERROR,
            )
        return None

    action.short_description = description
    if permissions:  # Django hides an action whose allowed_permissions is empty
        action.allowed_permissions = permissions
    action.__name__ = getattr(service, "__name__", "service_action")
    return action


class WorkflowButtonsMixin:
    """Puts the moves the officer may make on the change page (`allowed_moves` in context)."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["allowed_moves"] = allowed_moves(obj, request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)


def status_history_html(obj):
    """A workflow object's recorded moves for an admin page: when, from → to (the statuses'
    display names), who ("sistem" for a task), and the note."""
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.html import format_html_join
    from django.utils.safestring import mark_safe

    if obj is None or obj.pk is None:
        return "—"
    rows = [
        (
            date_format(timezone.localtime(e.at), "SHORT_DATETIME_FORMAT"),
            e.from_label,
            e.to_label,
            e.by or _("system"),
            e.note,
        )
        for e in status_history(obj)
    ]
    if not rows:
        return "—"
    return format_html_join(mark_safe("<br>"), "{} · {} → {} · {} {}", rows)


class StatusHistoryAdminMixin:
    """Adds the read-only `history` field: the object's status changes (common.StatusEvent)."""

    @admin.display(description=gettext_lazy("status history"))
    def history(self, obj):
        return status_history_html(obj)
