"""Local stand-ins for the messengers' APIs, for trying and testing the product without them.

Each is a small aiohttp server on 127.0.0.1 that answers the methods the product calls the way the real
service does, errors included, and records what it was sent; with it, a driver that plays a person.
They are test doubles, kept apart from the channels they stand in for.
"""
