"""The rule-pack vocabulary: metrics, qualifiers, periods, directions, identities, profiles.

>>> vocabulary = load_vocabulary()
>>> vocabulary.lookup("Revenues").metric
'revenue'
"""

from auditor.vocabulary.expr import Expr, parse_expression
from auditor.vocabulary.ids import MetricId, ProfileId, QualifierId, SegmentId
from auditor.vocabulary.model import (
    Direction,
    Identity,
    Metric,
    MetricKind,
    MetricTerm,
    PeriodId,
    Phrase,
    PhraseCategory,
    Profile,
    Vocabulary,
    normalize_phrase,
)
from auditor.vocabulary.packs import load_vocabulary

__all__ = [
    "Direction",
    "Expr",
    "Identity",
    "Metric",
    "MetricId",
    "MetricKind",
    "MetricTerm",
    "PeriodId",
    "Phrase",
    "PhraseCategory",
    "Profile",
    "ProfileId",
    "QualifierId",
    "SegmentId",
    "Vocabulary",
    "load_vocabulary",
    "normalize_phrase",
    "parse_expression",
]
