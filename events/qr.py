"""The check-in QR code as an SVG data URI (an <img>, so no inline script or style reaches the page)."""

import segno


def qr_data_uri(text: str) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=5, border=2, dark="#000", light="#fff")
