"""Scheduled digests: subscriptions, the schedule math, the content of a digest and the
`digest` command. Pure use-case code; the clock process and the stores live under `bot/`."""
