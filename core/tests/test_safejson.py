"""loads_bounded: JSON from outside is refused plainly when its shape would crash json.loads."""

import json

import pytest

from core.safejson import JSONTooComplex, loads_bounded


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_ordinary_json_loads_as_json_loads_would():
    text = '{"participants": [{"name": "Dana \\"D\\" Whitfield", "duration": 3600.5e0}]}'
    assert loads_bounded(text) == json.loads(text)
    assert loads_bounded(text.encode()) == json.loads(text)


def test_nesting_deeper_than_the_limit_is_refused_with_a_code():
    with pytest.raises(JSONTooComplex) as caught:
        loads_bounded(nested(1_000))
    assert caught.value.code == "json_too_deep"
    assert "nested more than 64 levels" in caught.value.message


def test_nesting_at_the_limit_is_accepted():
    assert loads_bounded(nested(5), max_depth=5) == [[[[[]]]]]
    with pytest.raises(JSONTooComplex):
        loads_bounded(nested(6), max_depth=5)


def test_a_huge_integer_is_refused_before_python_tries_to_convert_it():
    with pytest.raises(JSONTooComplex) as caught:
        loads_bounded('{"id": ' + "9" * 5_000 + "}")
    assert caught.value.code == "json_number_too_long"


def test_brackets_and_digits_inside_strings_do_not_count():
    text = json.dumps({"name": "[" * 500 + "1" * 500, "note": '\\"[[[['})
    assert loads_bounded(text)["name"].startswith("[[[")


def test_brackets_after_an_unterminated_string_are_not_taken_for_nesting():
    with pytest.raises(json.JSONDecodeError):
        loads_bounded('["unterminated ' + nested(500))


def test_invalid_json_still_raises_json_decode_error():
    with pytest.raises(json.JSONDecodeError):
        loads_bounded("{nope")


def test_the_refusal_is_a_value_error_so_existing_handlers_catch_it():
    assert issubclass(JSONTooComplex, ValueError)
