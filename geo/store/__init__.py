"""Batches you can trust: import an upload as one all-or-nothing batch, preview it, roll it back, list history.

Plots and plantings are versioned. A record already in the store with the same values is *unchanged*; the same key
with other values makes a new version (the old one is kept, superseded by the batch); anything else is *new*
(DATA-CONTRACT rule 7). Rolling a batch back deletes the versions it created and restores the ones it superseded.
The aggregates that figures are read from (plot_stats, cube_plantings, cube_plots) change in the same transaction:
what a write adds is added to them and what it takes away is subtracted, so a season's upload into a large store
costs what the upload costs, not a recount of the store.

The package's modules: ``batches`` (results, batch rows, history, version), ``importing`` (import, preview, check),
``plots``, ``plantings`` (and surveys), ``aggregates`` (the cube tables), ``rollback``, ``signoff`` (submitted
batches approved or rejected), and ``versions`` (writing versioned records, shared by the writers).
"""

from geo.store.batches import Batch, ImportResult, get_batch, history, sha256, version
from geo.store.importing import check, import_file, preview
from geo.store.plots import OVERLAP_WARN_SHARE, SAME_POINT_METRES
from geo.store.rollback import RollbackResult, rollback
from geo.store.signoff import Decision, approve, pending, reject, review, staged_upload, submitted

__all__ = [
    "OVERLAP_WARN_SHARE",
    "SAME_POINT_METRES",
    "Batch",
    "Decision",
    "ImportResult",
    "RollbackResult",
    "approve",
    "check",
    "get_batch",
    "history",
    "import_file",
    "pending",
    "preview",
    "reject",
    "review",
    "rollback",
    "sha256",
    "staged_upload",
    "submitted",
    "version",
]
