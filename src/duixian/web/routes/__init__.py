"""The routes, one module per page family, each a module-level ``APIRouter`` added by ``create_app``.

Within a module a JSON twin is registered before its page: ``/reports/{ref}`` would otherwise swallow
``/reports/3.json``.  Route modules reach the engine, templates and helpers through ``ctx: Ctx``
(:mod:`duixian.web.context`), never through app.py.
"""
