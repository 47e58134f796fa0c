# SPDX-License-Identifier: EUPL-1.2
"""Hash chain, step 2: link the events logged before the chain existed, in the order they were
written (by id), so the whole log, old rows included, is covered by ``schakel audit verify``."""

from django.db import migrations

GENESIS_HASH = "0" * 64


def chain_existing(apps, schema_editor) -> None:
    from schakel.audit.chain import HASHED_FIELDS, compute_hash

    event_model = apps.get_model("audit", "AccessEvent")
    head_model = apps.get_model("audit", "ChainHead")
    sequence, previous = 0, GENESIS_HASH
    for event in event_model.objects.order_by("id").iterator(chunk_size=2000):
        sequence += 1
        event.sequence, event.previous_hash = sequence, previous
        event.object_refs = [str(ref) for ref in (event.object_refs or [])]
        event.hash = compute_hash({name: getattr(event, name) for name in HASHED_FIELDS})
        event_model.objects.filter(pk=event.pk).update(
            sequence=sequence, previous_hash=previous, hash=event.hash,
            object_refs=event.object_refs)
        previous = event.hash
    head_model.objects.update_or_create(pk=1, defaults={"sequence": sequence, "hash": previous})


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_hash_chain"),
    ]

    operations = [
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
