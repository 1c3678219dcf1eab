"""The resident service (`newsroom watch`): webhooks, timers, syncs and builds in one process."""
