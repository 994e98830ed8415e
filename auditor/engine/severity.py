"""Severity of a finding; ordered so that ``ERROR > WARNING > INFO``."""

from __future__ import annotations

import enum


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> Severity:
        try:
            return cls[label.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {label!r} (expected error, warning or info)") from None
