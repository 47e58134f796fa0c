# SPDX-License-Identifier: EUPL-1.2
from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` and ``?page_size=`` (at most 1000), as partners pull whole catalogues."""

    page_size_query_param = "page_size"
    max_page_size = 1000
