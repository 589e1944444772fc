"""``sms-lint due``: what falls due in a window, overdue first (collect), from the rules' own
dates (sources, cycles), as text, JSON, Markdown or an iCalendar feed (formats, ics)."""
