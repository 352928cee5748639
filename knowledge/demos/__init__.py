"""Demo task packs (prompted base model vs fine-tuned model): format, loader and output schemas."""

from knowledge.demos.pack import Example, Pack, PackError, builtin_packs, load_pack
from knowledge.demos.schemas import ParsedOutput, TicketTriage, parse_output

__all__ = [
    "Example",
    "Pack",
    "PackError",
    "ParsedOutput",
    "TicketTriage",
    "builtin_packs",
    "load_pack",
    "parse_output",
]
