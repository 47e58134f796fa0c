# SPDX-License-Identifier: EUPL-1.2
"""Access-matrix rows for log-in security: the two-factor pages, the account's security page
and single sign-on. The matrix runs with the test settings, where two-factor authentication is
not enforced and single sign-on is not configured:

- the code page sends everyone who needs no code on (302); enrolment opens for every signed-in
  user (200; an empty POST shows the form again); the recovery-code page shows codes only right
  after they were made and otherwise sends people to the security page (302);
- the SSO start and return answer 404 while SSO is not configured.

With enforcement on, ``tests/accounts/test_twofactor_everywhere.py`` requests every row of this
matrix as an unverified coordinator and checks that only these pages answer.
"""

from __future__ import annotations

G, P, GP = ("GET",), ("POST",), ("GET", "POST")

ROUTES = {
    "accounts:2fa_verify": (None, GP),
    "accounts:2fa_setup": (None, GP),
    "accounts:2fa_codes": (None, G),
    "accounts:security": (None, GP),
    "accounts:sso_start": (None, G),
    "accounts:sso_callback": (None, G),
}

MATRIX = {
    "GET accounts:2fa_verify": {"anon": 302, "*": 302},
    "POST accounts:2fa_verify": {"anon": 302, "*": 302},
    "GET accounts:2fa_setup": {"anon": 302, "*": 200},
    "POST accounts:2fa_setup": {"anon": 302, "*": 200},
    "GET accounts:2fa_codes": {"anon": 302, "*": 302},
    "GET accounts:security": {"anon": 302, "*": 200},
    "POST accounts:security": {"anon": 302, "*": 302},
    "GET accounts:sso_start": {"anon": 404, "*": 404},
    "GET accounts:sso_callback": {"anon": 404, "*": 404},
}
