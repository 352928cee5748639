"""The `ftadvisor` command line. Each module registers its commands with `register(app)`."""
