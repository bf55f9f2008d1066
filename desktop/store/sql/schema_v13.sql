ALTER TABLE decisions ADD COLUMN legal_basis TEXT NOT NULL DEFAULT '';
ALTER TABLE decision_awardees ADD COLUMN code_name TEXT NOT NULL DEFAULT '';
ALTER TABLE decision_awardees ADD COLUMN achievement TEXT NOT NULL DEFAULT '';
