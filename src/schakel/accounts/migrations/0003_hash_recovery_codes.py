# SPDX-License-Identifier: EUPL-1.2
"""Recovery codes are kept as keyed hashes (schakel.accounts.twofactor.stored_code); codes
stored in plaintext by an earlier release (8 characters) are hashed in place."""

from django.db import migrations


def hash_plain_codes(apps, schema_editor):
    from schakel.accounts.twofactor import stored_code

    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all():
        if len(token.token) == 8:
            token.token = stored_code(token.token)
            token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_external_identity"),
        ("otp_static", "__latest__"),
    ]
    operations = [migrations.RunPython(hash_plain_codes, migrations.RunPython.noop)]
