# SPDX-License-Identifier: EUPL-1.2
# Findings of closed cases per barrier (issue 6).

import django.db.models.deletion
import django.utils.timezone
import schakel.core.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0001_initial'),
        ('policy', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CaseBarrierFinding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('finding', models.CharField(choices=[('failed', 'faalde'), ('missing', 'ontbrak'), ('none', 'geen bevinding')], max_length=10, verbose_name='bevinding')),
                ('note', schakel.core.fields.EncryptedTextField(blank=True, verbose_name='toelichting')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='vastgelegd op')),
                ('barrier', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='case_findings', to='policy.barrier', verbose_name='barrière')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='barrier_findings', to='cases.case', verbose_name='casus')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vastgelegd door')),
            ],
            options={
                'verbose_name': 'bevinding uit casus',
                'verbose_name_plural': 'bevindingen uit casussen',
                'ordering': ['-recorded_at', '-id'],
                'indexes': [models.Index(fields=['case', 'barrier', '-recorded_at'], name='policy_case_case_id_7b80b3_idx')],
            },
        ),
    ]
