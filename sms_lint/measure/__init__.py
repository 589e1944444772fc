"""Measured results kept in ``measurements`` records: what a record measures and its results
(``records``), and ``sms-lint measure``'s safe append to one (``write``, under ``lock``)."""
