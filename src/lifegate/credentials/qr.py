# SPDX-License-Identifier: EUPL-1.2
"""QR codes as inline SVG (no image files, no JavaScript), labelled for screen readers."""

from __future__ import annotations

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str, label: str) -> SafeString:
    """An SVG QR code of `text`; the light modules are drawn so dark themes still scan."""
    svg = segno.make(text, error="m").svg_inline(scale=3, light="#fff", svgclass="lifegate-qr")
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(labelled)  # segno's own markup plus an escaped label
