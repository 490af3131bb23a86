"""Authoring: what perfctl writes into a store and how it keeps what people wrote.

- :mod:`.canonical`: the canonical form of a project file's values and key order;
- :mod:`.fmt`: reformatting an existing file without losing a comment or a chosen quote;
- :mod:`.spans`: rewriting single scalars in place, for edits that must not touch layout;
- :mod:`.safewrite`: every write of a project file (comment check, line endings, modeline);
- :mod:`.skeleton`: new projects from the framework skeletons in ``perfctl/skeletons/``;
- :mod:`.copy`: a project copied into a new budget year;
- :mod:`.scaffold`: the files ``perfctl init`` puts in a store.
"""
