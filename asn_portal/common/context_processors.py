from django.conf import settings


def agency(request):
    """The agency's name and region for every page header and footer."""
    return {
        "AGENCY_NAME": settings.AGENCY_NAME,
        "AGENCY_REGION": settings.AGENCY_REGION,
        "AGENCY_ADDRESS": settings.AGENCY_ADDRESS,
        "AGENCY_LOGO": settings.AGENCY_LOGO,
    }
