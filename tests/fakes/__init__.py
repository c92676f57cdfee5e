"""In-memory stand-ins for the storage the application services use, so that the unit layer tests the
services' rules in milliseconds; the integration layer tests the SQL behind the same protocols.

`FakeDatabase` holds what is committed; `FakeUnitOfWork` is one transaction on it: its writes are its own
until it commits, and a commit that would overwrite a change committed meanwhile raises what storage/ raises.
"""
