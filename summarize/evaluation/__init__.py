"""Scoring summaries against hand-labelled gold (`summarize-gold/1`)."""
