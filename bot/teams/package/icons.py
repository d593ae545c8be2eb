"""The two icons Teams requires, drawn with Pillow at build time (no binaries in the repository).

- color.png: 192x192, full colour: a white house with a leaf on the accent colour;
- outline.png: 32x32, the same house as a white outline on a fully transparent background (every visible pixel
  is white; only the alpha channel varies).
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

ACCENT = (46, 125, 50)  # #2E7D32, the manifest's accentColor
WHITE = (255, 255, 255, 255)
LEAF = (165, 214, 167, 255)
COLOR_SIZE = 192
OUTLINE_SIZE = 32
SUPERSAMPLE = 4


def _house(draw: ImageDraw.ImageDraw, size: int, *, outline_width: int = 0, fill=WHITE) -> None:
    """A house (roof and body) in a size x size square, scaled from a 32-unit design grid."""
    u = size / 32
    roof = [(16 * u, 5 * u), (28 * u, 15 * u), (4 * u, 15 * u)]
    body = [7 * u, 15 * u, 25 * u, 27 * u]
    if outline_width:
        draw.line(roof + [roof[0]], fill=fill, width=outline_width, joint="curve")
        draw.rectangle(body, outline=fill, width=outline_width)
        draw.rectangle([14 * u, 20 * u, 18 * u, 27 * u], outline=fill, width=outline_width)  # door
    else:
        draw.polygon(roof, fill=fill)
        draw.rectangle(body, fill=fill)


def color_icon() -> Image.Image:
    big = COLOR_SIZE * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), ACCENT + (255,))
    draw = ImageDraw.Draw(image)
    # the symbol in the central safe area (about 2/3 of the icon)
    margin = big // 6
    symbol = Image.new("RGBA", (big - 2 * margin,) * 2, (0, 0, 0, 0))
    _house(ImageDraw.Draw(symbol), symbol.width)
    image.alpha_composite(symbol, (margin, margin))
    u = (big - 2 * margin) / 32
    cx, cy = margin + 16 * u, margin + 22 * u  # a leaf on the door
    draw.ellipse([cx - 3.2 * u, cy - 4.5 * u, cx + 3.2 * u, cy + 4.5 * u], fill=ACCENT + (255,))
    draw.ellipse([cx - 2.2 * u, cy - 3.5 * u, cx + 2.2 * u, cy + 3.5 * u], fill=LEAF)
    draw.line([(cx, cy - 3.5 * u), (cx, cy + 3.5 * u)], fill=ACCENT + (255,), width=max(1, int(u * 0.6)))
    return image.resize((COLOR_SIZE, COLOR_SIZE), Image.Resampling.LANCZOS).convert("RGB")


def outline_icon() -> Image.Image:
    big = OUTLINE_SIZE * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (255, 255, 255, 0))
    _house(ImageDraw.Draw(image), big, outline_width=2 * SUPERSAMPLE)
    small = image.resize((OUTLINE_SIZE, OUTLINE_SIZE), Image.Resampling.LANCZOS)
    # resampling keeps white where alpha > 0, but make it exact: white everywhere, only alpha varies
    alpha = small.getchannel("A")
    result = Image.new("RGBA", small.size, (255, 255, 255, 0))
    result.putalpha(alpha)
    return result


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
