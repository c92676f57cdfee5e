"""The base of every refusal at intake: a channel that turns any of them into its own message catches one type,
and a refusal added later is not left to surface as a server error."""


class SubmissionRefused(Exception):
    """The PAKN was not stored, for a reason the citizen can act on (content, contact, files, unit, a cap)."""
