"""Small tools with no knowledge of newsrooms: atomic files, compressed parts, worker processes,
the collector, the code hash.
"""
