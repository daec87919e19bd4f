"""``python -m mentor_assistant`` runs the CLI."""

from mentor_assistant.cli import main

main()
