"""Values passed between stages: spans, intervals, mentions, claims, facts."""
