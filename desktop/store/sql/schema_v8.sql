ALTER TABLE decisions ADD COLUMN issuer_unit_name TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN issuer_unit_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN issuer_parent_body TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN issuer_commune_name TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN issuer_place_name TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN issuer_head_title TEXT NOT NULL DEFAULT '';
