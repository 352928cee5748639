"""What a team's file holds, in words: examples, labels, balance and problems (every adapter shows this).

One text for the terminal, Slack and Teams, so that a file is described the same way wherever it
was sent, and the problems read with their row numbers.
"""

from __future__ import annotations

from handlers.byot.upload import UploadedPack
from knowledge.demos.intake import Intake


def describe_intake(intake: Intake, *, max_values: int = 12) -> str:
    """A short report: counts, labels with their balance, warnings, then the problems (if any)."""
    lines = [f"*{intake.source}* ({intake.fmt.upper()}): {intake.rows} rows, {len(intake.examples)} usable examples."]
    for field, counts in intake.balance().items():
        shown = ", ".join(f"{v} {n}" for v, n in list(counts.items())[:max_values])
        more = f", and {len(counts) - max_values} more" if len(counts) > max_values else ""
        lines.append(f"• `{field}`: {len(counts)} labels ({shown}{more})")
    lines += [f"⚠ {w}" for w in intake.warnings]
    if intake.problems:
        lines.append(f"*{len(intake.problems)} problem(s) to fix before training:*")
        lines += [f"• {p}" for p in intake.problem_lines()]
    return "\n".join(lines)


def describe_upload(upload: UploadedPack) -> str:
    """What an uploaded file holds, why it could not be packed (if so), and whether its pack is ready
    to train on; each adapter adds how to start the training (a button, a reply)."""
    text = describe_intake(upload.intake)
    if upload.problems:
        text += "\n*Problems to fix before training:*\n" + "\n".join(f"• {p}" for p in upload.problems)
    if not upload.ready:
        return text + "\nFix these and send the file again."
    return text + f"\nPack `{upload.pack_name}` is ready."
