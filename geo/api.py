"""The read API over HTTP: the public figures as JSON beside the app, on the same server and port (app.py mounts it
on Streamlit's st.App), and the security headers of every response.

Starlette, no Streamlit. What the figures are and which of their fields the public sees is geo.publicdata's; this
module only turns a request into a call of it and its answer into a response: parameters checked (400), an ETag from
the store's version and the query (304 on ``If-None-Match``), ``Cache-Control``, JSON errors for unknown addresses
(404) and methods (405), and for anything unexpected a 500 without a trace (the traceback goes to the server's log).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from geo import db, publicdata, survival
from geo.i18n import LANGS, t
from geo.regions import REGIONS, region_name

log = logging.getLogger(__name__)

ROOT = "/api"
VERSION = "v1"
PREFIX = f"{ROOT}/{VERSION}"
SPEC_PATH = f"{PREFIX}/openapi.json"
CACHE_CONTROL = "public, max-age=60"  # a minute: readers see an import within it, and a crowd costs little
ERROR_LANG = "en"  # errors are in English unless ?lang= asks for kk or ru
SHOWN_CHARS = 80  # a parameter echoed in an error is cut to this many characters
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


class BadRequest(Exception):
    """A request the API cannot answer as asked: status 400 with this sentence."""


# --- parameters ---------------------------------------------------------------------------------------------------


def error_lang(request: Request) -> str:
    """The language of the request's error messages: its ``lang`` when that is kk, ru or en, else English."""
    asked = request.query_params.get("lang")
    return asked if asked in LANGS else ERROR_LANG


def _shown(value: str) -> str:
    return value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…"


def parameters(request: Request, allowed: tuple[str, ...]) -> dict[str, str]:
    """The query's parameters, each given at most once and each one of ``allowed`` (``lang`` always is)."""
    lang = error_lang(request)
    names = ("lang", *allowed)
    given: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name not in names:
            raise BadRequest(t("api_unknown_parameter", lang, name=_shown(name), allowed=", ".join(names)))
        if name in given:
            raise BadRequest(t("api_repeated_parameter", lang, name=name))
        given[name] = value
    if "lang" in given and given["lang"] not in LANGS:
        raise BadRequest(t("api_unknown_lang", lang, value=_shown(given["lang"])))
    return given


def region_parameter(given: dict[str, str], lang: str) -> str | None:
    """The ``region`` asked for: an ISO code of geo.regions exactly as listed (KZ-10), or None for all Kazakhstan."""
    region = given.get("region")
    if region is None:
        return None
    if region not in REGIONS:
        raise BadRequest(t("api_unknown_region", lang, region=_shown(region), codes=", ".join(REGIONS)))
    return region


# --- responses ----------------------------------------------------------------------------------------------------


def error(status: int, text: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": text}, status_code=status, headers=headers)


def etag(version: str, request: Request) -> str:
    """A strong ETag of what a response depends on: the store's version, the path and the query."""
    query = sorted(request.query_params.multi_items())
    digest = hashlib.sha256(json.dumps([version, request.url.path, query]).encode()).hexdigest()
    return f'"{digest[:32]}"'


def _matches(if_none_match: str | None, tag: str) -> bool:
    if not if_none_match:
        return False
    tags = {part.strip().removeprefix("W/") for part in if_none_match.split(",")}
    return "*" in tags or tag in tags


def encoded(body: Any) -> bytes:
    """``body`` as compact UTF-8 JSON, as Starlette's JSONResponse writes it."""
    return json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def cached(request: Request, key: Hashable, body: Callable[[], Any]) -> Response:
    """``body()`` as JSON, encoded once per store version and ``key`` (geo.publicdata's cache), with its ETag and
    Cache-Control; 304 and no body when the reader already has it."""
    version, content = publicdata.CACHE.get(db.get_engine(), ("api", key), lambda: encoded(body()))
    tag = etag(version, request)
    headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
    if _matches(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    return Response(content, media_type="application/json", headers=headers)


Handler = Callable[[Request], Response]


def endpoint(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """``handler`` run in a worker thread (it reads the store), with its BadRequest a 400 and anything unexpected
    a 500 that says nothing of the cause, logged here with its traceback."""

    async def handle(request: Request) -> Response:
        try:
            return await run_in_threadpool(handler, request)
        except BadRequest as bad:
            return error(400, str(bad))
        except Exception:
            log.exception("API request %s failed", request.url.path)
            return error(500, t("api_internal_error", error_lang(request)))

    handle.__name__ = handler.__name__
    handle.__doc__ = handler.__doc__
    return handle


# --- endpoints ----------------------------------------------------------------------------------------------------


def summary(request: Request) -> Response:
    """The public summary of Kazakhstan, or of one region."""
    given = parameters(request, ("region",))
    region = region_parameter(given, error_lang(request))
    return cached(
        request, ("summary", region), lambda: {"region": region, **publicdata.summary(db.get_engine(), region)[1]}
    )


def regions(request: Request) -> Response:
    """One entry per region with plots or plantings: its names, figures and estimate."""
    parameters(request, ())
    return cached(request, "regions", named_regions)


def named_regions() -> dict[str, Any]:
    _, entries = publicdata.regions(db.get_engine())
    return {"regions": [{**e, "name": {lang: region_name(e["region"], lang) for lang in LANGS}} for e in entries]}


def openapi(request: Request) -> Response:
    """This API's OpenAPI description."""
    parameters(request, ())
    return cached(request, "openapi", lambda: OPENAPI)


async def not_found(request: Request, exc: Exception | None = None) -> Response:
    """An address under /api that names no endpoint."""
    return error(404, t("api_not_found", error_lang(request), path=_shown(request.url.path), spec=SPEC_PATH))


async def method_not_allowed(request: Request, exc: Exception) -> Response:
    headers = exc.headers if isinstance(exc, HTTPException) else None
    return error(405, t("api_method_not_allowed", error_lang(request)), headers=dict(headers or {}))


API = Starlette(
    routes=[
        Route(f"/{VERSION}/summary", endpoint(summary)),
        Route(f"/{VERSION}/regions", endpoint(regions)),
        Route(f"/{VERSION}/openapi.json", endpoint(openapi)),
    ],
    exception_handlers={404: not_found, 405: method_not_allowed},
)


def routes() -> list[BaseRoute]:
    """The routes to add to the app's server: everything under /api (unknown addresses answered with a JSON 404,
    never the app's page), and /api itself."""
    return [Mount(ROOT, app=API), Route(ROOT, not_found, methods=ALL_METHODS)]


# --- security headers ---------------------------------------------------------------------------------------------

# Streamlit serves custom components (the map's iframe) here: inside an embedded public page they are framed by the
# app, which is itself framed by another site, and frame-ancestors checks every ancestor.
COMPONENT_PREFIX = "/component/"


class SecurityHeaders:
    """ASGI middleware: every HTTP response gets ``X-Content-Type-Options: nosniff``, ``Referrer-Policy`` and a CSP
    ``frame-ancestors``: any site may frame the ``framable`` paths (the public page) and the components inside
    them; every other page only the app itself."""

    def __init__(self, app: ASGIApp, framable: tuple[str, ...] = ()) -> None:
        self.app = app
        self.framable = frozenset(framable)

    def policy(self, path: str) -> bytes:
        anywhere = (path.rstrip("/") or "/") in self.framable or path.startswith(COMPONENT_PREFIX)
        return b"frame-ancestors *" if anywhere else b"frame-ancestors 'self'"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
            (b"content-security-policy", self.policy(scope["path"])),
        ]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in added if name not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --- the OpenAPI description --------------------------------------------------------------------------------------

_INT = {"type": "integer", "minimum": 0}
_INT_OR_NULL = {"type": ["integer", "null"], "minimum": 0}
_NUMBER = {"type": "number", "minimum": 0}
_SHARE_OR_NULL = {"type": ["number", "null"], "minimum": 0}
_ESTIMATE_FIELD = {
    "surviving": _INT,
    "low": _INT,
    "high": _INT,
    "rate": _NUMBER,
    "rate_low": _NUMBER,
    "rate_high": _NUMBER,
    "surveyed": _INT,
    "method": {"type": "string"},
}
# Each public field's schema, by name (geo.publicdata lists which fields each object has).
_FIELD = {
    "region": {"$ref": "#/components/schemas/RegionCode"},
    "target": _INT,
    "planted": _INT,
    "surviving": _INT,
    "surveyed_planted": _INT,
    "plots": _INT,
    "area_ha": _NUMBER,
    "survival": _SHARE_OR_NULL,
    "survival_adjusted": _INT_OR_NULL,
    "gap_filled": {**_INT, "description": "Seedlings of gap-filling (replacing dead ones): not in planted."},
    "sown_ha": {**_NUMBER, "description": "Hectares of direct seeding: not in planted."},
    "written_off": _INT,
    "estimate": {"$ref": "#/components/schemas/Estimate"},
    "estimate_reason": {"$ref": "#/components/schemas/EstimateReason"},
}


def _object(fields: tuple[str, ...], schemas: dict[str, Any], **extra: Any) -> dict[str, Any]:
    properties = {name: schemas[name] for name in fields} | extra
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def _breakdown(fields: tuple[str, ...]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": _object(fields, _FIELD)}


def _json(schema: str, description: str, headers: bool = False) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }
    if headers:
        answer["headers"] = {name: {"$ref": f"#/components/headers/{name}"} for name in ("ETag", "Cache-Control")}
    return answer


def _operation(summary: str, schema: str, parameters: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": [
                *parameters,
                {"$ref": "#/components/parameters/lang"},
                {"$ref": "#/components/parameters/If-None-Match"},
            ],
            "responses": {
                "200": _json(schema, "The figures.", headers=True),
                "304": {"description": "Not modified: the ETag given in If-None-Match is still current."},
                "400": _json("Error", "A parameter is unknown, repeated or has a value the API does not know."),
                "500": _json("Error", "The server failed; the cause is in its log, not in the answer."),
            },
        }
    }


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "Orman read API",
        "version": VERSION,
        "description": "The public figures of Kazakhstan's reforestation programme, as on the public page: counted "
        "from approved batches only, with no names of people and no file names. Every answer carries an ETag "
        "(send it back in If-None-Match to get 304) and may be cached for a minute. Errors are JSON "
        '{"error": "…"} in English, or in Kazakh or Russian with lang=kk or lang=ru.',
    },
    "paths": {
        f"{PREFIX}/summary": _operation(
            "Trees planted, surviving, plots, area, gap-filling seedlings, hectares sown and the survival estimate, "
            "in all and broken down by region, year, partner and species; for one region with ?region=.",
            "Summary",
            [{"$ref": "#/components/parameters/region"}],
        ),
        f"{PREFIX}/regions": _operation(
            "One entry per region with plots or plantings: its names, figures and survival estimate.", "Regions", []
        ),
        SPEC_PATH: _operation("This description (OpenAPI 3.1).", "OpenAPI", []),
    },
    "components": {
        "parameters": {
            "region": {
                "name": "region",
                "in": "query",
                "required": False,
                "description": "One region's figures, by its ISO 3166-2:KZ code.",
                "schema": {"$ref": "#/components/schemas/RegionCode"},
            },
            "lang": {
                "name": "lang",
                "in": "query",
                "required": False,
                "description": "The language of error messages (default en).",
                "schema": {"type": "string", "enum": list(LANGS)},
            },
            "If-None-Match": {
                "name": "If-None-Match",
                "in": "header",
                "required": False,
                "description": "The ETag of an answer already held: 304 when it is still current.",
                "schema": {"type": "string"},
            },
        },
        "headers": {
            "ETag": {
                "description": "Changes when the store's figures or the query change.",
                "schema": {"type": "string"},
            },
            "Cache-Control": {"description": CACHE_CONTROL, "schema": {"type": "string"}},
        },
        "schemas": {
            "RegionCode": {"type": "string", "enum": list(REGIONS)},
            "Estimate": {
                "description": "Estimated surviving trees with the 95 % interval (low–high) of the count and of the "
                "rate; null when there is none (estimate_reason says why).",
                "oneOf": [_object(publicdata.ESTIMATE_FIELDS, _ESTIMATE_FIELD), {"type": "null"}],
            },
            "EstimateReason": {
                "description": "Why there is no estimate; null when there is one.",
                "enum": [survival.NO_PLANTINGS, survival.TOO_FEW_SURVEYS, None],
            },
            "Summary": _object(
                publicdata.SUMMARY_FIELDS,
                _FIELD,
                region={"oneOf": [{"$ref": "#/components/schemas/RegionCode"}, {"type": "null"}]},
                **{name: _breakdown(fields) for name, fields in publicdata.BREAKDOWN_FIELDS.items()},
            ),
            "Region": _object(
                publicdata.REGION_FIELDS,
                _FIELD,
                name=_object(LANGS, {lang: {"type": "string"} for lang in LANGS}),
            ),
            "Regions": _object((), {}, regions={"type": "array", "items": {"$ref": "#/components/schemas/Region"}}),
            "OpenAPI": {"type": "object", "required": ["openapi", "info", "paths"]},
            "Error": _object(("error",), {"error": {"type": "string"}}),
        },
    },
}
