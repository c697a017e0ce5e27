"""Where the package's own files are: one definition, so that a module that moves folders
cannot lose its data (two did, in the layout move: their ``Path(__file__).parent / "data"``
pointed into the new subfolder)."""

from __future__ import annotations

from pathlib import Path

#: The ``framing/`` folder of this installation (a checkout or site-packages).
PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: Shipped data: trained weights, the accuracy figures.
DATA_DIR = PACKAGE_DIR / "data"
