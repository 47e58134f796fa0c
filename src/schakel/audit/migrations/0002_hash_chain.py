# SPDX-License-Identifier: EUPL-1.2
"""Hash chain, step 1: the new columns (nullable for now) and the chain head table."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="accessevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now,
                                       editable=False, verbose_name="tijdstip"),
        ),
        migrations.AlterField(
            model_name="accessevent",
            name="action",
            field=models.CharField(choices=[("view", "inzien"), ("list", "lijst inzien"), ("search", "zoeken"), ("create", "aanmaken"), ("update", "wijzigen"), ("export", "exporteren"), ("login", "inloggen"), ("login_failed", "mislukte inlog"), ("logout", "uitloggen"), ("denied", "geweigerd"), ("delete", "verwijderen")], max_length=20, verbose_name="handeling"),
        ),
        migrations.AddField(
            model_name="accessevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True,
                                                 verbose_name="volgnummer"),
        ),
        migrations.AddField(
            model_name="accessevent",
            name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64,
                                   verbose_name="vorige hash"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accessevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64,
                                   verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("sequence", models.PositiveBigIntegerField(default=0,
                                                            verbose_name="laatste volgnummer")),
                ("hash", models.CharField(default="0" * 64, max_length=64,
                                          verbose_name="laatste hash")),
            ],
            options={
                "verbose_name": "kop van de logboekketen",
                "verbose_name_plural": "kop van de logboekketen",
            },
        ),
    ]
