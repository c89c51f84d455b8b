-- Keyset paging of GET /jobs/{id}/objects without a status filter: (job_id, id).
CREATE INDEX IF NOT EXISTS job_objects_job_id_idx ON job_objects (job_id, id);
