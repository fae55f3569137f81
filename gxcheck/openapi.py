"""The self-check page's JSON API described as OpenAPI 3.1 (served at ``/api/openapi.json``).

The answer's schema is the one ``gxcheck schema`` prints, generated from the models in
``gxcheck.schema``, so the description cannot drift from what the API sends.
"""

from __future__ import annotations

from typing import Any

from gxcheck import __version__
from gxcheck.schema import RunOut

_UPLOAD = {"type": "string", "format": "binary"}
_ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}


def openapi() -> dict[str, Any]:
    schemas = RunOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schemas.pop("$defs", {})
    components["RunOut"] = schemas
    components["Error"] = _ERROR
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "gxcheck 自查接口", "version": __version__,
                 "description": "上传一份政府信息公开工作年度报告，得到与 gxcheck run --format json 相同的检查结果。"},
        "paths": {"/api/check": {"post": {
            "summary": "检查一份报告（可附上一年度的报告，做跨年比较）",
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {"file": {**_UPLOAD, "description": "要检查的报告（docx、pdf、html、txt、md 等）"},
                               "previous": {**_UPLOAD, "description": "同一机关上一年度的报告（可选）"}}}}}},
            "responses": {
                "200": {"description": "检查结果（documents 中一份文件）",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunOut"}}}},
                "400": {"description": "没有上传文件，或文件为空", **error},
                "403": {"description": "请求来自不允许的主机名或其他网站", **error},
                "413": {"description": "文件超过大小上限", **error},
            }}}},
        "components": {"schemas": components},
    }
