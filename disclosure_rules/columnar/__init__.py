"""The columnar evaluator: a batch of cases as typed columns in, numpy arrays out, no Python per case.

The request clock of :mod:`disclosure_rules.clock`, folded for a whole batch
at once: the cases are columns (:class:`~.table.CaseTable`), the k-th event
of every case is applied in one step of numpy operations, grouped by the
effect its rule gives it (``events.yaml``), and the violation conditions of
``violations.yaml`` are compiled once into array predicates
(:mod:`.conditions`).  The answers are columns (:class:`~.output.Columns`),
turned into :class:`~disclosure_rules.result.Result` objects or table rows
only where asked.

It is never the reference.  Every case it is not sure of is marked and goes
to the fast batch path and the plain clock, exactly as
:mod:`disclosure_rules.clock.fast` hands cases on; ``tests/test_columnar.py``
proves on generated cases that every answer it gives is the plain clock's,
field for field.  numpy is needed (the ``columnar`` extra); without it the
batch paths run as before.
"""
