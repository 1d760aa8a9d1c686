-- Remote sync (issue 17): schedule overrides are synced last-writer-wins, so each carries when it
-- was last changed (epoch ms). The app's writer leaves the column alone and these triggers stamp
-- it; a pull writes the remote's time itself (a changed updated_at), which the triggers keep.
ALTER TABLE schedule_overrides ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER schedule_overrides_stamp_insert AFTER INSERT ON schedule_overrides
  WHEN NEW.updated_at = 0
BEGIN
  UPDATE schedule_overrides SET updated_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    WHERE schedule_id = NEW.schedule_id;
END;

CREATE TRIGGER schedule_overrides_stamp_update AFTER UPDATE OF patch ON schedule_overrides
  WHEN NEW.updated_at = OLD.updated_at
BEGIN
  UPDATE schedule_overrides SET updated_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    WHERE schedule_id = NEW.schedule_id;
END;
