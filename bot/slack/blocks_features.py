"""Imports the Block Kit builders of feature reply kinds so that they register with `blocks.render`."""

from bot.slack import blocks_assess, blocks_demo, blocks_digest  # noqa: F401
