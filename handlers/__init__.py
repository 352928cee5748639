"""What the bot does: platform-neutral use cases (ask, assess, demo, note, digest).
A request model comes in, reply models go out. Never imports Slack or Microsoft SDKs."""
