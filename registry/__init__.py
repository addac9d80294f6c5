"""Registry core: load, validate, reason over, store, import and export the dienstengraaf graph."""
