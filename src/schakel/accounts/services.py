# SPDX-License-Identifier: EUPL-1.2
"""Seeding roles as groups, and giving people a role."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from schakel.accounts.models import User
from schakel.accounts.roles import ROLE_BY_CODE, ROLES


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def seed_roles() -> list[Group]:
    """Create or update one group per role with exactly the permissions of the role table."""
    groups = []
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.code)
        group.permissions.set([_permission(p) for p in role.permissions])
        groups.append(group)
    return groups


def assign_role(user: User, role_code: str) -> None:
    """Put ``user`` in the group of ``role_code`` (the group must have been seeded)."""
    if role_code not in ROLE_BY_CODE:
        raise ValueError(f"unknown role {role_code!r}")
    user.groups.add(Group.objects.get(name=role_code))
