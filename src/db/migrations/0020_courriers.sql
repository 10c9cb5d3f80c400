-- Mail ("Courriers" tab): indexes that keep recording, handing out, undoing and the date de
-- dernier passage fast with millions of events.

-- The latest presence of one domicilié (date de dernier passage) without reading their whole
-- history; the predicate is written exactly as in last-visit.repository.ts so the planner uses it.
CREATE INDEX courrier_events_presence_idx ON courrier_events (domicilie_id, created_at DESC)
  WHERE undone_at IS NULL AND (kind IN ('visit', 'call', 'transfer') OR (kind = 'hand_out' AND recipient = 'domicilie'));

-- Undoing a reception removes its items; deleting an event cascades through them.
CREATE INDEX courrier_items_reception_idx ON courrier_items (reception_event_id);

-- Deleting a procuration sets procuration_id to NULL on the events that used it.
CREATE INDEX courrier_events_procuration_idx ON courrier_events (procuration_id) WHERE procuration_id IS NOT NULL;
