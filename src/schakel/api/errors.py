# SPDX-License-Identifier: EUPL-1.2
"""API error answers: invalid input is a 400 with errors per field, never a 500."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from schakel.signals.workflow import TransitionError


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors":
                                                                          exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, TransitionError):
        return Response({"detail": str(exc), "allowed": list(exc.allowed)},
                        status=status.HTTP_409_CONFLICT)
    if isinstance(exc, PermissionError):
        return Response({"detail": "Geen toestemming voor deze handeling."},
                        status=status.HTTP_403_FORBIDDEN)
    return drf_exception_handler(exc, context)
