"""The Teams app package, and secrets kept out of logs."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.teams.auth import build_auth, missing_credentials
from bot.teams.logsafe import install_redaction
from bot.teams.package import COMMANDS, SOURCE_DIR, PackageError, build_package, png_size
from handlers.errors import ConfigError
from tests.bot.conftest import make_settings

APP_ID = "0b7f3c2a-9d1e-4f5a-8b6c-7d8e9f0a1b2c"


def test_package_zip_has_manifest_and_icons_at_its_root(tmp_path: Path) -> None:
    out = build_package(tmp_path / "app.zip", app_id=APP_ID, version="1.2.3")
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(zf.read("manifest.json"))
        assert png_size(zf.read("color.png")) == (192, 192)
        assert png_size(zf.read("outline.png")) == (32, 32)
    assert (
        manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == APP_ID and manifest["version"] == "1.2.3"
    )
    assert "${{" not in json.dumps(manifest)
    bot = manifest["bots"][0]
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    [command_list] = bot["commandLists"]
    assert [c["title"] for c in command_list["commands"]] == list(COMMANDS)
    assert set(command_list["scopes"]) == {"personal", "team", "groupChat"}


def test_package_refuses_what_teams_would_reject(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="GUID"):
        build_package(tmp_path / "x.zip", app_id="not-a-guid")
    bad = tmp_path / "src"
    bad.mkdir()
    manifest = json.loads((SOURCE_DIR / "manifest.json").read_text())
    manifest["bots"][0]["commandLists"][0]["commands"].pop()  # lose "help"
    (bad / "manifest.json").write_text(json.dumps(manifest))
    (bad / "color.png").write_bytes((SOURCE_DIR / "outline.png").read_bytes())  # wrong size
    (bad / "outline.png").write_bytes((SOURCE_DIR / "outline.png").read_bytes())
    with pytest.raises(PackageError) as err:
        build_package(tmp_path / "y.zip", app_id=APP_ID, source=bad)
    assert "help" in str(err.value) and "192x192" in str(err.value)


def test_committed_icons_are_white_outline_and_colour() -> None:
    from PIL import Image

    outline = Image.open(io.BytesIO((SOURCE_DIR / "outline.png").read_bytes())).convert("RGBA")
    pixels = [tuple(outline.getpixel((x, y))) for x in range(32) for y in range(32)]  # type: ignore[arg-type]
    colours = {px[:3] for px in pixels if px[3] > 0}
    assert colours == {(255, 255, 255)}
    assert any(px[3] == 0 for px in pixels)


def test_production_needs_credentials_and_anonymous_is_explicit(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        build_auth(make_settings(tmp_path))
    assert "TEAMS_APP_ID" in str(err.value) and "TEAMS_APP_PASSWORD" in str(err.value)
    assert missing_credentials(make_settings(tmp_path, teams_app_id=APP_ID)) == [
        "TEAMS_APP_PASSWORD",
        "TEAMS_TENANT_ID",
    ]
    auth = build_auth(
        make_settings(
            tmp_path,
            teams_app_id=APP_ID,
            teams_app_password=SecretStr("pw-123456"),
            teams_tenant_id="tenant",
        )
    )
    assert not auth.anonymous and not auth.configuration.ANONYMOUS_ALLOWED and auth.host_validator.enabled
    anon = build_auth(make_settings(tmp_path, teams_anonymous=True))
    assert anon.anonymous and anon.configuration.ANONYMOUS_ALLOWED


def test_app_password_and_tokens_never_reach_the_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Zq8~s3cr3t.Value_Teams-Pass"
    logger = logging.getLogger("tests.teams.secret")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    try:
        install_redaction(make_settings(tmp_path, teams_app_password=SecretStr(secret)), logger)
        jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJib3QiLCJpc3MiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl"
        logger.warning("client secret %s and header Authorization: Bearer %s", secret, jwt)
        logger.warning("token %s", jwt)
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert secret not in text and "eyJhbGci" not in text
    assert text.count("[redacted]") >= 3


@pytest.mark.slow
def test_the_app_package_ships_in_the_wheel(tmp_path: Path) -> None:
    """`teams package` reads the manifest and icons from the installed package, not a checkout."""
    root = Path(__file__).resolve().parents[3]
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path)]
    subprocess.run([*pip, str(root)], check=True, timeout=600, cwd=tmp_path)
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"bot/teams/appPackage/{n}" for n in ("manifest.json", "color.png", "outline.png")} <= names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys; from pathlib import Path; from bot.teams.package import build_package; "
        f"print(build_package(Path(sys.argv[1]), app_id='{APP_ID}'))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "app.zip")], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert set(zipfile.ZipFile(tmp_path / "app.zip").namelist()) == {"manifest.json", "color.png", "outline.png"}
