"""Reports on the work the repository records: each officer's releases (the evidence a
pranata humas hands to the supervisor for the SKP) and each office's activity for the
central desk. A layer between `public` (sites and addresses) and `desk` (whose page for
the offices' report is made from here); nothing here is written to a public site."""
