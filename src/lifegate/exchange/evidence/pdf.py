# SPDX-License-Identifier: EUPL-1.2
"""A one-page PDF of text lines (Helvetica, WinAnsi), enough for an evidence rendition.

Pure: no Django, no IO. Written by hand because one page of text does not need a library.
"""

from __future__ import annotations


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(title: str, lines: list[str]) -> bytes:
    parts = [b"BT /F1 16 Tf 72 770 Td (" + _escape(title) + b") Tj ET"]
    y = 740
    for line in lines:
        parts.append(b"BT /F1 11 Tf 72 %d Td (" % y + _escape(line) + b") Tj ET")
        y -= 18
    return b"\n".join(parts)


def render(title: str, lines: list[str]) -> bytes:
    """A valid PDF 1.4 file showing `title` and `lines` on an A4 page."""
    stream = _content(title, lines)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
