"""LoRA training end to end (a few steps on a few examples) and the GGUF adapter llama.cpp loads."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.llm.local_arms import LlamaCppArm
from bot.settings import Settings
from bot.train.lora_gguf import gguf_tensor_name, write_lora_gguf
from bot.train.trainer import LoraConfig, _batches
from knowledge.demos import load_pack
from knowledge.hashing import file_sha256
from tests.support.demo_models import shared_data_dir

PACK = load_pack("ticket-triage")


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", "blk.0.attn_q.weight.lora_a"),
        ("base_model.model.model.layers.17.self_attn.v_proj.lora_B.weight", "blk.17.attn_v.weight.lora_b"),
        ("base_model.model.model.layers.3.mlp.down_proj.lora_A.default.weight", "blk.3.ffn_down.weight.lora_a"),
    ],
)
def test_peft_names_map_to_llama_cpp_names(key: str, name: str) -> None:
    assert gguf_tensor_name(key) == name


def test_unsupported_tensors_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        gguf_tensor_name("base_model.model.lm_head.lora_A.weight")


def test_gguf_adapter_layout(tmp_path: Path) -> None:
    import gguf

    state = {
        "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight": np.ones((8, 640), np.float32),
        "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight": np.zeros((1024, 8), np.float32),
    }
    path = write_lora_gguf(state, tmp_path / "a.gguf", alpha=16, metadata={"pack": "ticket-triage"})
    reader = gguf.GGUFReader(str(path))
    fields = {k: reader.fields[k] for k in ("general.type", "adapter.type", "adapter.lora.alpha", "ftadvisor.pack")}
    assert fields["general.type"].contents() == "adapter"
    assert fields["adapter.type"].contents() == "lora"
    assert fields["adapter.lora.alpha"].contents() == 16.0
    tensors = {t.name: list(t.shape) for t in reader.tensors}
    # ggml order: lora_a is {in, r}, lora_b is {r, out}
    assert tensors == {"blk.0.attn_q.weight.lora_a": [640, 8], "blk.0.attn_q.weight.lora_b": [8, 1024]}
    with pytest.raises(ValueError, match=r"no blk\.0\.attn_q\.weight\.lora_b"):
        write_lora_gguf(dict(list(state.items())[:1]), tmp_path / "b.gguf", alpha=16)


def test_batches_cover_every_example_each_epoch_and_group_lengths() -> None:
    lengths = [5, 50, 6, 49, 7, 48, 8, 47, 9, 46]
    batches = _batches(lengths, 2, 7, seed=1)
    assert len(batches) == 7
    assert sorted(i for b in batches[:5] for i in b) == list(range(10))  # one epoch = 5 batches
    by_length = sorted(range(10), key=lambda i: lengths[i])  # one chunk: batches are neighbours by length
    assert sorted(sorted(b) for b in batches[:5]) == sorted(sorted(by_length[j : j + 2]) for j in range(0, 10, 2))
    assert _batches(lengths, 2, 7, seed=1) == batches


@pytest.mark.slow
def test_a_short_training_run_end_to_end(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    from bot.train.finetune import run_finetune

    data_dir = shared_data_dir(tmp_path_factory)
    stages: list[str] = []
    steps: list[tuple[int, int, float]] = []
    cfg = LoraConfig(steps=3, batch_size=2, warmup_steps=1, learning_rate=1e-3)
    outcome = run_finetune(
        Settings(data_dir=data_dir),
        PACK,
        cfg,
        out_dir=tmp_path / "adapter",
        evaluate=False,
        limit=6,  # type: ignore[call-arg]
        on_stage=stages.append,
        on_step=lambda s, n, loss: steps.append((s, n, loss)),
    )
    assert [s for s, _, _ in steps] == [1, 2, 3] and all(n == 3 and loss > 0 for _, n, loss in steps)
    assert any("training LoRA" in s for s in stages)

    adapter = outcome.adapter_path
    assert adapter.name == "ticket-triage-lora.gguf" and adapter.stat().st_size > 100_000
    card = json.loads(outcome.card_path.read_text())
    assert card["adapter"]["sha256"] == file_sha256(adapter)
    assert card["data"]["train"]["sha256"] == PACK.data_sha256("train") and card["data"]["train"]["used"] == 6
    assert card["training"]["trainable_params"] == 368_640  # r=8 on q_proj and v_proj of 18 layers
    assert len(card["loss_curve"]) == 3
    assert (adapter.parent / "TRAINING_CARD.md").read_text().startswith("# Training card")

    # llama.cpp loads the adapter and generates with it
    arm = LlamaCppArm("trained", data_dir / "models", lora_path=adapter, lora_sha256=card["adapter"]["sha256"])
    result = arm.complete(PACK.prompt("minimal", "my parcel is late"), max_tokens=8, stop=["\n"])
    assert result.error is None and result.completion_tokens >= 1
