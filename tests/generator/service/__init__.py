"""Tests of the resident service, `newsroom watch`."""
