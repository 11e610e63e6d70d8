"""Building the demo organisation: OPDs, sub-units, head positions and shared positions."""

from __future__ import annotations

from ..models import OrgUnit, Position
from .catalogue import HEAD_GRADES, JOBS, OPDS, JobSpec, OpdSpec
from .records import BuiltUnit

# --- Building ----------------------------------------------------------------------------------


def opds_for(employees: int) -> list[OpdSpec]:
    """The OPDs to build: all of them, or for a small demo the first that fit in a third of it."""
    room = max(3, employees // 3)
    chosen, used = [], 0
    for opd in OPDS:
        size = 1 + len(opd.subunits)
        if used + size <= room:
            chosen.append(opd)
            used += size
    return chosen or [min(OPDS, key=lambda o: len(o.subunits))]


def shared_positions_create() -> dict[str, tuple[Position, JobSpec]]:
    """The functional and executor positions shared by all units, reused when they exist."""
    existing = {p.name: p for p in Position.objects.filter(unit__isnull=True)}
    created = []
    for job in JOBS:
        if job.name not in existing:
            position = Position(
                name=job.name,
                kind=job.kind,
                level=job.level,
                kelas_jabatan=job.kelas,
                retirement_age=job.retirement_age,
            )
            created.append(position)
            existing[job.name] = position
    Position.objects.bulk_create(created)
    return {job.name: (existing[job.name], job) for job in JOBS}


def units_create(opds: list[OpdSpec]) -> list[BuiltUnit]:
    """Root units with their sub-units (sorted by code, as the tree orders them) and heads."""
    units: list[BuiltUnit] = []
    for opd in sorted(opds, key=lambda o: o.code):
        root = OrgUnit.objects.add_root(
            create_kwargs={"code": opd.code, "name": opd.name, "kind": OrgUnit.Kind.OPD}
        )
        units.append(BuiltUnit(root, opd, True, opd.head_level, opd.head))
        for number, sub in enumerate(opd.subunits, start=1):
            node = OrgUnit.objects.add_child(
                root,
                create_kwargs={
                    "code": f"{opd.code}.{number:02d}",
                    "name": sub.name,
                    "kind": OrgUnit.Kind.SUBUNIT,
                },
            )
            units.append(BuiltUnit(node, opd, False, sub.level, sub.head))
    heads = []
    for unit in units:
        kelas, retirement_age = HEAD_GRADES[unit.head_level]
        unit.head_position = Position(
            name=unit.head_title,
            kind=Position.Kind.STRUCTURAL,
            level=unit.head_level,
            kelas_jabatan=kelas,
            retirement_age=retirement_age,
            unit=unit.node,
        )
        heads.append(unit.head_position)
    Position.objects.bulk_create(heads)
    for unit in units:
        unit.node.head_position = unit.head_position
    OrgUnit.objects.bulk_update([u.node for u in units], ["head_position"])
    return units
