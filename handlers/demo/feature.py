"""`demo` in chat (every adapter): side by side on a text, a batch run with progress, or a short how-to.

    demo                      -> what the demo does, with a sample input to try
    demo <text>               -> both arms on <text>, side by side
    demo sample               -> both arms on the pack's sample input
    demo eval [eval|offdist]  -> both arms over a labelled set of the pack, with a chart
Buttons / card actions: `demo.run` {"text"}, `demo.sample`, `demo.eval` {"set"}.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from handlers.demo.service import PACK_SPLITS, DemoService
from handlers.errors import BadInput
from handlers.models import Request, TextReply
from handlers.router import Context, command_word
from knowledge.demos.pack import PackError

_EVAL_WORDS = ("eval", "evaluate", "benchmark")
_PACK_FLAG = re.compile(r"(?:^|\s)--pack[ =](\S+)")
_PACK_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class DemoFeature:
    name = "demo"
    commands: tuple[str, ...] = ("demo",)
    action_prefix = "demo."

    def __init__(
        self,
        service: DemoService | Callable[[], DemoService],
        service_for: Callable[[str], DemoService] | None = None,
    ) -> None:
        # a provider defers loading the pack (a broken pack must not break the other commands)
        self._service = service
        self._service_for = service_for  # `--pack NAME`: a team's own trained pack (by name only)

    @property
    def service(self) -> DemoService:
        return self._service if isinstance(self._service, DemoService) else self._service()

    def claims(self, request: Request) -> bool:
        return command_word(request.text)[0] == "demo"

    def handle(self, request: Request, ctx: Context) -> Sequence[Any]:
        if request.action is not None:
            return self._action(request.action.name, request.action.value, ctx)
        word, rest = command_word(request.text)
        arg = rest if word == "demo" else request.text.strip()
        arg, service = self._with_pack(arg)
        head, _, tail = arg.partition(" ")
        if not arg or arg.lower() in ("help", "?"):
            return [self._intro()]
        if head.lower() in _EVAL_WORDS:
            return self._evaluate(tail.strip().lower() or "eval", ctx, service)
        if arg.lower() == "sample":
            return [service.side_by_side(service.pack.spec.sample)]
        return [service.side_by_side(arg)]

    def _with_pack(self, arg: str) -> tuple[str, DemoService]:
        """`... --pack NAME` (anywhere in the text) selects a pack by name; the rest is the input."""
        m = _PACK_FLAG.search(arg)
        if m is None or self._service_for is None:
            return arg, self.service
        name = m.group(1).lower()
        if not _PACK_NAME.match(name):
            raise BadInput("A pack name is lower-case letters, digits, '-' and '_' (see `ftadvisor pack list`).")
        try:
            service = self._service_for(name)
        except PackError:
            raise BadInput(f"I don't know a pack called `{name}`. Train one with `/ft-demo train`.") from None
        return (arg[: m.start()] + arg[m.end() :]).strip(), service

    def _action(self, name: str, value: dict[str, Any], ctx: Context) -> Sequence[Any]:
        if name == "demo.run":
            return [self.service.side_by_side(str(value.get("text", "")))]
        if name == "demo.sample":
            return [self.service.side_by_side(self.service.pack.spec.sample)]
        if name == "demo.eval":
            return self._evaluate(str(value.get("set", "eval")), ctx)
        raise BadInput("That demo button is no longer active. Type `demo` to start again.")

    def _evaluate(self, split: str, ctx: Context, service: DemoService | None = None) -> Sequence[Any]:
        service = service or self.service
        if split not in PACK_SPLITS:
            raise BadInput(f"I can run the demo over these sets: {', '.join(PACK_SPLITS)} (e.g. `demo eval offdist`).")
        examples, name = service.examples(split)
        total = len(examples)
        ctx.progress(
            f"Running both arms over the {total} examples of the {name}: this takes a minute or two. "
            "I'll post the numbers and a chart when it's done."
        )
        marks = {round(total * q) for q in (0.25, 0.5, 0.75)} - {0, total}

        def progress(done: int, n: int) -> None:
            if done in marks:
                ctx.progress(f"Demo evaluation: {done}/{n} examples done…")

        _, reply = service.evaluate(split, progress=progress)
        return [reply]

    def _intro(self) -> TextReply:
        pack = self.service.pack
        n_shots = len(pack.spec.prompts.few_shot.shots)
        return TextReply(
            text=(
                f"*Live demo: {pack.spec.title}.* I send the same input to two arms and show the "
                f"results side by side: a small model steered by a few-shot prompt ({n_shots} worked "
                "examples and the rules; the stronger of the prompted arms measured on this task, named "
                "with its model family in the reply), and a model fine-tuned on labelled examples, "
                "given only the input. You see each arm's output, whether it is valid JSON for the "
                "schema, latency, tokens and cost.\n"
                f"Try: `demo {pack.spec.sample}`\n"
                "Or `demo sample` for that ticket, `demo eval` to score both arms on the held-out set "
                "(accuracy, validity, latency, cost, with a chart), `demo eval offdist` for tickets "
                "written in other styles that the fine-tuned model never saw."
            ),
        )
