"""How the composition root builds demo services: one per pack, and in chat one per pack and
adapter version (a retrained adapter gets fresh arms). Kept apart from `bot/container.py`
because the per-version cache is more than a one-line property."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.container import Container
    from bot.settings import Settings
    from handlers.demo.service import DemoService


def demo_service_for(settings: Settings, pack_name: str, prompt_arm: str | None = None) -> DemoService:
    """`prompt_arm` (auto, gemma, smollm2): the prompted arm, overriding FTADVISOR_DEMO_PROMPT_ARM."""
    from bot.demo_arms import build_demo_arms
    from bot.demo_chart import MatplotlibChartWriter
    from handlers.demo.service import DemoService, check_pack
    from knowledge.demos.pack import load_pack

    pack = check_pack(lambda: load_pack(pack_name, search=[settings.data_dir / "packs"]))
    return DemoService(
        pack, lambda: build_demo_arms(settings, pack, prompt_arm=prompt_arm),
        out_dir=settings.data_dir / "demo", chart_writer=MatplotlibChartWriter(),
    )


def chat_demo_service(c: Container, pack_name: str) -> DemoService:
    """`demo ... --pack NAME` in chat: one service per pack and adapter version, cached on `c`."""
    from knowledge.demos.pack import load_pack

    pack = load_pack(pack_name, search=[c.settings.data_dir / "packs"])
    card = pack.adapter_card_path
    key = (pack_name, card.stat().st_mtime_ns if card.is_file() else 0)
    cache: dict[tuple[str, int], DemoService] = c.__dict__.setdefault("_chat_demo_services", {})
    if key not in cache:
        cache[key] = c.demo_service_for(pack_name)
    return cache[key]
