"""Size caps, checked before anything is parsed (hostile input is expected)."""

MAX_RELEASE_BYTES = 256 * 1024
MAX_FRONT_MATTER_BYTES = 32 * 1024
MAX_REGISTRY_BYTES = 2 * 1024 * 1024
MAX_PAGE_BYTES = 256 * 1024
# Elements open at once in a rendered release body (quotes, lists, emphasis, HTML):
# rendering costs the square of it (see generator.content.bodydepth). Press releases nest a
# handful deep.
MAX_BODY_DEPTH = 100
