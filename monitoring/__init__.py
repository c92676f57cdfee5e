"""What an operator watches: the background loops' heartbeats and the Prometheus metrics."""
