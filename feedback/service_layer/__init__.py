"""The PAKN application services, each with the ports it needs from storage and the channels."""
