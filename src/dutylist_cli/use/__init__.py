"""Using the lists: `who` (dispatch, accountability) and, later, `vet` (what departments assign)."""
