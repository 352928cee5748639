"""The LoRA training loop (CPU): loss on answer tokens only, logits only at answer positions.

Gemma 3's vocabulary has 262k entries, so the output projection dominates a full forward pass;
the loop runs the transformer body, keeps the hidden states that predict answer tokens, and
applies `lm_head` to those rows only (about 15 per example instead of the whole sequence).
"""

from __future__ import annotations

import random
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

StepCallback = Callable[[int, int, float], None]  # (step, total, loss)


@dataclass(frozen=True)
class LoraConfig:
    steps: int = 100
    batch_size: int = 8
    learning_rate: float = 2e-3
    warmup_steps: int = 8
    r: int = 8
    alpha: int = 16
    dropout: float = 0.0
    targets: tuple[str, ...] = ("q_proj", "v_proj")
    seed: int = 0
    threads: int = 2


@dataclass
class TrainResult:
    state: dict[str, Any]  # peft LoRA tensors (lora_A / lora_B per target)
    losses: list[float] = field(default_factory=list)
    trainable_params: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # all threads of this process (the machine may be shared: wall time alone misleads)
    examples_seen: int = 0


@dataclass(frozen=True)
class Encoded:
    ids: list[int]
    n_prompt: int  # tokens before the answer; the loss covers ids[n_prompt:]


def encode_pairs(tokenizer: Any, pairs: Sequence[tuple[str, str]]) -> list[Encoded]:
    """Prompt with BOS (as llama.cpp tokenizes it) + answer tokenised on its own (as it is generated)."""
    out = []
    for prompt, answer in pairs:
        p = tokenizer(prompt, add_special_tokens=True)["input_ids"]
        a = tokenizer(answer, add_special_tokens=False)["input_ids"]
        out.append(Encoded(ids=list(p) + list(a), n_prompt=len(p)))
    return out


def train_lora(
    model: Any, data: Sequence[Encoded], cfg: LoraConfig, on_step: StepCallback | None = None
) -> TrainResult:
    """Train a fresh LoRA adapter on `model` and return its tensors; `model` is left as it came in
    (the adapter layers are removed again), so one loaded model serves several trainings."""
    import torch
    import torch.nn.functional as F
    from peft import LoraConfig as PeftLoraConfig
    from peft import get_peft_model, get_peft_model_state_dict

    if not data:
        raise ValueError("no training examples")
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    with warnings.catch_warnings():  # transformers 5 deprecation noise from inside peft
        warnings.filterwarnings("ignore", category=FutureWarning)
        peft_model = get_peft_model(
            model,
            PeftLoraConfig(
                r=cfg.r,
                lora_alpha=cfg.alpha,
                lora_dropout=cfg.dropout,
                target_modules=list(cfg.targets),
                bias="none",
                task_type="CAUSAL_LM",
            ),
        )
    trainable = [p for p in peft_model.parameters() if p.requires_grad]
    n_trainable = sum(p.numel() for p in trainable)
    body, lm_head = model.model, model.lm_head  # LoRA layers are injected in place
    softcap = getattr(model.config, "final_logit_softcapping", None)
    optimizer = torch.optim.AdamW(trainable, lr=cfg.learning_rate, weight_decay=0.0)

    def lr_at(step: int) -> float:  # linear warm-up, then linear decay to 10 %
        if step < cfg.warmup_steps:
            return (step + 1) / cfg.warmup_steps
        span = max(1, cfg.steps - cfg.warmup_steps)
        return 1.0 - 0.9 * (step - cfg.warmup_steps) / span

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_at)
    order = _batches([len(e.ids) for e in data], cfg.batch_size, cfg.steps, cfg.seed)
    pad = 0
    result = TrainResult(state={}, trainable_params=n_trainable)
    started, cpu_started = time.perf_counter(), time.process_time()
    peft_model.train()
    for step, idx in enumerate(order):
        batch = [data[i] for i in idx]
        width = max(len(e.ids) for e in batch)
        ids = torch.full((len(batch), width), pad, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        answer = torch.zeros((len(batch), width), dtype=torch.bool)
        for row, e in enumerate(batch):
            ids[row, : len(e.ids)] = torch.tensor(e.ids)
            mask[row, : len(e.ids)] = 1
            answer[row, e.n_prompt : len(e.ids)] = True
        hidden = body(input_ids=ids, attention_mask=mask).last_hidden_state
        # the state at position t predicts token t+1: keep the states that predict answer tokens
        select = answer[:, 1:]
        logits = lm_head(hidden[:, :-1][select])
        if softcap:
            logits = torch.tanh(logits / softcap) * softcap
        loss = F.cross_entropy(logits.float(), ids[:, 1:][select])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        result.losses.append(round(float(loss.item()), 5))
        result.examples_seen += len(batch)
        if on_step is not None:
            on_step(step + 1, cfg.steps, result.losses[-1])
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu_started
    peft_model.eval()
    result.state = {k: v.detach().clone() for k, v in get_peft_model_state_dict(peft_model).items()}
    peft_model.unload()  # the LoRA layers leave `model`: the next training starts from the base model again
    return result


def _batches(lengths: Sequence[int], size: int, steps: int, seed: int) -> list[list[int]]:
    """`steps` batches, epoch by epoch (every example once per epoch), seeded.

    Each epoch is shuffled, cut into chunks of 8 batches, and each chunk sorted by length before
    it is split, so a batch holds examples of similar length (less padding, faster steps); the
    order of the batches is shuffled again."""
    rng = random.Random(seed)
    n = len(lengths)
    size = min(size, n)
    out: list[list[int]] = []
    while len(out) < steps:
        order = list(range(n))
        rng.shuffle(order)
        epoch: list[list[int]] = []
        for start in range(0, n, size * 8):
            chunk = sorted(order[start : start + size * 8], key=lambda i: lengths[i])
            epoch += [chunk[j : j + size] for j in range(0, len(chunk), size)]
        rng.shuffle(epoch)
        out += epoch
    return out[:steps]
