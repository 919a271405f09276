"""Publishing township lists: printable renders, reports and the spreadsheet round trip."""
