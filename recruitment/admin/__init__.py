"""Admin of the selection for recruitment officers: thin, every change through the services.

Screens that change state are `ServiceAdmin`s (the write happens in a service), bulk actions are
`service_action`s that ask for confirmation first, and records that change elsewhere are
read-only. One module per seam.
"""

from . import applications, selections

__all__ = ["applications", "selections"]
