"""The MkDocs glue: the plugins, the generated configs and the build that drives MkDocs."""
