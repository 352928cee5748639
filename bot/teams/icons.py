"""Draws the two Teams app icons (committed under `bot/teams/appPackage/`; regenerate with
`ftadvisor teams icons`): a 192x192 colour icon and a 32x32 white-on-transparent outline icon.

Pillow is only needed to regenerate them (it comes with matplotlib, a project dependency).
"""

from __future__ import annotations

from pathlib import Path

ACCENT = (59, 91, 219, 255)  # #3B5BDB, the manifest's accentColor
WHITE = (255, 255, 255, 255)


def _dial(draw: object, box: tuple[int, int, int, int], colour: tuple[int, ...], width: int) -> None:
    """A tuning dial: a ring with a needle and a knob - "fine-tuning", drawn simply."""
    from PIL import ImageDraw

    assert isinstance(draw, ImageDraw.ImageDraw)
    x0, y0, x1, y1 = box
    draw.ellipse(box, outline=colour, width=width)
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    r = (x1 - x0) // 2
    draw.line([(cx, cy), (cx + int(r * 0.55), cy - int(r * 0.55))], fill=colour, width=width)
    k = max(2, width)
    draw.ellipse((cx - k, cy - k, cx + k, cy + k), fill=colour)
    for dx in (-0.75, 0.0, 0.75):  # scale ticks
        tx = cx + int(r * dx * 0.8)
        ty = cy - int(r * (0.8 if dx == 0 else 0.5))
        draw.ellipse((tx - k // 2, ty - k // 2, tx + k // 2, ty + k // 2), fill=colour)


def write_icons(folder: Path) -> tuple[Path, Path]:
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    color = Image.new("RGBA", (192, 192), ACCENT)
    _dial(ImageDraw.Draw(color), (48, 48, 144, 144), WHITE, 8)
    outline = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    _dial(ImageDraw.Draw(outline), (3, 3, 28, 28), WHITE, 2)
    color_path, outline_path = folder / "color.png", folder / "outline.png"
    color.save(color_path, optimize=True)
    outline.save(outline_path, optimize=True)
    return color_path, outline_path
