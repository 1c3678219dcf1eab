"""The sync's limits on what one office may cost per run, in one place (no imports:
the CLI shows them as its options' defaults without loading the sync)."""

# Asset files (new or changed) one sync writes for one office, and their bytes, each
# distinct blob counted once; past them the rest wait, reported, for the next sync.
MAX_ASSETS_PER_SYNC = 1000
MAX_ASSET_BYTES_PER_SYNC = 512 * 1024 * 1024

# One name of an asset's path (a file or a folder), and how many folders deep under
# assets/: far below NAME_MAX (255 bytes) and PATH_MAX, for the temp and output files
# every later step names after it.
MAX_ASSET_NAME = 100
MAX_ASSET_DEPTH = 8

# Seconds for one office's feed and all its assets together: the sync lock is held for
# every office meanwhile, so a slow feed host must not hold it one asset at a time.
OFFICE_DEADLINE = 300.0
