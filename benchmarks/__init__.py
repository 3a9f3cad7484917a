# SPDX-License-Identifier: MIT
"""Benchmarks of mideastdata against its peers (not part of the installed package)."""

from __future__ import annotations

__all__: list[str] = []
