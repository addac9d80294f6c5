"""HTTP API of the registry (SPARQL endpoint, linked data, content API)."""
