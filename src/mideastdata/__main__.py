# SPDX-License-Identifier: MIT
"""``python -m mideastdata``: the command-line interface."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
