"""Every field a measure needs is supplied by some return (check XIN01), named at its catalogue cell."""

from __future__ import annotations

from builders import measure, simple_inputs, target, write_return
from contract_helpers import read_csv

from fscxl.pipeline import validate


def test_each_field_no_return_supplies_is_an_error_at_its_catalogue_cell(tmp_path):
    inputs = simple_inputs(tmp_path, measures=[measure("M1", numerator="NOPE", denominator="GONE")])
    errors = validate(inputs).errors
    assert [(e.code, e.workbook, e.sheet, e.cell) for e in errors] == [
        ("XIN01", "measures.xlsx", "Measures", "I2"), ("XIN01", "measures.xlsx", "Measures", "J2")]
    assert all("M1" in e.found for e in errors)


def test_fields_every_return_supplies_raise_nothing(tmp_path):
    assert not validate(simple_inputs(tmp_path)).problems


def test_a_field_whose_row_is_there_but_not_yet_filled_in_is_supplied(tmp_path, cli):
    # A return lists the code with every month blank ("not yet reported"): the field is
    # supplied; its figures are simply missing, which is a warning, not an error.
    inputs = simple_inputs(tmp_path, measures=[measure("N1", unit="Number", denominator=None, numerator="NEW"),
                                               measure("P1")],
                           targets=[target("P1", target=80)])
    write_return(inputs / "returns" / "new.xlsx", {"NEW": [None] * 14})
    assert not any(p.code == "XIN01" for p in validate(inputs).problems)
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 0, result.output
    rows = {r["ref"]: r for r in read_csv(tmp_path / "out" / "2012-05" / "results.csv")}
    assert rows["N1"]["value"] == "" and rows["P1"]["value"] == "80.0"


def test_the_command_line_names_the_measure_and_the_cell(tmp_path, cli):
    inputs = simple_inputs(tmp_path, measures=[measure("M7", numerator="NOT_THERE")])
    result = cli("validate", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 1
    assert "sheet 'Measures', cell I2: measure M7 (A measure) needs the field NOT_THERE" in result.output
