# The editor's interface. Every target creates .venv from requirements.txt when it is missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PELICAN := $(VENV)/bin/pelican
PORT ?= 8000
EDITOR_PORT ?= 8081
OUTPUT := output

# A typed value as one shell word, exactly as typed: no $ expansion, no backticks ('…' with ' escaped).
shell_quote = '$(subst ','"'"',$(1))'

.PHONY: html serve devserver editor review check publish deploy status clean test new-post new-site node-tools help screenshots newsletter send-newsletter send-due-newsletter share bench messages import-wordpress server-headers

help:
	@echo "make html | serve | devserver | editor | check | publish | deploy DEPLOY_TARGET=… | status | clean | test | new-post TITLE=\"…\" AUTHOR=handle | new-site NAME=\"…\" COMPANY=\"…\" URL=https://… LANG=de"

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

node-tools: node_modules/.installed

html: $(VENV)/.installed  ## build the site for preview (problems are printed, not fatal)
	$(PY) -m tools.build --settings pelicanconf.py --output $(OUTPUT)

serve: html  ## build, then serve output/ on http://localhost:8000 (PORT=8001 for another port)
	$(PY) -m tools.serve --output $(OUTPUT) --port $(PORT)

devserver: $(VENV)/.installed  ## preview on http://localhost:8000: rebuilds on save, reloads the browser, shows problems
	$(PY) -m tools.preview --settings pelicanconf.py --output $(OUTPUT) --port $(PORT)

editor: $(VENV)/.installed node_modules/.installed  ## the preview plus the web editor at /admin/, saving into this checkout (no account; EDITOR_PORT=8081 for decap-server)
	$(PY) -m tools.editor --settings pelicanconf.py --output $(OUTPUT) --port $(PORT) --backend-port $(EDITOR_PORT)

check: $(VENV)/.installed node_modules/.installed  ## strict build, then links, Nu checker, chromium + axe of what changed (FULL=1: every page), Lighthouse budgets (LIGHTHOUSE=0: not); one summary
	$(PY) -m tools.check $(if $(CODE_QUALITY),--code-quality $(CODE_QUALITY)) $(if $(filter 1 true yes,$(FULL)),--full) $(if $(BASE),--base $(call shell_quote,$(value BASE))) $(if $(filter 0 false no,$(LIGHTHOUSE)),--no-lighthouse)

review: $(VENV)/.installed  ## the branch's site for review (CI links it on the merge request): drafts and scheduled posts shown, in review/
	$(PY) -m tools.review --output review

publish: $(VENV)/.installed  ## production build, swapped into output/ only when it is clean; renders only the pages whose inputs changed (FULL=1: every page)
	$(PY) -m tools.publish --settings publishconf.py --output $(OUTPUT) $(if $(filter 1 true yes,$(FULL)),--full)

deploy: $(VENV)/.installed  ## publish, then rsync output/ to DEPLOY_TARGET; DRY_RUN=1 changes nothing, VERBOSE=1 lists every file, DEPLOY_NEWSLETTER=1 uploads the emails, FULL=1 renders every page
	$(PY) -m tools.deploy --settings publishconf.py --output $(OUTPUT) $(if $(DEPLOY_TARGET),--target "$(DEPLOY_TARGET)") $(if $(filter 1 true yes,$(DRY_RUN)),--dry-run) $(if $(filter 1 true yes,$(VERBOSE)),--verbose) $(if $(filter 1 true yes,$(DEPLOY_NEWSLETTER)),--newsletter) $(if $(filter 1 true yes,$(FULL)),--full)

status: $(VENV)/.installed  ## what goes live next: scheduled posts, the next roundup, the newsletter, drafts
	$(PY) -m tools.status

clean:
	rm -rf $(OUTPUT) cache .pytest_cache

test:  ## the whole test suite; first installs Debian's chromium, Java, jing, rsync if missing (as root)
	@bash .ci/install-tools
	@$(MAKE) --no-print-directory -s $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest

new-post: $(VENV)/.installed  ## make new-post TITLE="Mein Titel" AUTHOR=jana-beispiel
	$(PY) -m tools.new_post --title $(call shell_quote,$(value TITLE)) --author $(call shell_quote,$(value AUTHOR)) $(if $(CONTENT),--content $(CONTENT))

# LANG is also the shell's locale (LANG=C.UTF-8): only a LANG given on the command line is the blog's language.
SITE_LANG = $(if $(filter command line,$(origin LANG)),$(LANG),de)

new-site: $(VENV)/.installed  ## make new-site NAME="Acme Blog" COMPANY="Acme GmbH" URL=https://blog.acme.example LANG=de [LOGO=logo.svg] [ACCENT=#0b5cad] [DRY_RUN=1]
	$(PY) -m tools.new_site --name $(call shell_quote,$(value NAME)) --company $(call shell_quote,$(value COMPANY)) --url $(call shell_quote,$(value URL)) --lang $(call shell_quote,$(SITE_LANG)) $(if $(LOGO),--logo $(call shell_quote,$(value LOGO))) $(if $(ACCENT),--accent $(call shell_quote,$(value ACCENT))) $(if $(filter 1 true yes,$(DRY_RUN)),--dry-run)

# Targets below are filled in by their features (see README).
screenshots: $(VENV)/.installed node_modules/.installed  ## PNGs of the main page types in output/_screenshots/
	$(PY) -m tools.screenshots

newsletter: $(VENV)/.installed  ## build the latest roundup's email, print paths and size
	$(PY) -m tools.newsletter build

send-newsletter: $(VENV)/.installed  ## dry run unless CONFIRM=1; FORCE=1 resends a week
	$(PY) -m tools.newsletter send $(if $(CONFIRM),--confirm) $(if $(FORCE),--force)

send-due-newsletter: $(VENV)/.installed  ## CI, after the Friday deploy: the week that just closed, exactly once (CONFIRM=1 sends)
	$(PY) -m tools.newsletter send-due $(if $(filter 1 true yes,$(CONFIRM)),--confirm)

share: $(VENV)/.installed  ## make share WEEK=2026-W47 [SETTINGS=publishconf.py]: print the #FollowFriday posts
	$(PY) -m tools.share --output $(OUTPUT) $(if $(SETTINGS),--settings $(SETTINGS)) $(WEEK)

server-headers: $(VENV)/.installed  ## the security headers for nginx, Apache and Caddy, from the settings (docs/deploy.md)
	$(PY) -m tools.server_headers --settings publishconf.py

import-wordpress: $(VENV)/.installed  ## make import-wordpress WXR=export.xml [UPLOADS=folder-or-https-url] [DRY_RUN=1]
	$(PY) -m tools.wordpress --wxr $(call shell_quote,$(value WXR)) $(if $(UPLOADS),--uploads $(call shell_quote,$(value UPLOADS))) $(if $(filter 1 true yes,$(DRY_RUN)),--dry-run)

messages: $(VENV)/.installed  ## update the German catalogs of problem messages from the code (CHECK=1: only report)
	$(PY) -m tools.messages $(if $(filter 1 true yes,$(CHECK)),--check)

bench: $(VENV)/.installed  ## benchmark against plain Pelican; N=5000 for a bigger corpus
	$(PY) bench/run.py $(if $(N),--articles $(N))
