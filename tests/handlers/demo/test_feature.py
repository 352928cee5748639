from __future__ import annotations

import json
from pathlib import Path

import pytest

from handlers.demo.arms import ArmSetup, DemoArms, Pricing
from handlers.demo.feature import DemoFeature
from handlers.demo.models import DemoEvalReply, DemoReply
from handlers.demo.service import DemoService
from handlers.models import Action, Request, TextReply
from handlers.router import Context, Router
from knowledge.demos import load_pack
from tests.handlers.demo.fakes import ScriptedArm

PACK = load_pack("ticket-triage")


class Fallback:
    name = "ask"
    commands: tuple[str, ...] = ("ask",)
    action_prefix = ""

    def claims(self, request: Request) -> bool:
        return False

    def handle(self, request: Request, ctx: Context) -> list[TextReply]:
        return [TextReply(text="asked")]


class FileChart:
    def __init__(self) -> None:
        self.drawn: list[DemoEvalReply] = []

    def write(self, reply: DemoEvalReply, path: Path) -> None:
        self.drawn.append(reply)
        path.write_bytes(b"\x89PNG fake")


def answer(ticket: str) -> str:
    return ' {"category": "shipping", "priority": "normal"}'


@pytest.fixture
def setup(tmp_path: Path):  # type: ignore[no-untyped-def]
    built: list[int] = []

    def provider() -> DemoArms:
        built.append(1)
        return DemoArms(
            base=ArmSetup("base", ScriptedArm("base", lambda t: "no idea"), "few_shot", Pricing(usd_per_hour=1)),
            finetuned=ArmSetup("finetuned", ScriptedArm("ft", answer), "minimal", Pricing(usd_per_hour=1)),
        )

    chart = FileChart()
    service = DemoService(PACK, provider, out_dir=tmp_path / "demo", chart_writer=chart)
    router = Router([DemoFeature(lambda: service)], fallback=Fallback())
    return router, service, chart, built


def test_demo_alone_explains_and_suggests_a_sample(setup) -> None:  # type: ignore[no-untyped-def]
    router, _, _, built = setup
    [reply] = router.handle(Request(text="demo"))
    assert isinstance(reply, TextReply)
    assert PACK.spec.sample in reply.text and "demo eval" in reply.text
    assert not built, "explaining must not load the models"


@pytest.mark.parametrize(
    "request_",
    [
        Request(text="demo my parcel never came"),
        Request(text="Demo my parcel never came"),
        Request(text="/ft-demo my parcel never came"),
        Request(text="my parcel never came", command="demo"),
        Request(action=Action(name="demo.run", value={"text": "my parcel never came"})),
    ],
)
def test_side_by_side_from_any_entry(setup, request_: Request) -> None:  # type: ignore[no-untyped-def]
    router, *_ = setup
    [reply] = router.handle(request_)
    assert isinstance(reply, DemoReply)
    assert reply.text == "my parcel never came"
    assert reply.finetuned.valid and not reply.base.valid


def test_sample(setup) -> None:  # type: ignore[no-untyped-def]
    router, *_ = setup
    for req in (Request(text="demo sample"), Request(action=Action(name="demo.sample"))):
        [reply] = router.handle(req)
        assert isinstance(reply, DemoReply) and reply.text == PACK.normalize(PACK.spec.sample)


def test_other_text_is_not_claimed(setup) -> None:  # type: ignore[no-untyped-def]
    router, *_ = setup
    assert router.handle(Request(text="demonstrate fine-tuning?"))[0].text == "asked"


def test_eval_posts_progress_then_numbers_and_chart(setup) -> None:  # type: ignore[no-untyped-def]
    router, _, chart, _ = setup
    messages: list[str] = []
    [reply] = router.handle(Request(text="demo eval"), Context(progress=messages.append))
    assert isinstance(reply, DemoEvalReply)
    n = len(PACK.examples("eval"))
    assert reply.n == n and reply.dataset == "ticket-triage eval set"
    assert reply.base.metrics.valid_rate == 0 and reply.finetuned.metrics.valid_rate == 1
    assert reply.base.name == "base" and reply.finetuned.prompt_kind == "minimal prompt"
    assert reply.chart_path and Path(reply.chart_path).read_bytes().startswith(b"\x89PNG")
    assert chart.drawn and chart.drawn[0].n == n
    assert messages[0].startswith(f"Running both arms over the {n} examples")
    assert any(f"/{n} examples done" in m for m in messages[1:])
    assert 2 <= len(messages) <= 4, "a few progress messages, not one per item"
    json.dumps(reply.model_dump(mode="json"))


def test_eval_offdist_and_bad_sets(setup) -> None:  # type: ignore[no-untyped-def]
    router, *_ = setup
    [reply] = router.handle(Request(action=Action(name="demo.eval", value={"set": "offdist"})))
    assert isinstance(reply, DemoEvalReply) and reply.dataset == "ticket-triage offdist set"
    for text in ("demo eval train", "demo eval /etc/passwd"):
        [warning] = router.handle(Request(text=text))
        assert isinstance(warning, TextReply) and warning.tone == "warning"
        assert "eval, offdist" in warning.text


def test_a_failing_chart_keeps_the_numbers(tmp_path: Path) -> None:
    class Broken:
        def write(self, reply: DemoEvalReply, path: Path) -> None:
            raise OSError("disk full")

    arms = DemoArms(
        base=ArmSetup("base", ScriptedArm("b", answer)), finetuned=ArmSetup("finetuned", ScriptedArm("f", answer))
    )
    service = DemoService(PACK, lambda: arms, out_dir=tmp_path, chart_writer=Broken())
    _, reply = service.evaluate("offdist")
    assert reply.chart_path is None and reply.chart_error and "OSError" in reply.chart_error
    assert reply.n == len(PACK.examples("offdist"))


def test_a_broken_pack_is_a_polite_error(tmp_path: Path) -> None:
    from handlers.demo.service import check_pack
    from handlers.errors import ConfigError
    from knowledge.demos.pack import load_pack as load

    with pytest.raises(ConfigError, match="FTADVISOR_DEMO_PACK"):
        check_pack(lambda: load("missing-pack"))

    def broken() -> DemoService:
        return DemoService(check_pack(lambda: load("missing-pack")), lambda: None, out_dir=tmp_path)  # type: ignore[arg-type,return-value]

    router = Router([DemoFeature(broken)], fallback=Fallback())
    [reply] = router.handle(Request(text="demo hello"))
    assert reply.kind == "error" and "configured" in reply.text


def test_pack_flag_selects_a_teams_own_pack(setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, service, _, _ = setup
    asked: list[str] = []

    def service_for(name: str) -> DemoService:
        asked.append(name)
        if name != "mine":
            from knowledge.demos.pack import PackError

            raise PackError("no such pack")
        return service

    router = Router([DemoFeature(lambda: service, service_for)], fallback=Fallback())
    [reply] = router.handle(Request(text="demo my parcel never came --pack mine"))
    assert isinstance(reply, DemoReply) and reply.text == "my parcel never came" and asked == ["mine"]
    [unknown] = router.handle(Request(text="demo hello --pack other"))
    assert "I don't know a pack called `other`" in unknown.text
    [bad] = router.handle(Request(text="demo hello --pack ../etc"))
    assert "A pack name is lower-case" in bad.text
