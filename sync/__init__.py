"""Bring every office's releases into the central repository (see `newsroom sync`)."""
