"""The longer builder bodies of the composition root (`bot/container.py`), one module per area,
so that the container keeps one short typed property per piece. Each function takes the
`Container` and imports its clients lazily, as the container does."""
