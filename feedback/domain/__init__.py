"""The PAKN domain: entities, rules, deadlines and working days; no ports, no I/O."""
