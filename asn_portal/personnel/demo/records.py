"""What the demo builder passes around, and what it reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Employee, FamilyMember, OrgUnit, Position, PositionHistory, RankHistory
from .catalogue import OpdSpec


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    password: str
    note: str = ""


@dataclass
class DemoResult:
    units: int
    positions: int
    employees: int
    family_members: int
    users: int
    accounts: list[DemoAccount]


@dataclass
class BuiltUnit:
    node: OrgUnit
    opd: OpdSpec
    is_root: bool
    head_level: str
    head_title: str
    head_position: Position | None = None


@dataclass
class DraftEmployee:
    """An employee not yet saved, with the records that follow it."""

    employee: Employee
    rank_records: list[RankHistory]
    position_record: PositionHistory
    family: list[FamilyMember] = field(default_factory=list)
    is_head: bool = False
