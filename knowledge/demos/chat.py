"""A pack's prompts as chat turns, for instruction-tuned arms that apply their own chat template.

The few-shot prompt becomes a system turn (the pack's instructions and a one-line answer rule),
one user / assistant pair per worked example (the input as the template writes it, the label as
canonical JSON) and the input as the last user turn. The minimal prompt is the input alone.
The same instructions and examples as the completion-style prompt: only the packaging differs.
"""

from __future__ import annotations

from knowledge.demos.pack import Pack, PromptName

ANSWER_RULE = "Answer with the JSON object only."


def chat_messages(pack: Pack, name: PromptName, text: str) -> list[dict[str, str]]:
    """Chat turns for `text` with the pack's `few_shot` or `minimal` prompt."""
    prompts = pack.spec.prompts
    if name == "minimal":
        return [{"role": "user", "content": prompts.minimal.fill(pack.normalize(text))}]
    few = prompts.few_shot
    messages = [{"role": "system", "content": f"{few.instructions.strip()}\n{ANSWER_RULE}"}]
    for shot in few.shots:
        messages.append({"role": "user", "content": few.fill(pack.normalize(shot.text))})
        messages.append({"role": "assistant", "content": pack.answer(shot.label).strip()})
    messages.append({"role": "user", "content": few.fill(pack.normalize(text))})
    return messages
