"""The demo's PNG chart (matplotlib, Agg backend): accuracy, latency and cost per arm."""

from __future__ import annotations

from pathlib import Path

from handlers.demo.models import DemoEvalReply


class MatplotlibChartWriter:
    """Implements `handlers.demo.service.ChartWriter`."""

    def write(self, reply: DemoEvalReply, path: Path) -> None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        arms = [("base", reply.base), ("fine-tuned", reply.finetuned)]
        colors = ["#8c8c8c", "#2b7bba"]
        names = [f"{label}\n{s.prompt_kind}" for label, s in arms]
        fig, axes = plt.subplots(1, 3, figsize=(12, 4.2), constrained_layout=True)
        fig.suptitle(f"{reply.pack_title}: {reply.dataset} (n={reply.n})")

        ax = axes[0]
        acc = [s.metrics.accuracy * 100 for _, s in arms]
        valid = [s.metrics.valid_rate * 100 for _, s in arms]
        x = range(len(arms))
        ax.bar([i - 0.2 for i in x], acc, 0.4, color=colors, label="accuracy (all fields)")
        ax.bar([i + 0.2 for i in x], valid, 0.4, color=colors, alpha=0.4, label="valid JSON")
        for i, (a, v) in enumerate(zip(acc, valid, strict=True)):
            ax.text(i - 0.2, a + 1, f"{a:.0f}%", ha="center", fontsize=9)
            ax.text(i + 0.2, v + 1, f"{v:.0f}%", ha="center", fontsize=9)
        ax.set_ylim(0, 110)
        ax.set_ylabel("%")
        ax.set_title("Accuracy / valid output")
        ax.legend(loc="upper left", fontsize=8)

        ax = axes[1]
        p50 = [s.metrics.latency_p50_ms for _, s in arms]
        p95 = [s.metrics.latency_p95_ms for _, s in arms]
        ax.bar([i - 0.2 for i in x], p50, 0.4, color=colors, label="p50")
        ax.bar([i + 0.2 for i in x], p95, 0.4, color=colors, alpha=0.4, label="p95")
        ax.set_ylabel("ms per request")
        ax.set_title("Latency")
        ax.legend(loc="upper left", fontsize=8)

        ax = axes[2]
        cost = [s.metrics.cost_per_1k_requests for _, s in arms]
        ax.bar(list(x), cost, 0.5, color=colors)
        for i, c in enumerate(cost):
            ax.text(i, c, f"${c:.4f}", ha="center", va="bottom", fontsize=9)
        ax.set_ylabel("USD per 1,000 requests")
        ax.set_title("Cost")

        for ax in axes:
            ax.set_xticks(list(x))
            ax.set_xticklabels(names, fontsize=8)
        fig.savefig(path, dpi=110)
        plt.close(fig)
