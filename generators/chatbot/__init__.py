"""A Dutch answer engine over the registry graph that knows when not to answer."""
