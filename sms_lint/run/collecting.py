"""Start-up without the cyclic garbage collector, which it only slows down.

Importing some 100 modules and building the rule packs makes only objects that live until the
process ends (modules, classes, functions, rules), yet allocating them sets off dozens of
collections that walk them all and free nothing: 5-8 ms of a warm pre-commit run. The CLI
pauses the collector while it starts, and the collector is back once a command's real work
begins (:func:`resume`: before a check's stages, or as soon as another command is loaded).
Nothing is paused for code that does not start through the CLI.

When the process is sms-lint's own (:mod:`sms_lint.__main__`: the console script and
``python -m sms_lint``), the collector is paused before click loads, and what start-up made
is frozen as collecting resumes (``gc.freeze()``, :func:`own_process`): it lives until the
process ends, yet the first collection after the pause would walk all of it (~2 ms), and the
collection Python runs at exit would walk and free all of it in a process about to end (a
warm pre-commit run: ~10 ms of ~105, measured). Code that calls the CLI in its own process
(tests) keeps every object collectable.
"""

from __future__ import annotations

import gc

_paused = False
_freeze = False


def pause() -> None:
    """Stop collecting, if it was on, until :func:`resume`."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def own_process() -> None:
    """The process ends with the command: start-up's objects are frozen when collecting
    resumes."""
    global _freeze
    _freeze = True


def resume() -> None:
    """Collect again, if :func:`pause` stopped it (never turns on a collector a caller turned
    off)."""
    global _paused
    if _paused:
        _paused = False
        if _freeze:
            gc.freeze()
        gc.enable()
