"""The validate verb: which files to check, checking each against the rules, the cache's use and
the rule table."""
