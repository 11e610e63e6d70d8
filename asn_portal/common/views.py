from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


@require_GET
def home(request):
    """The public home page: who the agency is, recruitment, complaints, login."""
    return render(request, "public/home.html")


@never_cache
@require_GET
def healthz(request):
    """JSON status of the database and broker; 503 when a dependency is down."""
    db = "ok" if health.database_ok() else "down"
    broker = health.broker_status()
    stuck = health.stuck_jobs() if db == "ok" else 0
    healthy = db == "ok" and broker != "down"
    status = "unhealthy" if not healthy else ("degraded" if stuck else "ok")
    return JsonResponse(
        {"status": status, "database": db, "broker": broker, "stuck_jobs": stuck},
        status=200 if healthy else 503,
    )
