# SPDX-License-Identifier: EUPL-1.2
"""Two different schemas with one name collapse into one in the OpenAPI document (django-ninja
keeps the last), so an agency would be told the wrong body. Every name must be one class."""

from __future__ import annotations

import typing
from collections import defaultdict

from pydantic import BaseModel

from lifegate.config.api import api

_NINJA_WRAPPERS = {"QueryParams", "PathParams", "BodyParams", "HeaderParams", "FormParams"}


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _walk(model: type[BaseModel], seen: dict[str, set[type[BaseModel]]]) -> None:
    if model in seen[model.__name__]:
        return
    if model.__name__ not in _NINJA_WRAPPERS:
        seen[model.__name__].add(model)
    for field in model.model_fields.values():
        for nested in _models_in(field.annotation):
            _walk(nested, seen)


def _schemas_by_name() -> dict[str, set[type[BaseModel]]]:
    seen: dict[str, set[type[BaseModel]]] = defaultdict(set)
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _walk(model, seen)
                for response in operation.response_models.values():
                    for nested in _models_in(
                        getattr(response, "__annotations__", {}).get("response")
                    ):
                        _walk(nested, seen)
    return seen


def test_every_schema_name_in_the_api_belongs_to_one_class():
    seen = _schemas_by_name()

    clashes = {
        name: sorted(c.__module__ for c in classes)
        for name, classes in seen.items()
        if len(classes) > 1
    }

    assert len(seen) > 20  # the walk found the API's schemas
    assert clashes == {}
