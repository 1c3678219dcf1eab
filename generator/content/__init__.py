"""The content model and its loading: schemas, releases, offices, curation file, sync state and run
records, problems and their wording.
"""
