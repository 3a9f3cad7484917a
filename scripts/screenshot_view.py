# SPDX-License-Identifier: MIT
"""Take the screenshot of the bundled dataset's evidence page that docs/viewing.md shows.

Writes the page with ``md.to_html``, opens it in Debian's headless Chromium (nothing is
downloaded; install it with ``apt-get install chromium``) with one statement selected, and
saves ``docs/viewing.png``. Run it again when the page or the bundled data changes:

    .venv/bin/python scripts/screenshot_view.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import mideastdata as md

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "viewing.png"
SELECTED = "stmt-hamas-armed-resistance"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--window-size=1400,860",
)


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "bundled.html"
        page.write_text(md.to_html(md.load()), encoding="utf-8")
        subprocess.run(  # noqa: S603 - the system Chromium on a page written here
            [chromium, *FLAGS, f"--user-data-dir={tmp}/profile", f"--screenshot={OUT}", f"{page.as_uri()}#{SELECTED}"],
            check=True, capture_output=True, timeout=120,
        )
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
