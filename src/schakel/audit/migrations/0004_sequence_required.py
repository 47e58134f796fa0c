# SPDX-License-Identifier: EUPL-1.2
"""Hash chain, step 3: every event now has a place in the chain; make it required and unique."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0003_chain_existing_events"),
    ]

    operations = [
        migrations.AlterField(
            model_name="accessevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, unique=True,
                                                 verbose_name="volgnummer"),
        ),
    ]
