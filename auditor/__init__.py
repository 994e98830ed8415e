"""auditor: audit earnings-call transcripts for numbers that do not add up."""

__version__ = "0.1.0"
