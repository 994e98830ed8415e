"""Identifier types of the vocabulary (re-exported by ``auditor.vocabulary.model``)."""

from typing import NewType

MetricId = NewType("MetricId", str)
QualifierId = NewType("QualifierId", str)
SegmentId = NewType("SegmentId", str)
ProfileId = NewType("ProfileId", str)
