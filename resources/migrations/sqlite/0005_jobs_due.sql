-- jobs_due held every waiting job, so every claim also rewrote one of its pages. The dispatcher
-- only needs it for jobs that become ready later (a retry's backoff, a delayed or released job):
-- a job due when it was queued is taken when something wakes the dispatcher (the enqueue itself,
-- a running job of its source ending, a rate limit's timer), never by this index's timer.
DROP INDEX jobs_due;
CREATE INDEX jobs_due ON jobs (next_run_at)
  WHERE status = 'retry' OR (status = 'pending' AND next_run_at > created_at);
