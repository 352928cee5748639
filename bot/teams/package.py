"""The Teams app package: `bot/teams/appPackage/manifest.json` + the two icons, zipped for upload.
They ship inside the Python package (read with `importlib.resources`), so `ftadvisor teams
package` works from an installed wheel as well as from a checkout.

The manifest in the repo carries the placeholder `${{TEAMS_APP_ID}}` (the Entra app id is also
the bot id and, for simplicity, the Teams app id); `build_package` fills it in, checks the rules
Teams enforces on upload (ids, lengths, icon sizes, command list) and writes the zip with the
three files at its root.
"""

from __future__ import annotations

import json
import re
import struct
import zipfile
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

SOURCE: Traversable = files("bot.teams") / "appPackage"
SOURCE_DIR = Path(__file__).resolve().parent / "appPackage"  # where `teams icons` redraws them in a checkout
APP_ID_PLACEHOLDER = "${{TEAMS_APP_ID}}"
COMMANDS = ("ask", "assess", "demo", "note", "digest", "help")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class PackageError(ValueError):
    """The manifest or an icon would be rejected by Teams; the message says what to fix."""


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, read from its IHDR chunk."""
    if not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise PackageError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def render_manifest(template: str, *, app_id: str, version: str | None = None) -> dict[str, Any]:
    """The manifest with the app id filled in (and the version, when given)."""
    manifest: dict[str, Any] = json.loads(template.replace(APP_ID_PLACEHOLDER, app_id))
    if version:
        manifest["version"] = version
    return manifest


def manifest_problems(manifest: dict[str, Any]) -> list[str]:
    """What Teams would reject on upload (the subset of its rules this app can break)."""
    problems: list[str] = []
    if not _GUID.match(str(manifest.get("id", ""))):
        problems.append("id must be a GUID: set TEAMS_APP_ID to the app (client) id")
    name = manifest.get("name", {})
    if not 0 < len(name.get("short", "")) <= 30:
        problems.append("name.short must be 1-30 characters")
    description = manifest.get("description", {})
    if not 0 < len(description.get("short", "")) <= 80:
        problems.append("description.short must be 1-80 characters")
    if not 0 < len(description.get("full", "")) <= 4000:
        problems.append("description.full must be 1-4000 characters")
    bots = manifest.get("bots") or []
    if len(bots) != 1:
        problems.append("exactly one bot expected")
        return problems
    bot = bots[0]
    if bot.get("botId") != manifest.get("id"):
        problems.append("bots[0].botId must equal the app id")
    for command_list in bot.get("commandLists", []):
        commands = command_list.get("commands", [])
        if len(commands) > 10:
            problems.append("a command list holds at most 10 commands")
        for command in commands:
            title, text = str(command.get("title", "")), str(command.get("description", ""))
            if not 0 < len(title) <= 32 or not 0 < len(text) <= 128:
                problems.append(f"command {title!r}: title <= 32 and description <= 128 characters")
    titles = {c.get("title") for cl in bot.get("commandLists", []) for c in cl.get("commands", [])}
    missing = [c for c in COMMANDS if c not in titles]
    if missing:
        problems.append("commandLists lack: " + ", ".join(missing))
    return problems


def icon_problems(color: bytes, outline: bytes) -> list[str]:
    problems = []
    if png_size(color) != (192, 192):
        problems.append("color.png must be 192x192")
    if png_size(outline) != (32, 32):
        problems.append("outline.png must be 32x32")
    return problems


def build_package(
    out: Path, *, app_id: str, version: str | None = None, source: Traversable | Path = SOURCE
) -> Path:
    """Write the upload zip (manifest.json, color.png, outline.png at its root) to `out`."""
    template = (source / "manifest.json").read_text(encoding="utf-8")
    manifest = render_manifest(template, app_id=app_id, version=version)
    icons = manifest.get("icons", {})
    color = (source / icons.get("color", "color.png")).read_bytes()
    outline = (source / icons.get("outline", "outline.png")).read_bytes()
    problems = manifest_problems(manifest) + icon_problems(color, outline)
    if problems:
        raise PackageError("; ".join(problems))
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        zf.writestr(icons.get("color", "color.png"), color)
        zf.writestr(icons.get("outline", "outline.png"), outline)
    return out
