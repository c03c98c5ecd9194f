"""Imported once, by the fork server that starts the worker processes (flows.run.workers): it loads
what every worker needs (spaCy's model, the gazetteer, the language model) before the workers
fork from it, so they start warm and share one copy of it instead of holding one each."""
import gc

from flows.run.workers import warm_up

warm_up()
gc.freeze()     # the collector leaves these objects alone, so forked workers keep sharing their pages
