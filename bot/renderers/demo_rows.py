"""The metric rows every surface shows for a demo evaluation (terminal, Slack, Teams):
`(label, base arm, fine-tuned arm)`, one metric per row, in one order; and the arm labels they
share (model family, which prompted arm is the prompt side and why)."""

from __future__ import annotations

from handlers.demo.models import ArmMetrics, PromptArm


def model_label(name: str, family: str) -> str:
    """"SmolLM2-135M-Instruct (Q4_1) · SmolLM family": the family is always named."""
    return f"{name} \u00b7 {family} family" if family else name


def prompt_arm_line(arm: PromptArm | None) -> str | None:
    """Which prompted arm is the prompt side, why, and how to pick another one."""
    if arm is None:
        return None
    line = f"Prompt side: {arm.name} ({arm.family} family), {arm.reason}."
    if arm.alternatives:
        line += (f" Other prompted arm: {', '.join(arm.alternatives)} (FTADVISOR_DEMO_PROMPT_ARM or "
                 "`ftadvisor demo --prompt-arm`).")
    return line


def usd(x: float) -> str:
    """Dollars with enough digits for per-request costs of a fraction of a cent."""
    return f"${x:.6f}" if x < 0.01 else f"${x:.4f}"


def metric_rows(base: ArmMetrics, ft: ArmMetrics, *, precise: bool = False) -> list[tuple[str, str, str]]:
    """Lowercase labels; `precise` gives one decimal on percentages (the terminal has room for it)."""
    pct = ".1%" if precise else ".0%"
    rows = [("accuracy (all fields)", f"{base.accuracy:{pct}}", f"{ft.accuracy:{pct}}")]
    for name in sorted(set(base.field_accuracy) | set(ft.field_accuracy)):
        b, f = base.field_accuracy.get(name, 0.0), ft.field_accuracy.get(name, 0.0)
        rows.append((f"accuracy: {name}", f"{b:{pct}}", f"{f:{pct}}"))
    rows += [
        ("valid output", f"{base.valid_rate:{pct}}", f"{ft.valid_rate:{pct}}"),
        ("latency p50", f"{base.latency_p50_ms:,.0f} ms", f"{ft.latency_p50_ms:,.0f} ms"),
        ("latency p95", f"{base.latency_p95_ms:,.0f} ms", f"{ft.latency_p95_ms:,.0f} ms"),
        ("prompt tokens (avg)", f"{base.prompt_tokens_avg:,.0f}", f"{ft.prompt_tokens_avg:,.0f}"),
        ("completion tokens (avg)", f"{base.completion_tokens_avg:,.1f}", f"{ft.completion_tokens_avg:,.1f}"),
        ("cost / 1k requests", usd(base.cost_per_1k_requests), usd(ft.cost_per_1k_requests)),
    ]
    return rows
