"""Extraction: Lark parsers and Transformers that turn text into Mentions and Claims."""
