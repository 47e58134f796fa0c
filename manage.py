#!/usr/bin/env python
# SPDX-License-Identifier: EUPL-1.2
"""Django's manage.py; the ``schakel`` command is the friendlier entry point."""
import sys

from schakel.cli import main

if __name__ == "__main__":
    sys.exit(main())
