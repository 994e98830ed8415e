"""Reporters: each module has one pure ``render(result) -> str``."""
