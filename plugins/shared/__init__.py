"""Helpers every plugin of this site may use: content problems, YAML with line numbers, dates."""
