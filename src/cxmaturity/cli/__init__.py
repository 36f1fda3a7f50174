"""The `cxm` command line: everything scriptable, with clear errors and no tracebacks."""
