"""One loaded model serves several LoRA trainings: `train_lora` leaves the model as it found it,
so a second training on it matches a training on a freshly built model (a tiny random Gemma 3)."""

from __future__ import annotations

from typing import Any

from bot.train.trainer import Encoded, LoraConfig, train_lora

DATA = [Encoded(ids=[2, 5, 6, 7, 8, 9], n_prompt=3), Encoded(ids=[2, 11, 12, 13, 14], n_prompt=3),
        Encoded(ids=[2, 20, 21, 22, 23, 24, 25], n_prompt=4)]
CFG = LoraConfig(steps=3, batch_size=2, warmup_steps=1, threads=1)


def tiny_gemma() -> Any:
    import torch
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig

    torch.manual_seed(0)
    config = Gemma3TextConfig(
        vocab_size=64, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2,
        num_key_value_heads=1, head_dim=16, max_position_embeddings=64, sliding_window=16,
        layer_types=["sliding_attention", "full_attention"],
    )
    return Gemma3ForCausalLM(config).float()


def test_training_twice_on_one_model_equals_training_a_fresh_one() -> None:
    import torch

    model = tiny_gemma()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    first = train_lora(model, DATA, CFG)
    after = model.state_dict()
    assert set(after) == set(before) and all(torch.equal(before[k], after[k]) for k in before)
    assert not [name for name, _ in model.named_modules() if "lora" in name]
    second = train_lora(model, DATA, CFG)
    fresh = train_lora(tiny_gemma(), DATA, CFG)
    assert first.losses == second.losses == fresh.losses and len(fresh.losses) == 3
    assert set(second.state) == set(fresh.state)
    assert all(torch.equal(second.state[k], fresh.state[k]) for k in fresh.state)
    assert fresh.cpu_seconds > 0 and fresh.examples_seen == 5  # batches of 2 and 1, then 2
