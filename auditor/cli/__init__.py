"""Command line: ``auditor check`` and ``auditor scan``."""

from auditor.cli.main import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "main"]
