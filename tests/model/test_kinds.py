"""The file kinds: each schema id names its model, and models load only when asked for."""

from __future__ import annotations

import subprocess
import sys
import typing

from dutylist_cli.model.kinds import MODEL_BY_SCHEMA, MODEL_PLACES, SCHEMA_FILE_BY_SCHEMA


def test_each_kind_id_is_the_literal_its_model_requires() -> None:
    assert set(MODEL_PLACES) == set(SCHEMA_FILE_BY_SCHEMA)
    for schema, model in MODEL_BY_SCHEMA.items():
        annotation = model.model_fields["schema_"].annotation
        assert typing.get_args(annotation) == (schema,), model.__name__


def test_checking_a_list_does_not_build_the_models_of_records_tasks_and_assessments() -> None:
    probe = (
        "import sys, dutylist_cli.validation.checking\n"
        "print(sorted(m for m in sys.modules if m.startswith('dutylist_cli.model.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    for lazy in ("adjustment", "temporary", "assessment"):
        assert f"dutylist_cli.model.{lazy}'" not in loaded, loaded
    assert "dutylist_cli.model.township'" in loaded
