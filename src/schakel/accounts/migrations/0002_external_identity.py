# SPDX-License-Identifier: EUPL-1.2
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ExternalIdentity",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("issuer", models.CharField(max_length=255, verbose_name="identiteitsprovider")),
                ("subject", models.CharField(max_length=255,
                                             verbose_name="kenmerk bij de provider")),
                ("created_at", models.DateTimeField(auto_now_add=True,
                                                    verbose_name="gekoppeld op")),
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                              related_name="external_identity",
                                              to=settings.AUTH_USER_MODEL,
                                              verbose_name="gebruiker")),
            ],
            options={
                "verbose_name": "externe identiteit",
                "verbose_name_plural": "externe identiteiten",
                "constraints": [models.UniqueConstraint(fields=("issuer", "subject"),
                                                        name="accounts_external_identity_unique")],
            },
        ),
    ]
