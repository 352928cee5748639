"""A finished training of a team's pack, as replies: the side-by-side table of both arms on their
held-out split (with its chart, drawn by the adapter's chart writer), posted as soon as it is known,
then the learning curve as a follow-up."""

from __future__ import annotations

from typing import Any

from handlers.demo.models import ArmMetrics, ArmSummary, DemoEvalReply
from handlers.models import TextReply
from knowledge.demos.pack import Pack


def eval_reply(pack: Pack, result: dict[str, Any]) -> DemoEvalReply | None:
    """Both arms' metrics on the eval split, from the worker's result (None without an evaluation)."""
    ev = result.get("eval", {}).get("eval")
    if not ev:
        return None
    shots = len(pack.spec.prompts.few_shot.shots)
    arms = {
        "base": ("Gemma 3 270M (base)", f"few-shot prompt ({shots} examples)"),
        "finetuned": ("Gemma 3 270M + your LoRA adapter", "minimal prompt"),
    }
    summaries = {
        role: ArmSummary(
            name=name, prompt_kind=kind, pricing="machine time", errors=int(ev.get("errors", {}).get(role, 0)),
            metrics=ArmMetrics.model_validate(ev[role]),
        )
        for role, (name, kind) in arms.items()
    }
    return DemoEvalReply(
        pack=pack.name, pack_title=pack.spec.title, dataset=f"your held-out examples ({pack.name})",
        n=int(ev["n"]), duration_s=float(ev.get("seconds", 0.0)), base=summaries["base"],
        finetuned=summaries["finetuned"],
    )


def curve_reply(result: dict[str, Any]) -> TextReply | None:
    points = result.get("curve") or []
    if not points:
        return None
    rows = "\n".join(
        f"• {p['fraction']:.0%} of your training examples ({p['n_train']}): {p['accuracy']:.0%}" for p in points
    )
    return TextReply(text=f"*Learning curve* (fine-tuned model, same held-out set):\n{rows}\n{result['reading']}")


def curve_next_reply(result: dict[str, Any]) -> TextReply | None:
    """Says the learning curve comes next (it is computed after the side-by-side result is out)."""
    phases = [str(p) for p in result.get("curve_next") or []]
    if not phases:
        return None
    return TextReply(
        text=f"Next, the learning curve: the same training on {' and '.join(phases)} of your examples, scored on "
        "the same held-out examples, to show whether more examples would help. It follows in this thread."
    )


def headline(pack: Pack, result: dict[str, Any]) -> str:
    """"measured on your data: +X points on N held-out examples" (the evidence assessments cite)."""
    ev = result.get("eval", {}).get("eval")
    if not ev:
        return f"Training of `{pack.name}` finished (no evaluation was run)."
    gain = (ev["finetuned"]["accuracy"] - ev["base"]["accuracy"]) * 100
    return (
        f"Training of `{pack.name}` finished. Measured on your data: {gain:+.0f} points on {ev['n']} held-out "
        f"examples (prompted base model {ev['base']['accuracy']:.0%}, fine-tuned {ev['finetuned']['accuracy']:.0%}). "
        f"Try it: `/ft-demo <text> --pack {pack.name}`."
    )
