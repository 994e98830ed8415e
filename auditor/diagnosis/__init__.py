"""Diagnosis: which figure to blame for a failed relation, and what it probably was."""
