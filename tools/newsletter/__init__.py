"""The editor's newsletter commands (make newsletter, make send-newsletter): `python -m tools.newsletter`.

cli.py holds the commands; written.py reads the newsletters a build wrote; screenshots.py shoots
them; sending.py and ledger.py send an .eml once per week. The build side (rendering the emails)
is the plugin plugins/newsletter/, imported as `newsletter`; this package is `tools.newsletter`.
"""
