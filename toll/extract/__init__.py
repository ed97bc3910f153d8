"""Document -> claims: figures, mentions, attribution, dates. Pure: no I/O beyond loading the model."""
