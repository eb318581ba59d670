"""graphmodel: who does what, with whom, in a public-sector action plan.

Read plans (CSV/XLSX) → build one networkx graph → list, analyse, present.
Names are loaded lazily so that ``graphmodel --help`` starts fast.
"""

__version__ = "0.1.0"

_API = (  # the names of graphmodel.api, in the order its __all__ lists them
    "read_registry",
    "read_plans",
    "build_graph",
    "measures",
    "actors",
    "resolve_actor",
    "ledger",
    "report",
    "report_data",
    "write_report",
    "Report",
    "EXAMPLE_PLAN",
    "measures_frame",
    "actors_frame",
    "findings_frame",
    "plan_from_frame",
    "extract",
    "Extract",
)


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'graphmodel' has no attribute {name!r}")


def __dir__():
    return sorted({*_API, "__version__"})
