# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "schakel.api"
    label = "api"

    def ready(self) -> None:
        """Encrypted fields are text columns in the database, but a birth year is a number and
        a matching record a JSON object in the API: tell DRF which serializer field to use."""
        from rest_framework import serializers

        from schakel.core.fields import EncryptedIntegerField, EncryptedJSONField

        mapping = serializers.ModelSerializer.serializer_field_mapping
        mapping[EncryptedIntegerField] = serializers.IntegerField
        mapping[EncryptedJSONField] = serializers.JSONField
