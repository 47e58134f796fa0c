# SPDX-License-Identifier: EUPL-1.2
"""Nothing of this app is in the admin: consent and export rows hold case data and are written
only through :mod:`schakel.exports.services`; the privacy officer sees exports in the access
log (``export:<id>``)."""
