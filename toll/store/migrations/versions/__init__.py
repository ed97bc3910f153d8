"""One module per schema revision, oldest first (see toll/store/migrations/README)."""
