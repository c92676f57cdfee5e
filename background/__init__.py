"""Work an instance does in the background while it serves: one loop class for all of it (`loop.BackgroundLoop`)."""
