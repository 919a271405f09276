"""The pull-request gate: routing each change to its procedure, the standing of adjustment
records, the check itself and CODEOWNERS."""
