from attendance.matching import (
    EMAIL,
    NAME,
    PHONE_PROFILE,
    REGISTRANT_ID,
    Registrant,
    Row,
    normalise_name,
    place,
)

DANA = Registrant(
    1,
    "reg-dana",
    frozenset({"dana@example.com", "dana.work@example.org"}),
    "Dana Whitfield-Núñez",
    "+14155550142",
)
OMAR = Registrant(2, "reg-omar", frozenset({"omar@example.com"}), "Omar Haddad")
PAT_ONE = Registrant(3, "", frozenset({"pat1@example.com"}), "Pat Lee")
PAT_TWO = Registrant(4, "", frozenset({"pat2@example.com"}), "Pat Lee")
EVERYONE = [DANA, OMAR, PAT_ONE, PAT_TWO]


def row(
    key=0, name="", email="", registrant_id="", role="attendee", original="", phone=False, digits=""
):
    return Row(key, name, original, email, registrant_id, role, phone, digits)


def test_the_registrant_id_of_the_personal_link_wins_over_everything():
    placement = place(
        [row(name="Omar Haddad", email="omar@example.com", registrant_id="reg-dana")], EVERYONE
    )
    assert placement.placed == {0: (1, REGISTRANT_ID)}


def test_any_verified_address_of_the_account_matches_ignoring_case():
    placement = place([row(email="Dana.Work@Example.org")], EVERYONE)
    assert placement.placed == {0: (1, EMAIL)}


def test_a_name_matches_only_when_exactly_one_registrant_has_it():
    placement = place([row(key=0, name="OMAR  haddad"), row(key=1, name="Pat Lee")], EVERYONE)
    assert placement.placed == {0: (2, NAME)}
    assert placement.unplaced == [1]


def test_renames_accents_and_case_are_folded_when_matching_names():
    placement = place([row(name="dana whitfield-nunez (Dana's iPad)")], EVERYONE)
    assert placement.placed == {0: (1, NAME)}


def test_the_original_name_of_a_renamed_participant_is_tried_too():
    placement = place([row(name="Room 4 laptop", original="Omar Haddad")], EVERYONE)
    assert placement.placed == {0: (2, NAME)}


def test_host_and_panelist_rows_are_placed_only_by_link_or_email():
    """A promoted attendee's panelist rows stay theirs (deciding then applies the roles rule);
    a host's row is never placed on a registrant by a name they may share."""
    placement = place(
        [
            row(key=0, name="Omar Haddad", role="host"),
            row(key=1, role="panelist", email="dana@example.com"),
        ],
        EVERYONE,
    )
    assert placement.not_attendees == [0, 1]
    assert placement.placed == {1: (1, EMAIL)}


def test_a_phone_row_is_placed_by_a_unique_profile_number_ending():
    placement = place([row(name="+1 415***0142", phone=True, digits="14150142")], EVERYONE)
    assert placement.placed == {0: (1, PHONE_PROFILE)}


def test_a_phone_row_never_matches_by_its_name():
    placement = place([row(name="Call-in User_1", phone=True, digits="")], EVERYONE)
    assert placement.unplaced == [0]


def test_a_guest_without_any_key_stays_unplaced():
    placement = place([row(name="iPhone", email="")], EVERYONE)
    assert placement.unplaced == [0]


def test_each_row_places_at_most_one_registrant():
    placement = place([row(key=k, name="Omar Haddad") for k in range(3)], EVERYONE)
    assert sorted(placement.placed) == [0, 1, 2]
    assert {reg for reg, _ in placement.placed.values()} == {2}


def test_normalise_name_strips_the_rename_suffix_and_folds():
    assert normalise_name("  José  O'Neil (old name) ") == "jose o'neil"
