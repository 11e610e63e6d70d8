from django import template

from asn_portal.common.formatting import rupiah as format_rupiah

register = template.Library()


@register.filter
def rupiah(value):
    return format_rupiah(value)
