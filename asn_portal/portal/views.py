from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from asn_portal.common import notifications
from asn_portal.common.pdf import pdf_response, render_pdf
from asn_portal.personnel import selectors as personnel

from .access import employee_required
from .cards import cards_for


def _profile_context(employee):
    return {
        "employee": employee,
        "supervisor": personnel.supervisor_of(employee),
        "rank_history": personnel.rank_history_for(employee),
        "position_history": personnel.position_history_for(employee),
        "family": personnel.family_of(employee),
    }


@require_GET
@employee_required
def dashboard(request, employee):
    employee = personnel.employee_list().get(pk=employee.pk)
    context = _profile_context(employee)
    context["cards"] = cards_for(request, employee)
    context["notifications"] = notifications.notifications_for(request.user)
    context["unread"] = notifications.unread_count(request.user)
    return render(request, "portal/dashboard.html", context)


@require_GET
@employee_required
def family_member(request, employee, pk):
    member = get_object_or_404(personnel.family_of(employee), pk=pk)
    return render(request, "portal/family_member.html", {"employee": employee, "member": member})


@require_GET
@employee_required
def profile_pdf(request, employee):
    employee = personnel.employee_list().get(pk=employee.pk)
    pdf = render_pdf("portal/profile_pdf.html", _profile_context(employee))
    return pdf_response(pdf, f"data-pegawai-{employee.nip}.pdf")


@require_POST
@employee_required
def notification_read(request, employee, pk):
    if not notifications.notification_mark_read(user=request.user, notification_id=pk):
        messages.warning(request, _("That notification was not found or is already read."))
    return redirect("portal:dashboard")
