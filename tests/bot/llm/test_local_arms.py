"""The embedded arms with the real model: Gemma 3 270M through llama.cpp, base and + the shipped LoRA."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from bot.demo_arms import build_demo_arms
from bot.llm.local_arms import MODEL_FILE, MODEL_SHA256, LlamaCppArm, ensure_base_model
from bot.settings import Settings
from handlers.demo.arms import DemoArms
from handlers.demo.runner import DemoRunner
from knowledge.demos import load_pack
from knowledge.hashing import file_sha256
from tests.support.demo_models import shared_data_dir

pytestmark = pytest.mark.slow
PACK = load_pack("ticket-triage")
EASY = [  # plain cases of the labelling rules, one per category
    "I was charged twice for Lumo Plus this month, please refund one of the charges",
    "The tracking for my order has not moved for 8 days, where is my parcel?",
    "I forgot my password and the reset email never arrives",
    "Just wanted to say the new app update is great, thanks!",
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_data_dir(tmp_path_factory)


@pytest.fixture(scope="module")
def arms(data_dir: Path) -> DemoArms:
    built = build_demo_arms(Settings(data_dir=data_dir, demo_prompt_arm="gemma"), PACK)  # type: ignore[call-arg]
    for setup in built:
        setup.arm.warm()  # type: ignore[attr-defined]
    return built


def test_model_is_assembled_once_and_hash_checked(data_dir: Path) -> None:
    path = ensure_base_model(data_dir / "models")
    assert path.name == MODEL_FILE and path.stat().st_size == 253_113_024
    assert file_sha256(path) == MODEL_SHA256


def test_two_arms_loading_at_once_assemble_the_model_safely(tmp_path: Path) -> None:
    """Both arms load in parallel on the first demo: only one may assemble the file, neither may fail."""
    from concurrent.futures import ThreadPoolExecutor

    models = tmp_path / "models"
    with ThreadPoolExecutor(max_workers=3) as pool:
        paths = list(pool.map(lambda _: ensure_base_model(models), range(3)))
    assert len(set(paths)) == 1 and file_sha256(paths[0]) == MODEL_SHA256
    assert [p.name for p in models.iterdir()] == [MODEL_FILE]  # no partial files left behind


def test_loading_both_arms_at_once_leaves_stdout_alone(data_dir: Path) -> None:
    """llama.cpp silences fds 1/2 while a model loads; two loads at once must not leave them silenced."""
    import os
    import sys

    before = (os.fstat(1).st_ino, os.fstat(2).st_ino, sys.stdout, sys.stderr)
    for _ in range(2):
        fresh = build_demo_arms(Settings(data_dir=data_dir), PACK)  # type: ignore[call-arg]
        threads = [threading.Thread(target=setup.arm.warm) for setup in fresh]  # type: ignore[attr-defined]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert (os.fstat(1).st_ino, os.fstat(2).st_ino, sys.stdout, sys.stderr) == before


def test_base_arm_with_the_few_shot_prompt_answers_in_the_schema(arms: DemoArms) -> None:
    runner = DemoRunner(PACK, arms)
    for text in EASY[:2]:
        out = runner.run_arm(arms.base, text)
        assert out.result.error is None
        assert out.parsed.valid, out.result.text
        assert out.result.prompt_tokens > 300  # instructions + examples
        assert 5 <= out.result.completion_tokens <= PACK.spec.generation.max_tokens
        assert out.result.text.rstrip().endswith("}")  # stopped right after the object


def test_finetuned_arm_with_the_minimal_prompt(arms: DemoArms) -> None:
    runner = DemoRunner(PACK, arms)
    outs = [runner.run_arm(arms.finetuned, text) for text in EASY]
    assert all(o.result.error is None and o.parsed.valid for o in outs), [o.result.text for o in outs]
    assert all(o.result.prompt_tokens < 60 for o in outs)
    categories = [o.parsed.value["category"] for o in outs if o.parsed.value]
    assert (
        sum(c == want for c, want in zip(categories, ["billing", "shipping", "account", "feedback"], strict=True)) >= 3
    )


def test_side_by_side_and_a_small_eval_with_both_real_arms(arms: DemoArms) -> None:
    runner = DemoRunner(PACK, arms)
    reply = runner.side_by_side(PACK.spec.sample)
    assert reply.base.valid and reply.finetuned.valid
    assert reply.base.prompt_tokens > 5 * reply.finetuned.prompt_tokens
    assert reply.base.cost_usd > 0 and reply.finetuned.cost_usd > 0
    run = runner.evaluate(PACK.examples("eval")[:4])
    assert run.errors == {"base": 0, "finetuned": 0}
    assert run.report.finetuned.valid_rate == 1.0


def test_greedy_output_is_deterministic(arms: DemoArms) -> None:
    runner = DemoRunner(PACK, arms)
    first = runner.run_arm(arms.finetuned, EASY[1]).result.text
    runner.run_arm(arms.finetuned, EASY[2])  # a different prompt in between (cache reuse)
    assert runner.run_arm(arms.finetuned, EASY[1]).result.text == first


def test_a_tampered_adapter_is_refused(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "adapter.gguf"
    shutil.copy(PACK.adapter_path, bad)
    with bad.open("r+b") as fh:
        fh.seek(-1, 2)
        last = fh.read(1)
        fh.seek(-1, 2)
        fh.write(bytes([last[0] ^ 0xFF]))
    arm = LlamaCppArm("tampered", data_dir / "models", lora_path=bad, lora_sha256=file_sha256(PACK.adapter_path))
    result = arm.complete("Ticket: hi\nLabel:", max_tokens=4, stop=["\n"])
    assert result.error is not None and "sha256" in result.error


def test_a_tampered_model_file_is_refused(tmp_path: Path, data_dir: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    (models / MODEL_FILE).write_bytes(b"GGUF not really")
    arm = LlamaCppArm("base", models)
    result = arm.complete("Ticket: hi\nLabel:", max_tokens=4, stop=["\n"])
    assert result.error is not None and "sha256" in result.error


def test_a_prompt_longer_than_the_context_is_an_arm_error(data_dir: Path) -> None:
    arm = LlamaCppArm("small", data_dir / "models", n_ctx=64)
    result = arm.complete("word " * 200, max_tokens=4, stop=["\n"])
    assert result.error is not None and "context" in result.error


def test_builds_with_amx_load_models_without_extra_buffer_types() -> None:
    """pip builds llama.cpp for the CPU it builds on; with AMX, decoding crashed (see avoid_amx_buffers)."""
    import llama_cpp.llama_cpp as lib

    from bot.llm.local_arms import avoid_amx_buffers

    has_amx = "AMX_INT8 = 1" in lib.llama_print_system_info().decode()
    assert avoid_amx_buffers() is has_amx
    assert lib.llama_model_default_params().use_extra_bufts is (not has_amx)
    assert avoid_amx_buffers() is has_amx  # idempotent
