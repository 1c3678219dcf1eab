"""The public sites: who shows what, view objects, rendering, the outputs, the writer and the
fingerprint.
"""
