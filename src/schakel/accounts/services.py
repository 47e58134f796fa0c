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


def add_missing_role_permissions(**kwargs) -> None:
    """After ``migrate``: give existing role groups the permissions a new version added to the
    role table, without taking away what a functional administrator granted or removed by
    hand for other permissions. Runs after every app's migrations (post_migrate)."""
    for role in ROLES:
        group = Group.objects.filter(name=role.code).first()
        if group is None:
            continue
        present = set(group.permissions.values_list("content_type__app_label", "codename"))
        for dotted in role.permissions:
            key = tuple(dotted.split(".", 1))
            if key not in present:
                permission = Permission.objects.filter(content_type__app_label=key[0],
                                                       codename=key[1]).first()
                if permission is not None:
                    group.permissions.add(permission)


def assign_role(user: User, role_code: str) -> None:
    """Put ``user`` in the group of ``role_code`` (the group must have been seeded)."""
    if role_code not in ROLE_BY_CODE:
        raise ValueError(f"unknown role {role_code!r}")
    user.groups.add(Group.objects.get(name=role_code))
