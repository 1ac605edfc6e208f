"""How the project's own tools start Chromium (the browser tests, `make lighthouse`)."""

# Headless-friendly, and quiet: no updates, sync or background requests of its own.
QUIET_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
