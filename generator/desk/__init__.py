"""The editorial desk: curation commands, the inbox and the desk's pages."""
