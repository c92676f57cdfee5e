"""The plain-text channel: the dialogue as lines of text, choices as numbered lines ("gõ 1, 2, 3").

It proves the dialogue needs no messenger: tests run the scenario suite through it, and
`motcua chat --channel text` lets anyone talk to the product in a terminal.
"""
