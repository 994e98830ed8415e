"""The rule engine: relations between facts, evaluated with interval arithmetic."""
