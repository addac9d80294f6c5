"""Generators that turn the registry graph into pages and answers."""
