"""What the bot knows: the curated corpus, the rubric, demo packs, and the code that loads,
chunks, embeds, indexes and retrieves them. Imports nothing from `handlers` or `bot`."""
