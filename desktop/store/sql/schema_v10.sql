ALTER TABLE decision_awardees ADD COLUMN snapshot_ethnic_code TEXT;
ALTER TABLE decision_awardees ADD COLUMN snapshot_is_leader INTEGER;
