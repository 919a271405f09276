"""What changed and who changed it: the semantic diff, township versions, history and blame."""
