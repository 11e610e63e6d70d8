"""Indonesian formats: rupiah with dots for thousands (Rp 2.785.700)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def rupiah(amount) -> str:
    """Whole rupiah, half-up, dots as thousands separators: 2785700 -> "Rp 2.785.700"."""
    if amount is None or amount == "":
        return ""
    value = Decimal(str(amount)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    digits = f"{abs(int(value)):,}".replace(",", ".")
    return f"{sign}Rp {digits}"
