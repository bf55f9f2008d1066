ALTER TABLE departments ADD COLUMN stopped_on TEXT;
