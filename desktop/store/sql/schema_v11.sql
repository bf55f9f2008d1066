ALTER TABLE decisions ADD COLUMN money_date TEXT;
