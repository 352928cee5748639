"""One composition root per CLI process: settings loaded once, logging configured once."""

from __future__ import annotations

import sys
from functools import lru_cache

from rich.console import Console
from rich.text import Text

from bot.container import Container
from bot.logging_setup import configure_logging
from bot.settings import load_settings
from handlers.errors import ConfigError

console = Console()
err_console = Console(stderr=True)


@lru_cache(maxsize=1)
def container() -> Container:
    try:
        settings = load_settings()
    except ConfigError as exc:
        err_console.print(Text(str(exc), style="red"), soft_wrap=True)
        sys.exit(2)
    configure_logging(settings.log_level, settings.data_dir)
    return Container(settings)
