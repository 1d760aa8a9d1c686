// Test fixture: a worker that dies before it is ready, every time (drives the restart backoff).
process.exit(7);
