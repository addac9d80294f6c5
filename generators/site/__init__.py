"""Static websites per municipality, generated from the registry graph."""
